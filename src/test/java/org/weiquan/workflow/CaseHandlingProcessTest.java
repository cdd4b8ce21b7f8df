package org.weiquan.workflow;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weiquan.workflow.engine.MediatorHandOver;
import org.weiquan.shared.Days;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.weiquan.workflow.ProcessTests.ESCALATE_AFTER;
import static org.weiquan.workflow.ProcessTests.STATION;
import static org.weiquan.workflow.ProcessTests.STATION_ABOVE;
import static org.weiquan.workflow.ProcessTests.T0;
import static org.weiquan.workflow.ProcessTests.assertChasedThenEscalated;
import static org.weiquan.workflow.ProcessTests.at;
import static org.weiquan.workflow.ProcessTests.candidateGroups;
import static org.weiquan.workflow.ProcessTests.clock;
import static org.weiquan.workflow.ProcessTests.date;
import static org.weiquan.workflow.ProcessTests.fire;
import static org.weiquan.workflow.ProcessTests.timer;
import static org.weiquan.workflow.ProcessTests.timers;
import static org.weiquan.workflow.ProcessTests.vars;
import static org.weiquan.workflow.ProcessTests.waitsAt;

/**
 * {@code bpmn/CaseHandling.bpmn} with the models it calls: every deadline of a case runs from the event that starts
 * it, is chased by the station's supervisor when it passes and by the level above when the chase is not taken up;
 * rounds, extensions before and after the deadline, closure, follow-up, reopening and withdrawal. Time is moved with
 * the engine's clock; delegates are test doubles.
 */
@Deployment(resources = {"bpmn/CaseHandling.bpmn", "bpmn/Escalation.bpmn", "bpmn/MandatoryReport.bpmn",
        "bpmn/DangerAssessment.bpmn"})
class CaseHandlingProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    static final String CASE = "QX-0102-2026-0042";
    static final String MEDIATOR = "li.mediator";
    static final Instant HANDLING_DUE = Days.deadline(T0, 60);

    private final RecordingDelegate roundRobin =
            new RecordingDelegate(execution -> execution.setVariable("mediator", "wang.mediator"));
    private final RecordingDelegate startNewRound = new RecordingDelegate(execution -> {
        Instant due = Days.deadline(ClockUtil.getCurrentTime().toInstant(), 60);
        execution.setVariable("roundNumber", 2);
        execution.setVariable("handlingDue", date(due));
        execution.setVariable("handlingWarning", date(due.minus(Duration.ofDays(7))));
    });

    private ProcessInstance handling;

    @BeforeEach
    void delegates() {
        Mocks.register("assignMediatorRoundRobin", roundRobin);
        Mocks.register("startNewRound", startNewRound);
        Mocks.register("handOverToMediator", new MediatorHandOver());
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        Mocks.reset();
    }

    /** The variables the application starts a case with (CamundaCaseWorkflow.startHandling). */
    static VariableMap aCase() {
        return vars("caseNumber", CASE, "caseId", 42L, "stationCode", STATION, "escalationStationCode", STATION_ABOVE,
                "category", "MARRIAGE_DISPUTE", "channel", "VISIT", "minorInvolved", false, "withoutCapacity", false,
                "domesticViolence", false, "needsWrittenReply", false, "needsFollowUp", true, "autoAssign", false,
                "roundNumber", 1, "mediator", null, "handlingDue", date(HANDLING_DUE),
                "handlingWarning", date(HANDLING_DUE.minus(Duration.ofDays(7))),
                "mediatorAssignmentDue", date(Days.deadline(T0, 3)), "riskAssessmentDue", date(T0.plus(Duration.ofHours(24))),
                "mandatoryReportDue", date(T0), "mandatoryReportChaseAfter", "PT4H", "urgentActionWithin", "PT24H",
                "escalateAfter", ESCALATE_AFTER);
    }

    private void accept(VariableMap variables) {
        at(T0);
        handling = runtimeService().startProcessInstanceByKey("CaseHandling", CASE, variables);
    }

    private void complete(String taskKey, Object... variables) {
        ProcessTests.complete(CASE, taskKey, variables);
    }

    private boolean waiting(String taskKey) {
        return waitsAt(CASE, taskKey);
    }

    private void startHandling() {
        accept(aCase());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
    }

    private void closeTheCase(boolean followUp) {
        complete("Task_HandleCase", "handlingStep", "REQUEST_CLOSURE");
        Instant due = Days.startOf(Days.dateOf(clock()).plusDays(30));
        complete("Task_ApproveClosure", "closureApproved", true, "needsFollowUp", followUp,
                "followUpDue", date(due), "followUpVisitDue", date(Days.deadline(due, 0)));
    }

    private void moveDeadline(Instant due) {
        runtimeService().createMessageCorrelation("DeadlineMoved").processInstanceId(handling.getId())
                .setVariable("handlingDue", date(due)).setVariable("handlingWarning", date(due.minus(Duration.ofDays(7))))
                .correlateAllWithResult();
    }

    // ------------------------------------------------------------------ the mediator's assignment

    @Test
    void aPlainCaseWaitsForTheSupervisorToAssignAMediatorWithinThreeDays() {
        accept(aCase());

        assertThat(waiting("Task_AssignMediator")).isTrue();
        assertThat(ProcessTests.task(CASE, "Task_AssignMediator").getDueDate()).isEqualTo(date(Days.deadline(T0, 3)));
        assertThat(candidateGroups(ProcessTests.task(CASE, "Task_AssignMediator"))).containsExactly("station:QX-0102:supervisor");
        assertThat(waiting("Task_HandleCase")).isFalse();
    }

    @Test
    void anAssignmentNotMadeInThreeDaysIsChasedThenEscalatedAndTheChasesEndWithTheAssignment() {
        accept(aCase());
        assertThat(timer("Timer_MediatorAssignmentDue").getDuedate()).isEqualTo(date(Days.deadline(T0, 3)));

        fire("Timer_MediatorAssignmentDue");

        assertChasedThenEscalated(CASE, "MEDIATOR_ASSIGNMENT", STATION, STATION_ABOVE);
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        assertThat(waiting("Task_ChaseOverdue")).isFalse();
        assertThat(waiting("Task_EscalateOverdue")).isFalse();
        assertThat(ProcessTests.task(CASE, "Task_HandleCase").getAssignee()).isEqualTo(MEDIATOR);
    }

    @Test
    void withAutoAssignmentTheRoundRobinPicksTheMediator() {
        accept(aCase().putValue("autoAssign", true));

        assertThat(roundRobin.calls()).hasSize(1);
        assertThat(ProcessTests.task(CASE, "Task_HandleCase").getAssignee()).isEqualTo("wang.mediator");
    }

    @Test
    void whenTheRoundRobinFindsNoMediatorTheSupervisorAssignsOne() {
        Mocks.register("assignMediatorRoundRobin", (JavaDelegate) execution -> {
            throw new BpmnError("NoMediator", "the station has no active mediator");
        });

        accept(aCase().putValue("autoAssign", true));

        assertThat(handling).hasPassed("Boundary_NoMediator");
        assertThat(waiting("Task_AssignMediator")).isTrue();
    }

    // ------------------------------------------------------------------ the round's deadline

    @Test
    void theSixtyDaysRunFromAcceptanceEvenWhileTheCaseWaitsForItsDangerAssessment() {
        accept(aCase().putValue("domesticViolence", true));
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(date(HANDLING_DUE));
        assertThat(timer("Timer_HandlingWarning").getDuedate()).isEqualTo(date(HANDLING_DUE.minus(Duration.ofDays(7))));
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        assertThat(waiting("Task_HandleCase")).as("handling waits for the assessment").isFalse();

        fire("Timer_HandlingDeadline");

        assertThat(clock()).isEqualTo(HANDLING_DUE);
        assertThat(ProcessTests.task(CASE, "Task_ChaseOverdue")).isNotNull();
        assertChasedThenEscalated(CASE, "HANDLING", STATION, STATION_ABOVE);
    }

    @Test
    void theHandlingTasksAreDueOnTheRoundsDeadlineAndTheMediatorIsWarnedAWeekBefore() {
        startHandling();
        assertThat(ProcessTests.task(CASE, "Task_HandleCase").getDueDate()).isEqualTo(date(HANDLING_DUE));
        assertThat(candidateGroups(ProcessTests.task(CASE, "Task_HandleCase"))).containsExactly("station:QX-0102:mediator");

        fire("Timer_HandlingWarning");

        assertThat(ProcessTests.task(CASE, "Task_HandlingDeadlineWarning").getAssignee()).isEqualTo(MEDIATOR);
        assertThat(waiting("Task_ChaseOverdue")).isFalse();
    }

    @Test
    void anExtensionMayBeAskedForBeforeHandlingStartsAndItsApprovalMovesBothWatches() {
        accept(aCase());
        runtimeService().createMessageCorrelation("ExtensionRequested").processInstanceId(handling.getId())
                .setVariable("extensionDays", 30).correlate();
        assertThat(ProcessTests.task(CASE, "Task_ApproveExtension").getDueDate()).isEqualTo(date(HANDLING_DUE));

        complete("Task_ApproveExtension", "extensionApproved", true);
        Instant extended = HANDLING_DUE.plus(Duration.ofDays(30));
        moveDeadline(extended);

        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(date(extended));
        assertThat(timer("Timer_HandlingWarning").getDuedate()).isEqualTo(date(extended.minus(Duration.ofDays(7))));
    }

    @Test
    void aLateExtensionApprovedAfterTheDeadlineFiredSetsANewDeadlineToWatch() {
        startHandling();
        fire("Timer_HandlingWarning");
        fire("Timer_HandlingDeadline");
        assertThat(timers("Timer_HandlingDeadline")).isEmpty();
        assertThat(ProcessTests.tasks(CASE, "Task_ChaseOverdue")).hasSize(1);

        Instant extended = HANDLING_DUE.plus(Duration.ofDays(20));
        moveDeadline(extended);

        assertThat(ProcessTests.tasks(CASE, "Task_ChaseOverdue")).as("the old deadline's chase ends").isEmpty();
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(date(extended));
        assertThat(timer("Timer_HandlingWarning").getDuedate()).isEqualTo(date(extended.minus(Duration.ofDays(7))));
        fire("Timer_HandlingDeadline");
        assertThat(ProcessTests.tasks(CASE, "Task_ChaseOverdue")).as("chased again at the new deadline").hasSize(1);
    }

    @Test
    void aLateExtensionAfterTheChaseWasDoneStillSetsANewDeadline() {
        startHandling();
        fire("Timer_HandlingDeadline");
        complete("Task_ChaseOverdue", "note", "已催办");
        assertThat(ProcessTests.tasks(CASE, "Task_ChaseOverdue")).isEmpty();

        Instant extended = HANDLING_DUE.plus(Duration.ofDays(10));
        moveDeadline(extended);

        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(date(extended));
    }

    @Test
    void anApprovedClosureEndsTheRoundWithItsWatchesChasesAndAPendingExtension() {
        startHandling();
        fire("Timer_HandlingDeadline");
        runtimeService().createMessageCorrelation("ExtensionRequested").processInstanceId(handling.getId())
                .setVariable("extensionDays", 10).correlate();

        closeTheCase(false);

        assertThat(handling).isEnded().hasPassed("EndEvent_RoundDone", "EndEvent_ClosedWithoutFollowUp");
        assertThat(taskQuery().processInstanceBusinessKey(CASE).count()).isZero();
        assertThat(timers("Timer_HandlingDeadline")).isEmpty();
    }

    @Test
    void anExtensionCannotBeAskedForOnceTheRoundIsClosed() {
        startHandling();
        closeTheCase(true);

        assertThatThrownBy(() -> runtimeService().createMessageCorrelation("ExtensionRequested")
                .processInstanceId(handling.getId()).correlate()).isInstanceOf(ProcessEngineException.class);
    }

    // ------------------------------------------------------------------ mandatory report

    @Test
    void harmToAMinorNeedsTheReportAtOnceChasedAfterFourHoursThenTheLevelAbove() {
        accept(aCase().putValue("minorInvolved", true));
        assertThat(ProcessTests.task(CASE, "Task_RecordMandatoryReport").getDueDate()).isEqualTo(date(T0));
        assertThat(timer("Timer_MandatoryReportDue").getDuedate()).isEqualTo(date(T0.plus(Duration.ofHours(4))));

        fire("Timer_MandatoryReportDue");

        assertChasedThenEscalated(CASE, "MANDATORY_REPORT", STATION, STATION_ABOVE);
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        assertThat(waiting("Task_HandleCase")).as("handling waits for the report").isFalse();
        complete("Task_RecordMandatoryReport");
        assertThat(waiting("Task_ChaseOverdue")).isFalse();
        assertThat(waiting("Task_HandleCase")).isTrue();
    }

    @Test
    void aMinorFoundLaterNeedsTheReportThen() {
        startHandling();
        at(T0.plus(Duration.ofDays(10)));

        runtimeService().createMessageCorrelation("MandatoryReportNeeded").processInstanceId(handling.getId())
                .setVariable("mandatoryReportDue", date(clock())).correlate();

        assertThat(ProcessTests.task(CASE, "Task_RecordMandatoryReport").getDueDate()).isEqualTo(date(clock()));
        assertThat(timer("Timer_MandatoryReportDue").getDuedate()).isEqualTo(date(clock().plus(Duration.ofHours(4))));
        assertThat(waiting("Task_HandleCase")).as("handling goes on").isTrue();
    }

    // ------------------------------------------------------------------ danger assessment and the urgent path

    @Test
    void aDomesticViolenceCaseIsAssessedWithin24HoursOfAcceptanceElseChasedThenEscalated() {
        accept(aCase().putValue("domesticViolence", true));
        assertThat(ProcessTests.task(CASE, "Task_AssessRisk").getDueDate()).isEqualTo(date(T0.plus(Duration.ofHours(24))));

        fire("Timer_RiskAssessmentDue");

        assertChasedThenEscalated(CASE, "RISK_ASSESSMENT", STATION, STATION_ABOVE);
        complete("Task_AssessRisk", "riskLevel", "LOW");
        assertThat(waiting("Task_ChaseOverdue")).isFalse();
    }

    @Test
    void highDangerTakesTheUrgentPathDueIn24HoursChasedWhenLateAndHandlingWaitsForIt() {
        accept(aCase().putValue("domesticViolence", true));
        assertThat(ProcessTests.task(CASE, "Task_AssessRisk").getAssignee()).as("no mediator yet").isNull();
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        assertThat(ProcessTests.task(CASE, "Task_AssessRisk").getAssignee()).as("handed to her with the assignment")
                .isEqualTo(MEDIATOR);
        at(T0.plus(Duration.ofHours(2)));
        complete("Task_AssessRisk", "riskLevel", "HIGH");
        Instant due = clock().plus(Duration.ofHours(24));
        for (String step : new String[] {"Task_MakeSafetyPlan", "Task_ReferToPoliceOrShelter", "Task_OfferProtectionOrder"}) {
            assertThat(ProcessTests.task(CASE, step).getDueDate()).as(step).isEqualTo(date(due));
            assertThat(ProcessTests.task(CASE, step).getAssignee()).as(step).isEqualTo(MEDIATOR);
        }

        fire("Timer_UrgentActionDue");
        assertChasedThenEscalated(CASE, "URGENT_PROTECTION", STATION, STATION_ABOVE);
        complete("Task_MakeSafetyPlan");
        complete("Task_ReferToPoliceOrShelter");
        assertThat(waiting("Task_HandleCase")).isFalse();
        complete("Task_OfferProtectionOrder");

        assertThat(waiting("Task_HandleCase")).isTrue();
        assertThat(waiting("Task_ChaseOverdue")).as("the chase ends with the steps").isFalse();
    }

    @Test
    void domesticViolenceRecordedLaterIsAssessedWithin24HoursThen() {
        startHandling();
        at(T0.plus(Duration.ofDays(5)));

        runtimeService().createMessageCorrelation("DangerAssessmentNeeded").processInstanceId(handling.getId())
                .setVariable("riskAssessmentDue", date(clock().plus(Duration.ofHours(24)))).correlate();

        assertThat(ProcessTests.task(CASE, "Task_AssessRisk").getDueDate()).isEqualTo(date(clock().plus(Duration.ofHours(24))));
        assertThat(ProcessTests.task(CASE, "Task_AssessRisk").getAssignee()).isEqualTo(MEDIATOR);
    }

    // ------------------------------------------------------------------ handling

    @ParameterizedTest
    @ValueSource(strings = {"ORAL_AGREEMENT", "TERMINATED", "REFUSED", "WRITTEN_AGREEMENT"})
    void mediationSessionsContinueUntilItEndsAndHandlingGoesOn(String outcome) {
        startHandling();
        complete("Task_HandleCase", "handlingStep", "MEDIATE");
        complete("Task_HoldMediationSession", "mediationOutcome", "CONTINUE");
        complete("Task_HoldMediationSession", "mediationOutcome", outcome);

        assertThat(waiting("Task_HandleCase")).isTrue();
        assertThat(ProcessTests.task(CASE, "Task_HandleCase").getDueDate()).isEqualTo(date(HANDLING_DUE));
    }

    @Test
    void aWrittenReplyReturnsToHandlingAndAClosureSentBackToo() {
        startHandling();
        complete("Task_HandleCase", "handlingStep", "WRITTEN_REPLY");
        complete("Task_WriteReply");
        complete("Task_HandleCase", "handlingStep", "REQUEST_CLOSURE");
        complete("Task_ApproveClosure", "closureApproved", false);

        assertThat(waiting("Task_HandleCase")).isTrue();
    }

    @Test
    void anUnknownHandlingStepIsRefusedAndTheTaskStaysOpen() {
        startHandling();

        assertThatThrownBy(() -> complete("Task_HandleCase", "handlingStep", "ARCHIVE"))
                .isInstanceOf(ProcessEngineException.class);
        assertThat(waiting("Task_HandleCase")).isTrue();
    }

    // ------------------------------------------------------------------ closure, follow-up, reopening

    @Test
    void theFollowUpVisitFallsDueOnItsDateAndAProblemBackStartsARoundWithItsOwnSixtyDays() {
        startHandling();
        at(T0.plus(Duration.ofDays(40)));
        closeTheCase(true);
        Instant visitDay = Days.startOf(Days.dateOf(clock()).plusDays(30));
        assertThat(timer("Timer_FollowUpDue").getDuedate()).isEqualTo(date(visitDay));

        fire("Timer_FollowUpDue");
        assertThat(ProcessTests.task(CASE, "Task_FollowUpVisit").getAssignee()).isEqualTo(MEDIATOR);
        assertThat(ProcessTests.task(CASE, "Task_FollowUpVisit").getDueDate()).isEqualTo(date(Days.deadline(visitDay, 0)));
        complete("Task_FollowUpVisit", "problemBack", true);

        assertThat(startNewRound.calls()).hasSize(1);
        Instant newDue = Days.deadline(clock(), 60);
        assertThat(ProcessTests.task(CASE, "Task_HandleCase").getDueDate()).isEqualTo(date(newDue));
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(date(newDue));
        assertThat(waiting("Task_AssignMediator")).as("the mediator stays").isFalse();
        closeTheCase(true);
        fire("Timer_FollowUpDue");
        complete("Task_FollowUpVisit", "problemBack", false);
        assertThat(handling).isEnded().hasPassed("EndEvent_CaseClosed");
    }

    // ------------------------------------------------------------------ withdrawal

    @ParameterizedTest
    @ValueSource(strings = {"assignment", "assessment", "urgent", "handling", "overdue", "followUp"})
    void thePersonMayWithdrawAtAnyTimeAndEverythingOpenEnds(String state) {
        switch (state) {
            case "assignment" -> accept(aCase().putValue("minorInvolved", true));
            case "assessment" -> accept(aCase().putValue("domesticViolence", true));
            case "urgent" -> {
                accept(aCase().putValue("domesticViolence", true));
                complete("Task_AssessRisk", "riskLevel", "HIGH");
                fire("Timer_UrgentActionDue");
            }
            case "handling" -> startHandling();
            case "overdue" -> {
                startHandling();
                fire("Timer_HandlingDeadline");
            }
            default -> {
                startHandling();
                closeTheCase(true);
            }
        }

        runtimeService().createMessageCorrelation("CaseWithdrawn").processInstanceId(handling.getId()).correlate();

        assertThat(handling).isEnded().hasPassed("EndEvent_CaseWithdrawn");
        assertThat(taskQuery().processInstanceBusinessKey(CASE).count()).isZero();
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(CASE).count()).isZero();
    }

    @Test
    void theModelsVariablesAreOnlyIdsCodesFlagsAndDates() {
        accept(aCase().putValue("domesticViolence", true).putValue("minorInvolved", true));
        for (Object value : runtimeService().getVariables(handling.getId()).values()) {
            assertThat(value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof Date).as(String.valueOf(value)).isTrue();
        }
    }
}
