package org.weiquan.workflow;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/** {@code bpmn/Referral.bpmn}: a referral is answered, chased when the agency is silent, completed or revoked. */
@Deployment(resources = "bpmn/Referral.bpmn")
class ReferralProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    static final Instant SENT = Instant.parse("2026-03-05T02:00:00Z");
    static final Date ANSWER_DUE = Date.from(SENT.plus(Duration.ofDays(7)));
    static final String REFERRAL = "QX-0102-2026-0042/R1";
    static final String MEDIATOR = "li.mediator";

    private ProcessInstance referral;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void sendReferral() {
        ClockUtil.setCurrentTime(Date.from(SENT));
        referral = runtimeService().startProcessInstanceByKey("Referral", REFERRAL, Variables.createVariables()
                .putValue("caseNumber", "QX-0102-2026-0042")
                .putValue("referralId", 7L)
                .putValue("stationCode", "QX-0102")
                .putValue("escalationStationCode", "QX-01")
                .putValue("mediator", MEDIATOR)
                .putValue("answerDue", ANSWER_DUE)
                .putValue("agencyKind", "LEGAL_AID"));
    }

    private Task task(String taskKey) {
        Task task = taskQuery().processInstanceId(referral.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        return task;
    }

    private void answer(String referralAnswer) {
        taskService().complete(task("Task_AwaitReferralAnswer").getId(), withVariables("referralAnswer", referralAnswer));
    }

    private void chaseTheSilentAgency() {
        Job timer = job("Timer_ReferralAnswerDue", referral);
        ClockUtil.setCurrentTime(timer.getDuedate());
        execute(timer);
    }

    private void revoke() {
        runtimeService().createMessageCorrelation("ReferralRevoked").processInstanceBusinessKey(REFERRAL).correlate();
    }

    @Test
    void aSentReferralWaitsWithTheMediatorForTheAgencysAnswerUntilItIsDue() {
        sendReferral();

        assertThat(referral).isWaitingAt("Task_AwaitReferralAnswer");
        assertThat(task("Task_AwaitReferralAnswer")).isAssignedTo(MEDIATOR).hasDueDate(ANSWER_DUE)
                .hasFormKey("weiquan:await-referral-answer");
        assertThat(job("Timer_ReferralAnswerDue", referral).getDuedate()).isEqualTo(ANSWER_DUE);
    }

    @Test
    void anAcceptedReferralIsDoneWhenTheMediatorRecordsItsOutcome() {
        sendReferral();

        answer("ACCEPTED");

        assertThat(referral).isWaitingAt("Task_RecordReferralOutcome");
        assertThat(task("Task_RecordReferralOutcome")).isAssignedTo(MEDIATOR);
        taskService().complete(task("Task_RecordReferralOutcome").getId());
        assertThat(referral).isEnded().hasPassed("EndEvent_ReferralDone");
    }

    @Test
    void aRejectedReferralEnds() {
        sendReferral();

        answer("REJECTED");

        assertThat(referral).isEnded().hasPassed("EndEvent_ReferralRejected").hasNotPassed("Task_RecordReferralOutcome");
        assertThat(jobQuery().processInstanceId(referral.getId()).count()).isZero();
    }

    @Test
    void anUnansweredReferralIsChasedByTheStationSupervisorAndStaysOpen() {
        sendReferral();

        chaseTheSilentAgency();

        assertThat(referral).isWaitingAt("Task_AwaitReferralAnswer", "Task_ChaseReferral");
        assertThat(task("Task_ChaseReferral")).hasCandidateGroup("station:QX-0102:supervisor")
                .hasFormKey("weiquan:chase-referral");
        taskService().complete(task("Task_ChaseReferral").getId());
        assertThat(referral).hasPassed("EndEvent_ReferralChased").isWaitingAt("Task_AwaitReferralAnswer");
    }

    @Test
    void aLateAnswerEndsTheReferralAndTheChaseStillOpen() {
        sendReferral();
        chaseTheSilentAgency();

        answer("REJECTED");

        assertThat(referral).isEnded().hasPassed("EndEvent_ReferralRejected").hasNotPassed("EndEvent_ReferralChased");
        assertThat(taskQuery().processInstanceId(referral.getId()).count()).isZero();
    }

    enum Moment { WHILE_THE_ANSWER_IS_AWAITED, WHILE_THE_AGENCY_IS_CHASED, AFTER_THE_AGENCY_ACCEPTED }

    @ParameterizedTest(name = "revoked {0}")
    @EnumSource(Moment.class)
    void aReferralMayBeRevokedAtAnyTime(Moment when) {
        sendReferral();
        switch (when) {
            case WHILE_THE_AGENCY_IS_CHASED -> chaseTheSilentAgency();
            case AFTER_THE_AGENCY_ACCEPTED -> answer("ACCEPTED");
            default -> { }
        }

        revoke();

        assertThat(referral).as(when.name()).isEnded().hasPassed("EndEvent_ReferralRevoked").hasNotPassed("EndEvent_ReferralDone");
        assertThat(taskQuery().processInstanceId(referral.getId()).count()).as(when.name()).isZero();
        assertThat(jobQuery().processInstanceId(referral.getId()).count()).as(when.name()).isZero();
    }
}
