package org.weiquan.workflow;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.weiquan.shared.Days;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.weiquan.workflow.ProcessTests.ESCALATE_AFTER;
import static org.weiquan.workflow.ProcessTests.T0;
import static org.weiquan.workflow.ProcessTests.assertChasedThenEscalated;
import static org.weiquan.workflow.ProcessTests.at;
import static org.weiquan.workflow.ProcessTests.candidateGroups;
import static org.weiquan.workflow.ProcessTests.complete;
import static org.weiquan.workflow.ProcessTests.date;
import static org.weiquan.workflow.ProcessTests.fire;
import static org.weiquan.workflow.ProcessTests.task;
import static org.weiquan.workflow.ProcessTests.timer;
import static org.weiquan.workflow.ProcessTests.timers;
import static org.weiquan.workflow.ProcessTests.vars;
import static org.weiquan.workflow.ProcessTests.waitsAt;

/**
 * The work around a case that runs on its own, so that it outlives the case's closure: referrals, protection
 * orders, the judicial confirmation of a written agreement, and reviews of a written reply — each deadline chased
 * when it passes, then escalated.
 */
@Deployment(resources = {"bpmn/Referral.bpmn", "bpmn/ProtectionOrder.bpmn", "bpmn/JudicialConfirmation.bpmn",
        "bpmn/Review.bpmn", "bpmn/Escalation.bpmn"})
class AroundTheCaseProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    static final String CASE = "QX-0102-2026-0042";

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static ProcessInstance start(String model, String key, Object... more) {
        at(T0);
        var variables = vars("caseNumber", CASE, "stationCode", "QX-0102",
                "escalationStationCode", "QX-01", "mediator", "li.mediator", "escalateAfter", ESCALATE_AFTER);
        variables.putAll(vars(more));
        return runtimeService().startProcessInstanceByKey(model, key, variables);
    }

    // ------------------------------------------------------------------ referrals

    @Test
    void aLegalAidCentreSilentForSevenDaysIsChasedThenEscalatedAndItsAnswerEndsTheChase() {
        String key = CASE + "/R1";
        Instant due = Days.deadline(T0, 7);
        start("Referral", key, "referralKey", key, "answerDue", date(due), "agencyKind", "LEGAL_AID");
        assertThat(task(key, "Task_AwaitReferralAnswer").getDueDate()).isEqualTo(date(due));

        fire("Timer_ReferralAnswerDue");

        assertChasedThenEscalated(key, "REFERRAL_ANSWER", "QX-0102", "QX-01");
        complete(key, "Task_AwaitReferralAnswer", "referralAnswer", "ACCEPTED");
        assertThat(waitsAt(key, "Task_ChaseOverdue")).isFalse();
        complete(key, "Task_RecordReferralOutcome");
    }

    @Test
    void aReferralSentBeforeAMediatorWasAssignedIsOfferedToTheStationsMediators() {
        String key = CASE + "/R1";
        at(T0);
        runtimeService().startProcessInstanceByKey("Referral", key, vars("caseNumber", CASE, "referralKey", key,
                "stationCode", "QX-0102", "escalationStationCode", "QX-01", "mediator", null, "escalateAfter", ESCALATE_AFTER,
                "answerDue", date(Days.deadline(T0, 15)), "agencyKind", "CIVIL_AFFAIRS"));

        assertThat(task(key, "Task_AwaitReferralAnswer").getAssignee()).isNull();
        assertThat(candidateGroups(task(key, "Task_AwaitReferralAnswer"))).containsExactly("station:QX-0102:mediator");
    }

    @Test
    void aRevokedReferralEndsWhateverItWaitedForItsChaseToo() {
        String key = CASE + "/R2";
        ProcessInstance referral = start("Referral", key, "referralKey", key, "answerDue", date(Days.deadline(T0, 15)));
        fire("Timer_ReferralAnswerDue");

        runtimeService().createMessageCorrelation("ReferralRevoked").processInstanceBusinessKey(key).correlate();

        assertThat(referral).isEnded().hasPassed("EndEvent_ReferralRevoked");
        assertThat(waitsAt(key, "Task_ChaseOverdue")).isFalse();
    }

    // ------------------------------------------------------------------ protection orders

    @Test
    void anUrgentApplicationsRulingIsDueIn24HoursAndChasedWhenLate() {
        String key = CASE + "/P51";
        start("ProtectionOrder", key, "rulingDue", date(T0.plus(Duration.ofHours(24))));
        assertThat(task(key, "Task_RecordProtectionOrderRuling").getDueDate()).isEqualTo(date(T0.plus(Duration.ofHours(24))));

        fire("Timer_ProtectionOrderRulingDue");

        assertChasedThenEscalated(key, "PROTECTION_ORDER_RULING", "QX-0102", "QX-01");
        complete(key, "Task_RecordProtectionOrderRuling", "protectionOrderGranted", false);
        assertThat(waitsAt(key, "Task_ChaseOverdue")).isFalse();
    }

    @Test
    void aGrantedOrderIsRemindedOfFourteenDaysBeforeItExpiresWhateverBecameOfTheCase() {
        String key = CASE + "/P52";
        ProcessInstance order = start("ProtectionOrder", key, "rulingDue", date(T0.plus(Duration.ofHours(72))));
        LocalDate validUntil = LocalDate.of(2026, 9, 1);
        complete(key, "Task_RecordProtectionOrderRuling", "protectionOrderGranted", true,
                "renewalReminder", date(Days.startOf(validUntil.minusDays(14))), "validUntilEnd", date(Days.endOf(validUntil)));
        assertThat(timer("Timer_ProtectionOrderRenewal").getDuedate()).isEqualTo(date(Days.startOf(LocalDate.of(2026, 8, 18))));

        fire("Timer_ProtectionOrderRenewal");

        assertThat(task(key, "Task_RemindProtectionOrderRenewal").getDueDate()).isEqualTo(date(Days.endOf(validUntil)));
        complete(key, "Task_RemindProtectionOrderRenewal");
        assertThat(order).isEnded().hasPassed("EndEvent_Reminded");
    }

    // ------------------------------------------------------------------ judicial confirmation

    @Test
    void theJudicialConfirmationIsRemindedFiveDaysBeforeTheThirtyDaysEnd() {
        String key = CASE + "/J61";
        LocalDate signed = LocalDate.of(2026, 3, 2);
        start("JudicialConfirmation", key, "reminderAt", date(Days.startOf(signed.plusDays(25))),
                "confirmationDue", date(Days.endOf(signed.plusDays(30))));

        fire("Timer_JudicialConfirmationReminder");

        assertThat(task(key, "Task_RemindJudicialConfirmation").getAssignee()).isEqualTo("li.mediator");
        assertThat(task(key, "Task_RemindJudicialConfirmation").getDueDate()).isEqualTo(date(Days.endOf(signed.plusDays(30))));
    }

    // ------------------------------------------------------------------ reviews of a written reply

    @Test
    void theReviewingLevelAnswersWithinThirtyDaysElseItIsChasedAndTheLevelAboveItAsked() {
        String key = CASE + "/V71";
        at(T0);
        runtimeService().startProcessInstanceByKey("Review", key, vars("caseNumber", CASE, "kind", "REVIEW",
                "stationCode", "QX-01", "escalationStationCode", "QX", "mediator", null, "escalateAfter", ESCALATE_AFTER,
                "answerDue", date(Days.deadline(T0, 30))));
        assertThat(candidateGroups(task(key, "Task_AnswerReview"))).containsExactly("station:QX-01:supervisor");

        fire("Timer_ReviewAnswerDue");

        assertChasedThenEscalated(key, "REVIEW_ANSWER", "QX-01", "QX");
        complete(key, "Task_AnswerReview");
        assertThat(timers("Timer_EscalateOverdue")).isEmpty();
    }
}
