package org.weiquan.security;

/** What a user may do (DESIGN §1, §6). */
public enum Role {
    /** 接待员: registers contacts, records acknowledgements */
    INTAKE,
    /** 调解员: works assigned or station tasks */
    MEDIATOR,
    /** 主任: decides acceptance, extensions and closures in the subtree */
    SUPERVISOR,
    /** 管理员: users and stations; reads no case file without a case role */
    ADMIN;

    /** The candidate group of this role at a station, as the process models name it. */
    public String groupAt(String stationCode) {
        return "station:" + stationCode + ":" + name().toLowerCase();
    }
}
