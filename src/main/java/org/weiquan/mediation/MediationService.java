package org.weiquan.mediation;

import org.weiquan.shared.StationTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.security.Act;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.util.List;

/**
 * A case's mediation (人民调解法): each session recorded as it was held, numbered within the case, ending
 * in a written or oral agreement, a termination with the routes explained, or a refusal. Who may record it
 * is the caller's to check.
 */
@ApplicationScoped
@Transactional
public class MediationService {

    @PersistenceContext
    EntityManager em;

    @Inject
    CaseFiles cases;

    @Inject
    Timeline timeline;

    /** Records a session; an agreement's terms, or the routes explained, as its outcome needs. */
    public MediationSession recordSession(Case aCase, MediationSessionForm form, Act act) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (form.outcome().isAgreement() && blank(form.agreementTerms())) {
            errors.add("agreementTerms", "is required when the mediation ends in an agreement");
        }
        if (form.outcome().concludes() && !form.outcome().isAgreement() && blank(form.routesExplained())) {
            errors.add("routesExplained", "is required when the mediation ends without agreement: the routes the parties were told");
        }
        if (StationTime.typedBefore(form.heldAt().toInstant(), aCase.acceptedAt())) {
            errors.add("heldAt", "lies before the case was accepted");
        }
        errors.throwIfAny();
        cases.lock(aCase); // sessions are numbered within the case
        int number = em.createQuery("SELECT COALESCE(MAX(s.sessionNumber), 0) FROM MediationSession s WHERE s.caseId = :c",
                Integer.class).setParameter("c", aCase.id()).getSingleResult() + 1;
        String mediator = aCase.mediator() == null ? act.username() : aCase.mediator();
        MediationSession session = new MediationSession(aCase.id(), aCase.acceptedStationId(),
                aCase.currentRound().number(), number, form.heldAt().toInstant(), mediator, form.attendees(),
                form.notes(), form.outcome(), form.nextStep(), form.routesExplained(), act.recordedAt(), act.username());
        MediationAgreement agreement = form.outcome().isAgreement() ? session.concludeWithAgreement(form.agreementTerms())
                : null;
        em.persist(session);
        timeline.append(act.happenedAt(session.heldAt()), aCase.contactId(), aCase.id(),
                EventType.MEDIATION_SESSION_HELD, "第 " + number + " 次调解：" + Labels.of(form.outcome())
                        + (agreement != null && agreement.confirmationDueOn() != null
                        ? "，可于 " + StationTime.text(agreement.confirmationDueOn()) + " 前共同申请司法确认" : ""));
        return session;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public List<MediationSession> sessionsOf(long caseId) {
        return em.createQuery("SELECT s FROM MediationSession s WHERE s.caseId = :c ORDER BY s.sessionNumber",
                MediationSession.class).setParameter("c", caseId).getResultList();
    }

    public List<MediationAgreement> agreementsOf(long caseId) {
        return em.createQuery("SELECT a FROM MediationAgreement a WHERE a.caseId = :c ORDER BY a.signedAt",
                MediationAgreement.class).setParameter("c", caseId).getResultList();
    }

    /** The judicial confirmation of an agreement was applied for, granted or refused, or its window passed. */
    public void confirmation(Case aCase, long agreementId, ConfirmationStatus status, Act act) {
        MediationAgreement agreement = em.find(MediationAgreement.class, agreementId);
        if (agreement == null || agreement.caseId() != aCase.id()) {
            throw new org.weiquan.shared.NotFound("agreement " + agreementId);
        }
        agreement.confirmation(status, act.recordedAt());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.TASK_COMPLETED,
                "调解协议（" + StationTime.text(Days.dateOf(agreement.signedAt())) + "）：" + Labels.of(status));
    }
}
