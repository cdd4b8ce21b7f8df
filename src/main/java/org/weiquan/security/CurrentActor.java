package org.weiquan.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.util.EnumSet;

/**
 * Who is acting in this request. Until user accounts exist (the security issue), every caller acts
 * as {@code anonymous} at the root of the station tree with every case role; the services already
 * filter by the actor's scope, so real users only change what this bean returns.
 */
@RequestScoped
public class CurrentActor {

    static final String ANONYMOUS = "anonymous";

    @Inject
    SecurityContext security;

    @Inject
    Stations stations;

    private Actor actor;

    public Actor get() {
        if (actor == null) {
            var principal = security.getCallerPrincipal();
            String name = principal == null ? ANONYMOUS : principal.getName();
            Station root = stations.all().stream().filter(s -> s.parent() == null).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the station tree is empty"));
            actor = new Actor(name, root.code(), "/", EnumSet.of(Role.INTAKE, Role.MEDIATOR, Role.SUPERVISOR), null);
        }
        return actor;
    }
}
