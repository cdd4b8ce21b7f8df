package org.weiquan.audit;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.HandlingService;
import org.weiquan.casefile.HandlingStarts;
import org.weiquan.casefile.RoundStart;
import org.weiquan.security.Act;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Scopes;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws and reviews closure-quality audits (SUPERVISOR, within scope). The sample is drawn from the
 * station's subtree's cases closed in the period, ordered by id and shuffled with the recorded seed: the
 * same seed over the same cases gives the same sample.
 */
@Stateless
public class ClosureAudits {

    static final int MAX_SAMPLE = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Stations stations;

    @Inject
    CurrentActor currentActor;

    @Inject
    HandlingService handling;

    @Inject
    CaseWorkflow workflow;

    @Inject
    Timeline timeline;

    @EJB
    AccessLog accessLog;

    @Inject
    Clock clock;

    public record Drawn(ClosureAudit audit, List<AuditItem> items) {
    }

    public Drawn draw(String stationCode, String from, String to, Integer size, Long seed) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Station station = stationCode == null ? null : stations.byCode(stationCode.strip())
                .filter(s -> actor.sees(s.path())).orElse(null);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (station == null) {
            errors.add("stationCode", "no station in your scope has this code");
        }
        LocalDate f = date(errors, "from", from);
        LocalDate t = date(errors, "to", to);
        if (f != null && t != null && !t.isAfter(f)) {
            errors.add("to", "must lie after from");
        }
        if (size == null || size < 1 || size > MAX_SAMPLE) {
            errors.add("size", "must be between 1 and " + MAX_SAMPLE);
        }
        errors.throwIfAny();
        long theSeed = seed != null ? seed : new SecureRandom().nextLong();
        // only the ids: a county's year holds hundreds of thousands of closed cases, and the sample is a few of them.
        // Shuffling the ids in the same order shuffles them as the cases were shuffled, so a seed recorded with an
        // earlier audit draws the same sample still.
        List<Long> closed = em.createQuery("SELECT c.id FROM CaseFile c WHERE c.status = :closed"
                        + " AND c.closedAt >= :from AND c.closedAt < :to AND "
                        + Scopes.within("c.acceptedStation.path", station.path()) + " ORDER BY c.id", Long.class)
                .setParameter("closed", CaseStatus.CLOSED)
                .setParameter("from", f.atStartOfDay(StationTime.ZONE).toInstant())
                .setParameter("to", t.atStartOfDay(StationTime.ZONE).toInstant())
                .getResultList();
        List<Long> shuffled = new ArrayList<>(closed);
        Collections.shuffle(shuffled, new Random(theSeed));
        List<Long> sampleIds = shuffled.subList(0, Math.min(size, shuffled.size()));
        List<Case> sample = sampleIds.isEmpty() ? List.of() : em.createQuery(
                        "SELECT c FROM CaseFile c WHERE c.id IN :ids", Case.class)
                .setParameter("ids", List.copyOf(sampleIds)).getResultList();
        ClosureAudit audit = new ClosureAudit(station, f, t, theSeed, sample.size(), clock.instant(), actor.username());
        em.persist(audit);
        List<AuditItem> items = new ArrayList<>();
        for (Case c : sample.stream().sorted((a, b) -> a.number().compareTo(b.number())).toList()) {
            AuditItem item = new AuditItem(audit, c);
            em.persist(item);
            items.add(item);
        }
        em.flush();
        return new Drawn(audit, items);
    }

    public Drawn find(long auditId) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        ClosureAudit audit = em.find(ClosureAudit.class, auditId);
        if (audit == null || !actor.sees(audit.station().path())) {
            throw new NotFound("audit " + auditId);
        }
        return new Drawn(audit, em.createQuery("SELECT i FROM AuditItem i WHERE i.audit = :a ORDER BY i.aCase.number",
                AuditItem.class).setParameter("a", audit).getResultList());
    }

    /** Reviews one sampled case; a failed case may be reopened for a new handling round. */
    public AuditItem review(long auditId, String caseNumber, Boolean evidence, Boolean consistent, Boolean followUp,
                            Boolean satisfied, String comment, boolean reopen) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Drawn drawn = find(auditId);
        AuditItem item = drawn.items().stream().filter(i -> i.aCase().number().equals(caseNumber)).findFirst()
                .orElseThrow(() -> new NotFound("case " + caseNumber + " in audit " + auditId));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        for (var check : List.of(new Object[] {"evidencePresent", evidence}, new Object[] {"reasonConsistent", consistent},
                new Object[] {"followUpDone", followUp}, new Object[] {"personSatisfied", satisfied})) {
            if (check[1] == null) {
                errors.add((String) check[0], "is required: true or false");
            }
        }
        errors.throwIfAny();
        boolean passes = evidence && consistent && followUp && satisfied;
        if (!passes && (comment == null || comment.isBlank())) {
            throw InvalidInput.of("comment", "is required when the case fails the audit");
        }
        if (comment != null && comment.length() > 1000) {
            throw InvalidInput.of("comment", "is longer than 1000 characters");
        }
        if (reopen && passes) {
            throw InvalidInput.of("reopen", "only a failed case is reopened");
        }
        item.review(evidence, consistent, followUp, satisfied, comment == null ? null : comment.strip(), clock.instant(),
                actor.username());
        Case aCase = item.aCase();
        timeline.append(actor, aCase.contactId(), aCase.id(), EventType.AUDITED,
                "结案质量抽查：" + (passes ? "合格" : "不合格：" + comment.strip()));
        if (reopen && aCase.status() == CaseStatus.CLOSED) {
            handling.reopen(aCase, RoundStart.REOPENED_AFTER_AUDIT, comment.strip(), Act.now(actor, clock.instant()));
            workflow.restartHandling(HandlingStarts.of(aCase));
        }
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(), "结案质量评查");
        em.flush();
        return item;
    }

    private static LocalDate date(InvalidInput.Collector errors, String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date like 2026-03-01");
            return null;
        }
    }
}
