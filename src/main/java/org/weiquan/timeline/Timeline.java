package org.weiquan.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.security.Actor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Appends to and reads the timeline; joins the caller's transaction. */
@ApplicationScoped
public class Timeline {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public CaseEvent append(Actor actor, long contactId, Long caseId, EventType type, String description,
                            List<Change> changes) {
        return record(clock.instant(), actor.username(), actor.stationCode(), actor.clientAddress(), contactId, caseId,
                type, description, changes);
    }

    public CaseEvent append(Actor actor, long contactId, Long caseId, EventType type, String description) {
        return append(actor, contactId, caseId, type, description, List.of());
    }

    /** A step of a case's work, by whoever did it, when it happened; written now. */
    public CaseEvent append(org.weiquan.security.Act act, long contactId, Long caseId, EventType type, String description) {
        if (act.at().isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw new IllegalArgumentException("a timeline entry cannot lie in the future");
        }
        CaseEvent event = new CaseEvent(contactId, caseId, act.at(), clock.instant(), act.username(), act.stationCode(),
                act.clientAddress(), type, description, List.of());
        em.persist(event);
        return event;
    }

    /** Everything recorded for a contact and its case, oldest first. */
    public List<CaseEvent> of(long contactId) {
        return em.createQuery("SELECT e FROM CaseEvent e WHERE e.contactId = :contact ORDER BY e.occurredAt, e.id",
                        CaseEvent.class)
                .setParameter("contact", contactId)
                .getResultList();
    }

    /**
     * Appends an entry that happened earlier, by a user named here rather than the current actor: for
     * records brought in from elsewhere (a station's paper ledger, the demo data). The caller has checked
     * the time; it must not lie in the future.
     */
    public CaseEvent appendAt(Instant occurredAt, String actor, String actorStation, long contactId, Long caseId,
                              EventType type, String description) {
        return appendAt(occurredAt, actor, actorStation, null, contactId, caseId, type, description);
    }

    /** The same, with the client address the step came from (null when it came from a file). */
    public CaseEvent appendAt(Instant occurredAt, String actor, String actorStation, String clientAddress,
                              long contactId, Long caseId, EventType type, String description) {
        if (occurredAt.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            throw new IllegalArgumentException("a timeline entry cannot lie in the future");
        }
        return record(occurredAt, actor, actorStation, clientAddress, contactId, caseId, type, description, List.of());
    }

    private CaseEvent record(Instant at, String actor, String actorStation, String clientAddress, long contactId,
                             Long caseId, EventType type, String description, List<Change> changes) {
        CaseEvent event = new CaseEvent(contactId, caseId, at, clock.instant(), actor, actorStation, clientAddress, type,
                description, changes.stream().filter(Change::isChange).toList());
        em.persist(event);
        return event;
    }
}
