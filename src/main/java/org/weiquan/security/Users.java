package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.ServletRequest;

import java.util.List;
import java.util.Optional;

/** The users, read and stored through JPA. */
@ApplicationScoped
public class Users {

    @PersistenceContext
    EntityManager em;

    /** The request attribute that keeps the request's authenticated user once read. */
    private static final String REQUEST_USER = "weiquan.authenticatedUser";

    /**
     * The user an HTTP request acts as, for the authentication mechanism, kept on the request so that it is read
     * once. {@link CurrentActor} reads her again when the service acts: her station's path must be the one of that
     * moment.
     */
    public Optional<User> inRequest(ServletRequest request, String username) {
        if (request.getAttribute(REQUEST_USER) instanceof User u && u.username().equals(username)) {
            return Optional.of(u);
        }
        Optional<User> read = byUsername(username);
        read.ifPresent(u -> request.setAttribute(REQUEST_USER, u));
        return read;
    }

    /**
     * The user with her station, its parent and her roles, in one statement: an intake at her own station names the
     * parent as the level a passed deadline escalates to, and a station already read with her would not be read again
     * with its parent.
     */
    public Optional<User> byUsername(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The users of the stations under (and at) the given subtree path, by username. */
    public List<User> inSubtree(String stationPath) {
        return em.createQuery("SELECT u FROM User u WHERE u.station.path LIKE :p ORDER BY u.username", User.class)
                .setParameter("p", stationPath + "%").getResultList();
    }

    public boolean anyWithRole(Role role) {
        return !em.createQuery("SELECT u FROM User u JOIN u.roles r WHERE r = :role", User.class)
                .setParameter("role", role).setMaxResults(1).getResultList().isEmpty();
    }

    void add(User user) {
        em.persist(user);
        em.flush();
    }
}
