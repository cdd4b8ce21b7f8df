package org.weiquan.intake;

/** How a contact reached the station (DESIGN §2). */
public enum Channel {
    /** 来信 */
    LETTER,
    /** 来访 */
    VISIT,
    /** 12338 热线 */
    HOTLINE,
    /** 电话 */
    PHONE,
    /** 网上 */
    ONLINE,
    /** 意见箱 */
    COMPLAINT_BOX,
    /** 司法所投诉站 */
    JUDICIAL_OFFICE,
    /** 上级转送/交办 */
    TRANSFER,
    /** 公检法转介 */
    AGENCY_REFERRAL,
    /** 强制报告 */
    MANDATORY_REPORT,
    /** 排查 */
    SCREENING,
    /** 舆情 */
    MEDIA
}
