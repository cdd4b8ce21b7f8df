package org.weiquan.intake;

/** 信访事项类型. */
public enum PetitionType {
    /** 建议意见 */
    SUGGESTION,
    /** 检举控告 */
    ACCUSATION,
    /** 申诉求决 */
    CLAIM
}
