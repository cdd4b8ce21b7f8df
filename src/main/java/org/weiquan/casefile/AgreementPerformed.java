package org.weiquan.casefile;

/** Whether the agreement reached was kept, as the follow-up visit found. */
public enum AgreementPerformed {
    YES,
    PARTLY,
    NO,
    /** there was no agreement to keep */
    NO_AGREEMENT
}
