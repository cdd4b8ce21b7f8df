package org.weiquan.referral;

import org.weiquan.shared.StationTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.security.Act;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.shared.NotFound;
import org.weiquan.station.AgencyKind;
import org.weiquan.station.PartnerAgency;
import org.weiquan.station.Station;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.ReferralStart;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A case's referrals to partner agencies (转介): each one numbered within its case (the case row is locked
 * while numbering, and a unique constraint guards it), consent first, running as its own process that
 * chases a silent agency; answered, done or revoked with who, when and why. Who may do it is the caller's
 * to check.
 */
@ApplicationScoped
@Transactional
public class ReferralService {

    @PersistenceContext
    EntityManager em;

    @Inject
    CaseFiles cases;

    @Inject
    CaseWorkflow workflow;

    @Inject
    Timeline timeline;

    @Inject
    jakarta.enterprise.event.Event<ReferralAnswered> answers;

    /** Refers an open case to an agency with the person's consent; its answer is due by the agency's kind. */
    public Referral refer(Case aCase, String agencyCode, boolean consent, boolean urgent, Act act) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        PartnerAgency agency = agencyCode == null ? null : em.find(PartnerAgency.class, agencyCode.strip());
        if (agency == null) {
            errors.add("agencyCode", "no partner agency has this code");
        } else if (!agency.isActive()) {
            errors.add("agencyCode", "the agency takes no new referrals");
        }
        if (!consent) {
            errors.add("consent", "the person must agree before a referral is sent");
        }
        errors.throwIfAny();
        if (aCase.status() != CaseStatus.OPEN) {
            throw new Conflict("the case is " + aCase.status());
        }
        cases.lock(aCase);
        int number = em.createQuery("SELECT COALESCE(MAX(r.number), 0) FROM Referral r WHERE r.caseId = :c", Integer.class)
                .setParameter("c", aCase.id()).getSingleResult() + 1;
        Referral referral = new Referral(aCase.id(), aCase.number(), number, agency, urgent, act.at(), act.username(),
                act.recordedAt());
        em.persist(referral);
        em.flush(); // the unique (case, number) stops a second referral numbered alike here
        Station station = aCase.station();
        workflow.startReferral(new ReferralStart(referral.key(), aCase.number(), referral.id(), station.code(),
                (station.parent() == null ? station : station.parent()).code(), aCase.mediator(), agency.kind().name(),
                referral.answerDueAt()));
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.REFERRED,
                (urgent ? "紧急转介 " : "转介 ") + "R" + number + "：" + agency.name() + "（当事人已同意），"
                        + StationTime.text(Days.lastDay(referral.answerDueAt())) + " 前答复");
        return referral;
    }

    /** The urgent path's police or shelter referrals: each agency must be a police station or civil affairs. */
    public List<Referral> referUrgently(Case aCase, UrgentReferralForm form, Act act) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        for (int i = 0; i < form.agencyCodes().size(); i++) {
            PartnerAgency agency = em.find(PartnerAgency.class, form.agencyCodes().get(i));
            if (agency == null) {
                errors.add("agencyCodes[" + i + "]", "no partner agency has this code");
            } else if (!Set.of(AgencyKind.POLICE, AgencyKind.CIVIL_AFFAIRS).contains(agency.kind())) {
                errors.add("agencyCodes[" + i + "]", "is not a police station or a shelter (civil affairs)");
            } else if (!agency.isActive()) {
                errors.add("agencyCodes[" + i + "]", "the agency takes no new referrals");
            }
        }
        if (form.agencyCodes().stream().distinct().count() < form.agencyCodes().size()) {
            errors.add("agencyCodes", "names an agency twice");
        }
        errors.throwIfAny();
        return form.agencyCodes().stream().map(code -> refer(aCase, code, form.consent(), true, act)).toList();
    }

    /** 转介答复: the agency accepted or rejected it. */
    public Referral answer(Referral referral, Case aCase, ReferralAnswerForm form, Act act) {
        Act answered = form.answeredAt() == null ? act : act.happenedAt(form.answeredAt().toInstant());
        if (StationTime.typedBefore(answered.at(), referral.sentAt())) {
            throw InvalidInput.of("answeredAt", "lies before the referral was sent");
        }
        if (form.answer() == ReferralAnswer.ACCEPTED) {
            referral.accept(answered.at(), act.username(), form.note());
        } else {
            referral.reject(answered.at(), act.username(), form.note());
        }
        timeline.append(answered, aCase.contactId(), aCase.id(), EventType.REFERRAL_ANSWERED,
                "转介 R" + referral.number() + "（" + referral.agency().name() + "）" + Labels.of(form.answer()));
        answers.fire(new ReferralAnswered(aCase.number(), referral.number(), aCase.mediator(), act.username()));
        return referral;
    }

    /** 转介结果: what the agency did. */
    public Referral recordOutcome(Referral referral, Case aCase, ReferralOutcomeForm form, Act act) {
        Act done = form.doneAt() == null ? act : act.happenedAt(form.doneAt().toInstant());
        referral.done(done.at(), act.username(), form.outcome());
        timeline.append(done, aCase.contactId(), aCase.id(), EventType.REFERRAL_DONE,
                "转介 R" + referral.number() + "（" + referral.agency().name() + "）已办结：" + form.outcome());
        return referral;
    }

    /** 撤销: the referral ends as revoked, recorded; its process ends with it. */
    public Referral revoke(Referral referral, Case aCase, String reason, Act act) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required");
        }
        referral.revoke(act.at(), act.username(), reason.strip());
        workflow.referralRevoked(referral.key());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.REFERRAL_REVOKED,
                "撤销转介 R" + referral.number() + "（" + referral.agency().name() + "）：" + reason.strip());
        return referral;
    }

    /** Every referral of a case ever made, revoked ones too, in number order. */
    public List<Referral> ofCase(long caseId) {
        return em.createQuery("SELECT r FROM Referral r WHERE r.caseId = :c ORDER BY r.number", Referral.class)
                .setParameter("c", caseId).getResultList();
    }

    public Referral number(Case aCase, int number) {
        return em.createQuery("SELECT r FROM Referral r WHERE r.caseId = :c AND r.number = :n", Referral.class)
                .setParameter("c", aCase.id()).setParameter("n", number).getResultStream().findFirst()
                .orElseThrow(() -> new NotFound("referral R" + number + " of case " + aCase.number()));
    }

    /** The referral a process is about, by its key (case number / R-number). */
    public Optional<Referral> byKey(String key) {
        int slash = key == null ? -1 : key.lastIndexOf("/R");
        if (slash < 0) {
            return Optional.empty();
        }
        try {
            int number = Integer.parseInt(key.substring(slash + 2));
            return em.createQuery("SELECT r FROM Referral r WHERE r.caseNumber = :c AND r.number = :n", Referral.class)
                    .setParameter("c", key.substring(0, slash)).setParameter("n", number).getResultStream().findFirst();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
