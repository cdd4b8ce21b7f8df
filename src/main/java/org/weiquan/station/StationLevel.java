package org.weiquan.station;

/** Where a station stands in the network. */
public enum StationLevel {
    /** 县妇联 */
    COUNTY,
    /** 街道/乡镇维权服务中心 */
    SUBDISTRICT,
    /** 社区妇女维权站 */
    COMMUNITY,
    /** 村妇女儿童维权服务室 */
    VILLAGE;

    /** Which levels may sit directly under this one. */
    public boolean mayHaveChild(StationLevel child) {
        return switch (this) {
            case COUNTY -> child == SUBDISTRICT;
            case SUBDISTRICT -> child == COMMUNITY || child == VILLAGE;
            case COMMUNITY, VILLAGE -> false;
        };
    }
}
