package org.weiquan.timeline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.security.Actor;

import java.time.Clock;
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
        CaseEvent event = new CaseEvent(contactId, caseId, clock.instant(), actor.username(), actor.stationCode(),
                actor.clientAddress(), type, description, changes.stream().filter(Change::isChange).toList());
        em.persist(event);
        return event;
    }

    public CaseEvent append(Actor actor, long contactId, Long caseId, EventType type, String description) {
        return append(actor, contactId, caseId, type, description, List.of());
    }

    /** Everything recorded for a contact and its case, oldest first. */
    public List<CaseEvent> of(long contactId) {
        return em.createQuery("SELECT e FROM CaseEvent e WHERE e.contactId = :contact ORDER BY e.occurredAt, e.id",
                        CaseEvent.class)
                .setParameter("contact", contactId)
                .getResultList();
    }
}
