package org.weiquan.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import org.weiquan.shared.Unauthenticated;

import java.util.Set;

/**
 * Who is acting in this request: the logged-in user with the station and roles stored for them. The
 * services ask this bean, never the request, so that scope and roles are checked where the data is.
 */
@RequestScoped
public class CurrentActor {

    @Inject
    SecurityContext security;

    @Inject
    Users users;

    @Inject
    HttpServletRequest request;

    private Actor actor;

    public Actor get() {
        if (actor == null) {
            var principal = security.getCallerPrincipal();
            // read now, not taken from the authentication's read at the request's start: the scope checks compare
            // her station's path with where a case lies now, and an administrator may move her station meanwhile
            User user = principal == null ? null : users.byUsername(principal.getName()).orElse(null);
            if (user == null || !user.enabled()) {
                throw new Unauthenticated("log in first", 0);
            }
            actor = new Actor(user.username(), user.displayName(), user.station().code(), user.station().path(),
                    Set.copyOf(user.roles()), clientAddress());
        }
        return actor;
    }

    private String clientAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            return null; // not in an HTTP request (a timer, the job executor)
        }
    }
}
