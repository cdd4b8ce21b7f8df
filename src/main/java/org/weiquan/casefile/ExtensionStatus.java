package org.weiquan.casefile;

/** Where an extension request stands. */
public enum ExtensionStatus {
    REQUESTED,
    APPROVED,
    REFUSED,
    /** the round ended (closed or withdrawn) before anyone decided */
    LAPSED
}
