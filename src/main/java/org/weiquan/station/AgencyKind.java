package org.weiquan.station;

/** What kind of partner a case may be referred to (DESIGN §2, 转介). */
public enum AgencyKind {
    /** 公安 */
    POLICE,
    /** 法院 */
    COURT,
    /** 法律援助中心 */
    LEGAL_AID,
    /** 司法所 */
    JUDICIAL_OFFICE,
    /** 民政（含救助站、庇护场所） */
    CIVIL_AFFAIRS,
    /** 人社 */
    HR_SOCIAL_SECURITY,
    /** 医院 */
    HOSPITAL,
    /** 学校 */
    SCHOOL
}
