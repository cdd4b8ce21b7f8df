package org.weiquan.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.weiquan.station.Station;

/**
 * Numbers cases per station and year without gaps. The station's row is locked for the rest of the
 * transaction, so concurrent acceptances at one station take turns; a rolled-back acceptance gives its
 * number back. The unique constraint on the number guards the rule in the database too.
 */
@ApplicationScoped
class CaseNumbering {

    @PersistenceContext
    EntityManager em;

    CaseNumber next(Station station, int year) {
        Station locked = em.find(Station.class, station.id(), LockModeType.PESSIMISTIC_WRITE);
        // by the number's prefix, not the current station: a transferred case keeps the number it was given
        Integer last = em.createQuery("SELECT MAX(c.numberSeq) FROM CaseFile c WHERE c.number LIKE :prefix",
                        Integer.class)
                .setParameter("prefix", locked.code() + "-" + year + "-%")
                .getSingleResult();
        return new CaseNumber(locked, year, last == null ? 1 : last + 1);
    }
}
