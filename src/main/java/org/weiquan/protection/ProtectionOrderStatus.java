package org.weiquan.protection;

/** Where a personal safety protection order (人身安全保护令) stands. */
public enum ProtectionOrderStatus {
    /** offered, and the person chose not to apply */
    DECLINED,
    /** applied for; the court has not ruled yet */
    APPLIED,
    GRANTED,
    REFUSED
}
