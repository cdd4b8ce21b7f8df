package org.weiquan.casefile;

public enum CaseStatus {
    /** 办理中 */
    OPEN,
    /** 已结案 */
    CLOSED
}
