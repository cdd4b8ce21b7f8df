package org.weiquan.security;

import java.util.Optional;

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

    /** The station code of a candidate group of this role ({@link #groupAt}); empty for any other group. */
    public Optional<String> stationOf(String group) {
        String prefix = "station:";
        String suffix = ":" + name().toLowerCase();
        return group.length() > prefix.length() + suffix.length() && group.startsWith(prefix) && group.endsWith(suffix)
                ? Optional.of(group.substring(prefix.length(), group.length() - suffix.length()))
                : Optional.empty();
    }
}
