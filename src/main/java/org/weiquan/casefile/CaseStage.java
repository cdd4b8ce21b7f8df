package org.weiquan.casefile;

/** Where in its life (DESIGN §3) an open case stands. */
public enum CaseStage {
    /** 办理 */
    HANDLING,
    /** 结案审批 */
    CLOSURE_REQUESTED,
    /** 回访 */
    FOLLOW_UP,
    /** 已结案 */
    CLOSED
}
