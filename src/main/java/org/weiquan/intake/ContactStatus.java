package org.weiquan.intake;

/** Where a contact stands in its acceptance review. */
public enum ContactStatus {
    /** 待受理审查 */
    AWAITING_REVIEW,
    /** 咨询已解答 */
    CONSULTATION_ANSWERED,
    /** 不予受理 */
    NOT_ACCEPTED,
    /** 已转送外单位 (counted apart) */
    TRANSFERRED_OUT,
    /** 已受理 */
    ACCEPTED;

    public boolean isDecided() {
        return this != AWAITING_REVIEW;
    }
}
