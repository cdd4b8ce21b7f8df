package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The process engine's candidate groups of a user: {@code station:<code>:<role>} for each role at the
 * user's station, and for a supervisor at every station below too (escalations from below reach them).
 */
@ApplicationScoped
public class CandidateGroups {

    @Inject
    Stations stations;

    /** The groups of the actor's roles and station as read for this request (not read again). */
    public List<String> of(Actor actor) {
        return of(actor.roles(), actor.stationCode(), actor.stationPath());
    }

    /**
     * Whether one of these groups is one of the actor's ({@link #of}): her role at her station, or for a supervisor
     * at a station below hers. Reads only the stations the groups name beyond her own, one statement, not her
     * whole subtree as {@link #of} does: a county supervisor's claim would otherwise read every station of the county.
     */
    public boolean includesAny(Actor actor, Collection<String> groups) {
        Set<String> elsewhere = new HashSet<>();
        for (String group : groups) {
            for (Role role : actor.roles()) {
                if (group.equals(role.groupAt(actor.stationCode()))) {
                    return true;
                }
                if (role == Role.SUPERVISOR) {
                    role.stationOf(group).ifPresent(elsewhere::add);
                }
            }
        }
        return !elsewhere.isEmpty() && stations.anyWithin(actor.stationPath(), elsewhere);
    }

    private List<String> of(Iterable<Role> roles, String stationCode, String stationPath) {
        List<String> groups = new ArrayList<>();
        for (Role role : roles) {
            if (role == Role.SUPERVISOR) {
                for (Station s : stations.subtree(stationPath)) {
                    groups.add(role.groupAt(s.code()));
                }
            } else {
                groups.add(role.groupAt(stationCode));
            }
        }
        return groups;
    }
}
