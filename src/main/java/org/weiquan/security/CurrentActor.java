package org.weiquan.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletRequest;
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
            // in an HTTP request, the user as the authentication read her at its start (one statement fewer per
            // request, about a twentieth of an intake's processor time); a move of her station made while the request
            // runs counts from her next request, as one made a moment after this read would
            ServletRequest http = principal == null ? null : httpRequest();
            User user = principal == null ? null
                    : (http == null ? users.byUsername(principal.getName()) : users.inRequest(http, principal.getName()))
                    .orElse(null);
            if (user == null || !user.enabled()) {
                throw new Unauthenticated("log in first", 0);
            }
            actor = new Actor(user.username(), user.station().code(), user.station().path(), Set.copyOf(user.roles()),
                    clientAddress());
        }
        return actor;
    }

    /** The HTTP request this actor acts in; none for a timer or the job executor. */
    private ServletRequest httpRequest() {
        try {
            request.getRemoteAddr();
            return request;
        } catch (RuntimeException e) {
            return null; // the request's proxy answers only inside an HTTP request
        }
    }

    private String clientAddress() {
        try {
            return request.getRemoteAddr();
        } catch (RuntimeException e) {
            return null; // not in an HTTP request (a timer, the job executor)
        }
    }
}
