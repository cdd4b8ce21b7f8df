package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.LocalDate;
import java.util.List;

/** Who is away on a given day. */
@ApplicationScoped
public class UserAbsences {

    @PersistenceContext
    EntityManager em;

    public boolean isAbsent(String username, LocalDate day) {
        // counted, not limited to one row: a row limit made EclipseLink build the query's SQL again at every call
        return em.createQuery("SELECT COUNT(a) FROM Absence a WHERE a.username = :u AND a.from <= :d AND a.to >= :d",
                Long.class).setParameter("u", username).setParameter("d", day).getSingleResult() > 0;
    }

    /** The absences that cover a day: whose work is to be offered to their stations. */
    public List<Absence> on(LocalDate day) {
        return em.createQuery("SELECT a FROM Absence a WHERE a.from <= :d AND a.to >= :d", Absence.class)
                .setParameter("d", day).getResultList();
    }

    public List<Absence> of(String username) {
        return em.createQuery("SELECT a FROM Absence a WHERE a.username = :u ORDER BY a.from", Absence.class)
                .setParameter("u", username).getResultList();
    }

    public void add(Absence absence) {
        em.persist(absence);
    }
}
