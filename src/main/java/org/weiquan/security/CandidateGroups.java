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

    @Inject
    Users users;

    public List<String> of(User user) {
        List<String> groups = new ArrayList<>();
        for (Role role : user.roles()) {
            if (role == Role.SUPERVISOR) {
                for (Station s : stations.subtree(user.station())) {
                    groups.add(role.groupAt(s.code()));
                }
            } else {
                groups.add(role.groupAt(user.station().code()));
            }
        }
        return groups;
    }

    public List<String> of(Actor actor) {
        return users.byUsername(actor.username()).map(this::of).orElse(List.of());
    }
}
