package org.weiquan.intake;

/** Where a contact stands in its acceptance review. */
public enum ContactStatus {
    /** 待受理审查 */
    AWAITING_REVIEW
}
