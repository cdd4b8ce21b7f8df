package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.util.ArrayList;
import java.util.List;

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
