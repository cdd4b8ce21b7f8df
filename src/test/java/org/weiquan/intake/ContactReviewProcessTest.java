package org.weiquan.intake;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

@Deployment(resources = "bpmn/ContactReview.bpmn")
class ContactReviewProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    private final Instant received = Instant.parse("2026-03-02T01:30:00Z");

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessInstance registerContact() {
        ClockUtil.setCurrentTime(Date.from(received.plus(Duration.ofHours(2))));
        return engine.getRuntimeService().startProcessInstanceByKey("ContactReview", "42", Variables.createVariables()
                .putValue("contactId", 42L)
                .putValue("stationCode", "QX-0102")
                .putValue("escalationStationCode", "QX-01")
                .putValue("channel", "LETTER")
                .putValue("acknowledged", false)
                .putValue("reviewDue", Date.from(org.weiquan.shared.Days.deadline(received, Contact.REVIEW_DAYS))));
    }

    @Test
    void aRegisteredContactWaitsForTheStationSupervisorsReviewDueFifteenDaysAfterReceipt() {
        ProcessInstance review = registerContact();

        assertThat(review).isWaitingAt("Task_ReviewContact");
        assertThat(task(review)).hasCandidateGroup("station:QX-0102:supervisor")
                .hasDueDate(Date.from(Instant.parse("2026-03-17T16:00:00Z"))); // 24:00 of 17 March, Beijing
    }

    @Test
    void theReviewDeadlineFiresFifteenDaysAfterReceiptNotAfterRegistration() {
        ProcessInstance review = registerContact();

        Job timer = job("Timer_ReviewDeadline", review);
        assertThat(timer.getDuedate()).isEqualTo(Date.from(org.weiquan.shared.Days.deadline(received, 15)));
    }

    @Test
    void anOverdueReviewIsChasedByTheSupervisorOfTheStationAboveAndStaysOpen() {
        ProcessInstance review = registerContact();

        ClockUtil.setCurrentTime(Date.from(org.weiquan.shared.Days.deadline(received, 15).plusSeconds(1)));
        execute(job("Timer_ReviewDeadline", review));

        assertThat(review).isWaitingAt("Task_ReviewContact", "Task_ChaseOverdueReview");
        Task chase = taskQuery().taskDefinitionKey("Task_ChaseOverdueReview").singleResult();
        assertThat(chase).hasCandidateGroup("station:QX-01:supervisor");
    }

    @Test
    void decidingTheReviewEndsItAndWithdrawsAnOpenChase() {
        ProcessInstance review = registerContact();
        ClockUtil.setCurrentTime(Date.from(received.plus(Duration.ofDays(16))));
        execute(job("Timer_ReviewDeadline", review));

        complete(taskQuery().taskDefinitionKey("Task_ReviewContact").singleResult(), withVariables("decision", "ACCEPTED"));

        assertThat(review).isEnded().hasPassed("EndEvent_ContactReviewed").hasNotPassed("EndEvent_OverdueChased");
        assertThat(taskQuery().count()).isZero();
    }

    @Test
    void aReviewDecidedInTimeIsNeverChased() {
        ProcessInstance review = registerContact();

        complete(task(review), withVariables("decision", "NOT_ACCEPTED"));

        assertThat(review).isEnded().hasNotPassed("Task_ChaseOverdueReview");
        assertThat(engine.getManagementService().createJobQuery().count()).isZero();
    }

    @Test
    void anOverdueReviewIsNotChasedWhenThePersonWasToldInTime() {
        ProcessInstance review = registerContact();
        engine.getRuntimeService().setVariable(review.getId(), "acknowledged", true);

        ClockUtil.setCurrentTime(Date.from(received.plus(Duration.ofDays(16))));
        execute(job("Timer_ReviewDeadline", review));

        assertThat(review).isWaitingAt("Task_ReviewContact").hasPassed("EndEvent_AcknowledgedInTime");
        assertThat(taskQuery().taskDefinitionKey("Task_ChaseOverdueReview").count()).isZero();
    }

    @Test
    void aTransferHandsTheReviewToTheOtherStationWithFifteenDaysFromTheTransfer() {
        ProcessInstance review = registerContact();
        Date transferred = Date.from(received.plus(Duration.ofDays(3)));
        Date newDue = Date.from(received.plus(Duration.ofDays(18)));

        complete(task(review), withVariables("decision", "TRANSFERRED_TO_STATION", "stationCode", "QX-0201",
                "escalationStationCode", "QX-02", "reviewDue", newDue));

        assertThat(review).isWaitingAt("Task_ReviewContact");
        assertThat(task(review)).hasCandidateGroup("station:QX-0201:supervisor").hasDueDate(newDue);
        assertThat(job("Timer_ReviewDeadline", review).getDuedate()).isEqualTo(newDue);
        assertThat(transferred).isBefore(newDue);
    }

    @Test
    void everyOtherDecisionEndsTheReview() {
        for (String decision : new String[] {"ACCEPTED", "CONSULTATION_ANSWERED", "NOT_ACCEPTED", "TRANSFERRED"}) {
            ProcessInstance review = registerContact();
            complete(task(review), withVariables("decision", decision));
            assertThat(review).as(decision).isEnded().hasPassed("EndEvent_ContactReviewed");
        }
    }
}
