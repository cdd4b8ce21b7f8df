package org.weiquan.protection;

/** How a mandatory report reached the police. */
public enum ReportMethod {
    PHONE,
    VISIT,
    WRITTEN,
    ONLINE
}
