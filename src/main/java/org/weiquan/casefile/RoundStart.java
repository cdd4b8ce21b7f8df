package org.weiquan.casefile;

/** Why a handling round began. */
public enum RoundStart {
    /** 受理: the first round */
    ACCEPTED,
    /** 回访发现问题反复 */
    REOPENED_AFTER_FOLLOW_UP,
    /** 结案质量评查不合格 */
    REOPENED_AFTER_AUDIT,
    /** 台账记载的重新办理 */
    REOPENED_IN_LEDGER
}
