package org.weiquan.intake;

/** The outcome of the acceptance review (受理审查). */
public enum ReviewDecision {
    /** 咨询解答: answered on the spot; a contact, not a case */
    CONSULTATION_ANSWERED,
    /** 不予受理: with the reason and where the person was told to go */
    NOT_ACCEPTED,
    /** 转送: to another station (which reviews it) or to an outside body */
    TRANSFERRED,
    /** 受理: becomes a case */
    ACCEPTED
}
