package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** The users, read and stored through JPA. */
@ApplicationScoped
public class Users {

    @PersistenceContext
    EntityManager em;

    public Optional<User> byUsername(String username) {
        return em.createQuery("SELECT u FROM User u WHERE u.username = :u", User.class)
                .setParameter("u", username).getResultStream().findFirst();
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
