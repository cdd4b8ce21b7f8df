package org.weiquan.security;

import org.weiquan.shared.Forbidden;

import java.util.Set;

/**
 * The user behind a request: name, the name people see (null when not known), station (code and subtree path),
 * roles and client address, and what the authentication read of her station besides ({@link Home}, null when it
 * read nothing more). What an actor may see is the subtree under its station.
 */
public record Actor(String username, String displayName, String stationCode, String stationPath, Set<Role> roles,
                    String clientAddress, Home home) {

    /**
     * Her own station as the request's authentication read it with her: what a registration at it needs (its id for
     * the contact, its name for the answer, whether it is closed, the code of the level a passed deadline escalates
     * to: its parent's, or its own at the root). A moment's snapshot like the rest of her read.
     */
    public record Home(long stationId, String name, boolean closed, String escalationCode) {
    }

    /** An actor whose station is known by its code and path only. */
    public Actor(String username, String displayName, String stationCode, String stationPath, Set<Role> roles,
                 String clientAddress) {
        this(username, displayName, stationCode, stationPath, roles, clientAddress, null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** INTAKE, MEDIATOR or SUPERVISOR: the roles that may read case files (ADMIN alone may not). */
    public boolean hasCaseRole() {
        return has(Role.INTAKE) || has(Role.MEDIATOR) || has(Role.SUPERVISOR);
    }

    /**
     * True when a station (given by its subtree path) lies within this actor's scope. A path is the ids of the stations
     * from the root down ({@code /1/5/17/}), so a station lies within hers when her station's id is one of its path's
     * parts: decided by her station's id, not by her whole path, which was read as her request began. A move of her
     * station that commits while her request runs then still leaves her own cases hers, instead of hiding the task she
     * is completing (a comparison of her old path with the case's new one).
     */
    public boolean sees(String otherStationPath) {
        if (otherStationPath == null) {
            return false;
        }
        int last = stationPath.length() - 1;
        if (last < 1 || stationPath.charAt(last) != '/') {
            return otherStationPath.startsWith(stationPath);
        }
        return otherStationPath.contains(stationPath.substring(stationPath.lastIndexOf('/', last - 1)));
    }

    /** True for a user of the root station (the county), whose scope is the whole tree. */
    public boolean isAtRoot() {
        return stationPath.chars().filter(c -> c == '/').count() == 2;
    }

    public Actor require(Role role) {
        if (!has(role)) {
            throw new Forbidden("this needs the " + role + " role");
        }
        return this;
    }

    public Actor requireCaseRole() {
        if (!hasCaseRole()) {
            throw new Forbidden("reading case files needs the INTAKE, MEDIATOR or SUPERVISOR role");
        }
        return this;
    }
}
