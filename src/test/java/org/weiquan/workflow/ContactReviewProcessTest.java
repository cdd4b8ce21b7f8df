package org.weiquan.workflow;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weiquan.shared.Days;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.weiquan.workflow.ProcessTests.ESCALATE_AFTER;
import static org.weiquan.workflow.ProcessTests.T0;
import static org.weiquan.workflow.ProcessTests.assertChasedThenEscalated;
import static org.weiquan.workflow.ProcessTests.at;
import static org.weiquan.workflow.ProcessTests.candidateGroups;
import static org.weiquan.workflow.ProcessTests.date;
import static org.weiquan.workflow.ProcessTests.fire;
import static org.weiquan.workflow.ProcessTests.task;
import static org.weiquan.workflow.ProcessTests.timer;
import static org.weiquan.workflow.ProcessTests.timers;
import static org.weiquan.workflow.ProcessTests.vars;
import static org.weiquan.workflow.ProcessTests.waitsAt;

/**
 * {@code bpmn/ContactReview.bpmn}: the acceptance decision within 15 days of receipt, chased then escalated when
 * late; a transfer hands it to another station, which may object within 5 working days.
 */
@Deployment(resources = {"bpmn/ContactReview.bpmn", "bpmn/Escalation.bpmn"})
class ContactReviewProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    static final String CONTACT = "42";
    static final Instant REVIEW_DUE = Days.deadline(T0, 15);

    private ProcessInstance review;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void register() {
        at(T0.plus(Duration.ofHours(2)));
        review = runtimeService().startProcessInstanceByKey("ContactReview", CONTACT, vars("contactId", 42L,
                "channel", "LETTER", "acknowledged", false, "stationCode", "QX-0102", "escalationStationCode", "QX-01",
                "reviewDue", date(REVIEW_DUE), "objectionDue", null, "escalateAfter", ESCALATE_AFTER));
    }

    private void transferTo(String station, String above, Instant reviewDue, Instant objectionDue) {
        ProcessTests.complete(CONTACT, "Task_ReviewContact", "decision", "TRANSFERRED_TO_STATION", "stationCode", station,
                "escalationStationCode", above, "reviewDue", date(reviewDue), "objectionDue", date(objectionDue));
    }

    @Test
    void theStationSupervisorDecidesBy24OClockOfTheFifteenthDayAfterReceipt() {
        register();

        assertThat(task(CONTACT, "Task_ReviewContact").getDueDate()).isEqualTo(date(Instant.parse("2026-03-17T16:00:00Z")));
        assertThat(candidateGroups(task(CONTACT, "Task_ReviewContact"))).containsExactly("station:QX-0102:supervisor");
        assertThat(timer("Timer_ReviewDeadline").getDuedate()).isEqualTo(date(REVIEW_DUE));
        assertThat(timers("Timer_ObjectionWindow")).as("no transfer, no window").isEmpty();
    }

    @Test
    void anOverdueReviewIsChasedByTheStationThenTheLevelAboveAndTheDecisionEndsBoth() {
        register();

        fire("Timer_ReviewDeadline");

        assertChasedThenEscalated(CONTACT, "ACCEPTANCE", "QX-0102", "QX-01");
        ProcessTests.complete(CONTACT, "Task_ReviewContact", "decision", "ACCEPTED");
        assertThat(review).isEnded();
        assertThat(taskQuery().processInstanceBusinessKey(CONTACT).count()).isZero();
    }

    @Test
    void aTransferHandsTheReviewOverWithFifteenDaysFromTheTransferAndAWindowToObject() {
        register();
        Instant transferred = T0.plus(Duration.ofDays(3));
        at(transferred);
        Instant newDue = Days.deadline(transferred, 15);
        Instant window = Days.deadline(transferred, 7); // five working days over a weekend

        transferTo("QX-0201", "QX-02", newDue, window);

        assertThat(candidateGroups(task(CONTACT, "Task_ReviewContact"))).containsExactly("station:QX-0201:supervisor");
        assertThat(task(CONTACT, "Task_ReviewContact").getDueDate()).isEqualTo(date(newDue));
        assertThat(timer("Timer_ObjectionWindow").getDuedate()).isEqualTo(date(window));
        assertThat(timer("Timer_ReviewDeadline").getDuedate()).isEqualTo(date(newDue));
    }

    @Test
    void anObjectionWithinTheWindowSendsTheMatterBackToTheStationThatTransferredIt() {
        register();
        at(T0.plus(Duration.ofDays(3)));
        transferTo("QX-0201", "QX-02", Days.deadline(clock(), 15), Days.deadline(clock(), 7));
        at(T0.plus(Duration.ofDays(5)));

        runtimeService().createMessageCorrelation("TransferObjected").processInstanceId(review.getId())
                .setVariables(vars("stationCode", "QX-0102", "escalationStationCode", "QX-01", "reviewDue", date(REVIEW_DUE),
                        "objectionDue", null)).correlate();

        assertThat(review).hasPassed("EndEvent_Objected", "Boundary_TransferObjected");
        assertThat(candidateGroups(task(CONTACT, "Task_ReviewContact"))).containsExactly("station:QX-0102:supervisor");
        assertThat(task(CONTACT, "Task_ReviewContact").getDueDate()).isEqualTo(date(REVIEW_DUE));
        assertThat(timers("Timer_ObjectionWindow")).isEmpty();
    }

    @Test
    void afterTheWindowClosedAnObjectionFindsNothingToCatchIt() {
        register();
        at(T0.plus(Duration.ofDays(3)));
        transferTo("QX-0201", "QX-02", Days.deadline(clock(), 15), Days.deadline(clock(), 7));

        fire("Timer_ObjectionWindow");

        assertThat(review).hasPassed("EndEvent_WindowClosed");
        assertThatThrownBy(() -> runtimeService().createMessageCorrelation("TransferObjected")
                .processInstanceId(review.getId()).correlate()).isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(waitsAt(CONTACT, "Task_ReviewContact")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACCEPTED", "CONSULTATION_ANSWERED", "NOT_ACCEPTED", "TRANSFERRED"})
    void everyOtherDecisionEndsTheReview(String decision) {
        register();
        ProcessTests.complete(CONTACT, "Task_ReviewContact", "decision", decision);
        assertThat(review).isEnded().hasPassed("EndEvent_ContactReviewed");
    }

    private static Instant clock() {
        return ProcessTests.clock();
    }
}
