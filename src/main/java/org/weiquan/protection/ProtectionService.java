package org.weiquan.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.weiquan.casefile.Case;
import org.weiquan.security.Act;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.shared.StationTime;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Protecting the person: the mandatory report for minors and persons without capacity, the danger
 * assessment of a domestic-violence case, the safety plan, and the personal safety protection order from
 * application to ruling. Who may record these is the caller's to check.
 */
@ApplicationScoped
@Transactional
public class ProtectionService {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    @PersistenceContext
    EntityManager em;

    @Inject
    RiskInstrument instrument;

    @Inject
    Timeline timeline;

    /** 强制报告 to the police: to whom, when (not before acceptance), how. */
    public MandatoryReport recordMandatoryReport(Case aCase, MandatoryReportForm form, Act act) {
        Instant at = form.reportedAt().toInstant();
        if (at.isBefore(aCase.receivedAt())) {
            throw InvalidInput.of("reportedAt", "lies before the contact was received");
        }
        MandatoryReport report = new MandatoryReport(aCase.id(), form.reportedTo(), at, form.method(), act.recordedAt(),
                act.username());
        em.persist(report);
        timeline.append(act.happenedAt(at), aCase.contactId(), aCase.id(), EventType.MANDATORY_REPORTED,
                "强制报告：已于 " + TIME.format(at.atZone(StationTime.ZONE)) + " 以" + Labels.of(form.method()) + "方式向"
                        + form.reportedTo() + "报告");
        return report;
    }

    /** 危险性评估: every question of the instrument answered yes or no; the band is recorded on the case too. */
    public RiskAssessment assessRisk(Case aCase, RiskAssessmentForm form, Act act) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, Boolean> answers = form.answers();
        RiskInstrument.Definition instrument = this.instrument.current(); // one version: scored and recorded
        for (RiskInstrument.Question q : instrument.questions()) {
            if (answers.get(q.id()) == null) {
                errors.add("answers." + q.id(), "needs yes or no (true/false)");
            }
        }
        answers.keySet().stream().filter(k -> instrument.questions().stream().noneMatch(q -> q.id().equals(k)))
                .forEach(k -> errors.add("answers." + k, "is not a question of the instrument"));
        errors.throwIfAny();
        RiskInstrument.Result result = instrument.score(answers);
        RiskAssessment assessment = new RiskAssessment(aCase.id(), aCase.acceptedStationId(), instrument.id(), answers,
                result.score(), result.level(), act.at(), act.username(), act.recordedAt());
        em.persist(assessment);
        aCase.recordRisk(result.level());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.RISK_ASSESSED,
                "危险性评估：" + Labels.of(result.level()) + "（" + result.score() + " 分）");
        return assessment;
    }

    /** 安全计划. */
    public SafetyPlan makeSafetyPlan(Case aCase, SafetyPlanForm form, Act act) {
        SafetyPlan plan = new SafetyPlan(aCase.id(), form.plan(), act.at(), act.username(), act.recordedAt());
        em.persist(plan);
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.SAFETY_PLAN_MADE, "已与当事人制定安全计划");
        return plan;
    }

    /** 协助申请人身安全保护令: applied (with when, and whether urgently) or declined by the person. */
    public ProtectionOrder offerProtectionOrder(Case aCase, ProtectionOrderApplicationForm form, Act act) {
        ProtectionOrder order;
        if (form.applied()) {
            if (form.appliedAt() == null) {
                throw InvalidInput.of("appliedAt", "is required when the order was applied for");
            }
            Instant at = form.appliedAt().toInstant();
            if (StationTime.typedBefore(at, aCase.acceptedAt())) {
                throw InvalidInput.of("appliedAt", "lies before the case was accepted");
            }
            order = ProtectionOrder.applied(aCase.id(), at, Boolean.TRUE.equals(form.urgent()), act.recordedAt(),
                    act.username());
            em.persist(order);
            timeline.append(act.happenedAt(at), aCase.contactId(), aCase.id(), EventType.PROTECTION_ORDER_OFFERED,
                    "已协助申请人身安全保护令" + (order.urgent() ? "（紧急，24 小时内裁定）" : "（72 小时内裁定）"));
        } else {
            order = ProtectionOrder.declined(aCase.id(), act.at(), act.recordedAt(), act.username());
            em.persist(order);
            timeline.append(act, aCase.contactId(), aCase.id(), EventType.PROTECTION_ORDER_OFFERED,
                    "已告知可申请人身安全保护令，当事人暂不申请");
        }
        return order;
    }

    /** 法院裁定 of an order applied for. */
    public ProtectionOrder recordRuling(Case aCase, long orderId, ProtectionOrderRulingForm form, Act act) {
        ProtectionOrder order = em.find(ProtectionOrder.class, orderId);
        if (order == null || order.caseId() != aCase.id()) {
            throw new org.weiquan.shared.NotFound("protection order " + orderId);
        }
        Instant at = form.ruledAt().toInstant();
        order.ruled(at, form.granted(), form.validUntil(), act.recordedAt(), act.username());
        timeline.append(act.happenedAt(at), aCase.contactId(), aCase.id(), EventType.PROTECTION_ORDER_RULED,
                form.granted() ? "法院裁定发出人身安全保护令，有效期至 " + StationTime.text(form.validUntil()) + "（" + StationTime.text(order.renewalReminderOn())
                        + " 提醒续期）" : "法院驳回人身安全保护令申请");
        return order;
    }

    public List<RiskAssessment> assessmentsOf(long caseId) {
        return em.createQuery("SELECT a FROM RiskAssessment a WHERE a.caseId = :c ORDER BY a.assessedAt",
                RiskAssessment.class).setParameter("c", caseId).getResultList();
    }

    public List<SafetyPlan> plansOf(long caseId) {
        return em.createQuery("SELECT p FROM SafetyPlan p WHERE p.caseId = :c ORDER BY p.madeAt", SafetyPlan.class)
                .setParameter("c", caseId).getResultList();
    }

    public List<ProtectionOrder> ordersOf(long caseId) {
        return em.createQuery("SELECT o FROM ProtectionOrder o WHERE o.caseId = :c ORDER BY o.offeredAt",
                ProtectionOrder.class).setParameter("c", caseId).getResultList();
    }

    public List<MandatoryReport> reportsOf(long caseId) {
        return em.createQuery("SELECT r FROM MandatoryReport r WHERE r.caseId = :c ORDER BY r.reportedAt",
                MandatoryReport.class).setParameter("c", caseId).getResultList();
    }

    /** When the renewal reminder of a granted order is due (start of that Beijing day). */
    public static Instant renewalReminderAt(ProtectionOrder order) {
        return order.renewalReminderOn() == null ? null : Days.startOf(order.renewalReminderOn());
    }
}
