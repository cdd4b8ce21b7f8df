package org.weiquan.security;

import java.util.Set;

/**
 * The user behind a request: name, station (code and subtree path) and roles. What an actor may see
 * is the subtree under its station.
 */
public record Actor(String username, String stationCode, String stationPath, Set<Role> roles, String clientAddress) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when a station (given by its subtree path) lies within this actor's scope. */
    public boolean sees(String otherStationPath) {
        return otherStationPath != null && otherStationPath.startsWith(stationPath);
    }
}
