package org.weiquan.mediation;

/** Judicial confirmation of a written agreement (人民调解法 art. 33): the parties may apply within 30 days. */
public enum ConfirmationStatus {
    NOT_APPLIED,
    APPLIED,
    CONFIRMED,
    REFUSED,
    /** the 30 days passed without an application */
    LAPSED
}
