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

    /** The request attribute where the authentication leaves the user it found ({@link #authenticated}). */
    static final String AUTHENTICATED = "weiquan.actor";

    @Inject
    SecurityContext security;

    @Inject
    Users users;

    @Inject
    HttpServletRequest request;

    private Actor actor;

    /**
     * Called by the authentication with what it read of the user at this request (her token's or her session's
     * check): the service acts on that read, not on a second one. A second read inside the transaction was no more
     * current in any way the service could rely on (both are a moment's snapshot, neither holds a lock), and it cost
     * a statement in every request. A station moved meanwhile can only make the read path refuse, never grant: a
     * path ends in the station's own id, so an old one is the prefix of nothing but the moved subtree's old places.
     */
    static void authenticated(HttpServletRequest request, Actor actor) {
        request.setAttribute(AUTHENTICATED, actor);
    }

    public Actor get() {
        if (actor == null) {
            var principal = security.getCallerPrincipal();
            Actor found = principal == null ? null : fromAuthentication(principal.getName());
            if (found == null) {
                // not authenticated by this request's check (a timer, the job executor, a test's own call): read now
                User user = principal == null ? null : users.byUsername(principal.getName()).orElse(null);
                if (user == null || !user.enabled()) {
                    throw new Unauthenticated("log in first", 0);
                }
                found = new Actor(user.username(), user.displayName(), user.station().code(), user.station().path(),
                        Set.copyOf(user.roles()), clientAddress());
            }
            actor = found;
        }
        return actor;
    }

    private Actor fromAuthentication(String username) {
        try {
            return request.getAttribute(AUTHENTICATED) instanceof Actor a && a.username().equals(username) ? a : null;
        } catch (RuntimeException e) {
            return null; // not in an HTTP request
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
