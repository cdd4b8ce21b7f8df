package org.weiquan.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import org.weiquan.shared.Unauthenticated;

import java.util.Optional;
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
            User user = principal == null ? null : read(principal.getName()).orElse(null);
            if (user == null || !user.enabled()) {
                throw new Unauthenticated("log in first", 0);
            }
            actor = new Actor(user.username(), user.station().code(), user.station().path(), Set.copyOf(user.roles()),
                    clientAddress());
        }
        return actor;
    }

    /** In an HTTP request, the user its authentication already read; elsewhere (a timer, a job) read now. */
    private Optional<User> read(String username) {
        HttpServletRequest current;
        try {
            request.getMethod(); // the request proxy answers only inside an HTTP request
            current = request;
        } catch (RuntimeException e) {
            current = null;
        }
        return current == null ? users.byUsername(username) : users.inRequest(current, username);
    }

    private String clientAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            return null; // not in an HTTP request (a timer, the job executor)
        }
    }
}
