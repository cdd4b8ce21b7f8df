package org.weiquan.workflow;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

/**
 * {@code bpmn/CaseHandling.bpmn}: every path, every timer, every escalation of a case from acceptance to closure
 * and follow-up. Time is moved with {@link ClockUtil}; timers are fired by the test; delegates are test doubles.
 */
@Deployment(resources = "bpmn/CaseHandling.bpmn")
class CaseHandlingProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    static final Instant ACCEPTED = Instant.parse("2026-03-02T01:30:00Z");
    static final Date HANDLING_DUE = date(ACCEPTED.plus(Duration.ofDays(60)));
    static final Date HANDLING_WARNING = date(ACCEPTED.plus(Duration.ofDays(53)));
    static final String CASE_NUMBER = "QX-0102-2026-0042";
    static final String STATION = "QX-0102";
    static final String STATION_ABOVE = "QX-01";
    static final String MEDIATOR = "li.mediator";
    static final String MEDIATOR_IN_TURN = "wang.mediator";

    private final RecordingDelegate assignMediatorRoundRobin =
            new RecordingDelegate(execution -> execution.setVariable("mediator", MEDIATOR_IN_TURN));
    private final RecordingDelegate moveHandlingDeadline = new RecordingDelegate(CaseHandlingProcessTest::extendByThirtyDays);
    private final RecordingDelegate recordReopening = new RecordingDelegate(CaseHandlingProcessTest::startANewHandlingRound);

    private ProcessInstance handling;

    @BeforeEach
    void registerDelegates() {
        Mocks.register("assignMediatorRoundRobin", assignMediatorRoundRobin);
        Mocks.register("moveHandlingDeadline", moveHandlingDeadline);
        Mocks.register("recordReopening", recordReopening);
    }

    @AfterEach
    void resetClockAndDelegates() {
        ClockUtil.reset();
        Mocks.reset();
    }

    // ------------------------------------------------------------------ acceptance and mediator assignment

    @Test
    void aPlainCaseOnlyWaitsForTheStationSupervisorToAssignAMediator() {
        accept(aCase());

        assertThat(handling).isWaitingAt("Task_AssignMediator")
                .hasNotPassed("Task_RecordMandatoryReport", "Task_AssessRisk");
        assertThat(task("Task_AssignMediator")).hasCandidateGroup("station:QX-0102:supervisor")
                .hasFormKey("weiquan:assign-mediator");
    }

    @Test
    void theAssignedMediatorHandlesTheCaseWithinSixtyDaysOfAcceptanceAndIsWarnedAWeekBefore() {
        accept(aCase());
        at(ACCEPTED.plus(Duration.ofHours(3)));

        complete("Task_AssignMediator", "mediator", MEDIATOR);

        assertThat(handling).isWaitingAt("Task_HandleCase");
        assertThat(task("Task_HandleCase")).isAssignedTo(MEDIATOR).hasDueDate(HANDLING_DUE);
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(HANDLING_DUE);
        assertThat(timer("Timer_HandlingWarning").getDuedate()).isEqualTo(HANDLING_WARNING);
    }

    @Test
    void withAutoAssignmentTheRoundRobinPicksTheMediatorAndNoSupervisorIsAsked() {
        accept(aCase().autoAssigned());

        assertThat(assignMediatorRoundRobin.calls()).hasSize(1);
        assertThat(handling).hasPassed("ServiceTask_AssignMediatorRoundRobin").hasNotPassed("Task_AssignMediator")
                .isWaitingAt("Task_HandleCase");
        assertThat(task("Task_HandleCase")).isAssignedTo(MEDIATOR_IN_TURN);
    }

    @Test
    void whenTheRoundRobinFindsNoMediatorTheStationSupervisorAssignsOne() {
        Mocks.register("assignMediatorRoundRobin", (JavaDelegate) execution -> {
            throw new BpmnError("NoMediator", "the station has no active mediator");
        });

        accept(aCase().autoAssigned());

        assertThat(handling).hasPassed("Boundary_NoMediator").isWaitingAt("Task_AssignMediator");
        assertThat(task("Task_AssignMediator")).hasCandidateGroup("station:QX-0102:supervisor");
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        assertThat(task("Task_HandleCase")).isAssignedTo(MEDIATOR);
    }

    @Test
    void supervisorAssignmentDoesNotCallTheRoundRobin() {
        startHandling();

        assertThat(assignMediatorRoundRobin.calls()).isEmpty();
        assertThat(handling).hasPassed("Task_AssignMediator").hasNotPassed("ServiceTask_AssignMediatorRoundRobin");
    }

    // ------------------------------------------------------------------ mandatory report

    @ParameterizedTest(name = "minor involved: {0}, person without capacity: {1}")
    @CsvSource({"true,false", "false,true", "true,true"})
    void harmToAMinorOrAPersonWithoutCapacityRequiresAnImmediateMandatoryReport(boolean minor, boolean withoutCapacity) {
        accept(aCase().with("minorInvolved", minor).with("withoutCapacity", withoutCapacity));

        assertThat(handling).isWaitingAt("Task_RecordMandatoryReport", "Task_AssignMediator");
        assertThat(task("Task_RecordMandatoryReport"))
                .hasCandidateGroup("station:QX-0102:intake")
                .hasCandidateGroup("station:QX-0102:supervisor")
                .hasDueDate(date(ACCEPTED))
                .hasFormKey("weiquan:record-mandatory-report");
    }

    @Test
    void aMandatoryReportNotRecordedWithinFourHoursIsChasedByTheSupervisorAbove() {
        accept(aCase().involvingAMinor());
        assertThat(timer("Timer_MandatoryReportDue").getDuedate()).isEqualTo(date(ACCEPTED.plus(Duration.ofHours(4))));

        fire("Timer_MandatoryReportDue");

        assertThat(handling).isWaitingAt("Task_RecordMandatoryReport", "Task_ChaseMandatoryReport", "Task_AssignMediator");
        assertThat(task("Task_ChaseMandatoryReport")).hasCandidateGroup("station:QX-01:supervisor");
        complete("Task_ChaseMandatoryReport");
        assertThat(handling).hasPassed("EndEvent_MandatoryReportChased").isWaitingAt("Task_RecordMandatoryReport");
    }

    @Test
    void handlingWaitsForTheMandatoryReportButNotForItsChase() {
        accept(aCase().involvingAMinor());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        assertThat(handling).isWaitingAt("Task_RecordMandatoryReport").isNotWaitingAt("Task_HandleCase");
        fire("Timer_MandatoryReportDue");

        complete("Task_RecordMandatoryReport");

        assertThat(handling).isWaitingAt("Task_HandleCase", "Task_ChaseMandatoryReport");
    }

    @Test
    void aCaseThatNeedsEverythingAtOnceIsHandledWhenReportUrgentStepsAndAssignmentAreDoneEvenWithChasesOpen() {
        accept(aCase().involvingAMinor().ofDomesticViolence().autoAssigned());
        complete("Task_AssessRisk", "riskLevel", "HIGH");
        fire("Timer_MandatoryReportDue");
        fire("Timer_UrgentActionDue");
        complete("Task_MakeSafetyPlan");
        complete("Task_ReferToPoliceOrShelter");
        complete("Task_OfferProtectionOrder", "protectionOrderApplied", false);
        assertThat(handling).isNotWaitingAt("Task_HandleCase");

        complete("Task_RecordMandatoryReport");

        assertThat(handling).isWaitingAt("Task_HandleCase", "Task_ChaseMandatoryReport", "Task_ChaseUrgentAction");
        assertThat(task("Task_HandleCase")).isAssignedTo(MEDIATOR_IN_TURN);
    }

    // ------------------------------------------------------------------ danger assessment and the urgent path

    @Test
    void domesticViolenceIsFirstAssessedForDangerByTheStationsMediators() {
        accept(aCase().ofDomesticViolence());
        complete("Task_AssignMediator", "mediator", MEDIATOR);

        assertThat(handling).isWaitingAt("Task_AssessRisk").isNotWaitingAt("Task_HandleCase");
        assertThat(task("Task_AssessRisk")).hasCandidateGroup("station:QX-0102:mediator").hasFormKey("weiquan:assess-risk");
    }

    @ParameterizedTest(name = "{0} danger")
    @ValueSource(strings = {"LOW", "MEDIUM"})
    void lowOrMediumDangerGoesStraightOnToHandling(String riskLevel) {
        accept(aCase().ofDomesticViolence());
        complete("Task_AssignMediator", "mediator", MEDIATOR);

        complete("Task_AssessRisk", "riskLevel", riskLevel);

        assertThat(handling).isWaitingAt("Task_HandleCase").hasNotPassed("SubProcess_UrgentProtection");
    }

    @Test
    void highRiskDomesticViolenceTakesTheUrgentPathAndOffersAProtectionOrder() {
        accept(aCase().ofDomesticViolence());
        Instant assessed = ACCEPTED.plus(Duration.ofHours(2));
        at(assessed);

        complete("Task_AssessRisk", "riskLevel", "HIGH");

        assertThat(handling).isWaitingAt("Task_MakeSafetyPlan", "Task_ReferToPoliceOrShelter", "Task_OfferProtectionOrder",
                "Task_AssignMediator");
        Date within24Hours = date(assessed.plus(Duration.ofHours(24)));
        for (String urgent : new String[] {"Task_MakeSafetyPlan", "Task_ReferToPoliceOrShelter", "Task_OfferProtectionOrder"}) {
            assertThat(task(urgent)).as(urgent).hasCandidateGroup("station:QX-0102:mediator").hasDueDate(within24Hours);
        }
        assertThat(timer("Timer_UrgentActionDue").getDuedate()).isEqualTo(within24Hours);
    }

    @Test
    void urgentStepsStillOpenAfter24HoursAreChasedByTheSupervisorAbove() {
        accept(aCase().ofDomesticViolence());
        complete("Task_AssessRisk", "riskLevel", "HIGH");
        complete("Task_MakeSafetyPlan");

        fire("Timer_UrgentActionDue");

        assertThat(handling).isWaitingAt("Task_ChaseUrgentAction", "Task_ReferToPoliceOrShelter", "Task_OfferProtectionOrder");
        assertThat(task("Task_ChaseUrgentAction")).hasCandidateGroup("station:QX-01:supervisor");
        complete("Task_ChaseUrgentAction");
        assertThat(handling).hasPassed("EndEvent_UrgentActionChased");
    }

    @Test
    void handlingStartsOnceTheUrgentStepsAreDoneAndNothingIsTrackedWhenNoProtectionOrderWasApplied() {
        accept(aCase().ofDomesticViolence());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        complete("Task_AssessRisk", "riskLevel", "HIGH");
        complete("Task_MakeSafetyPlan");
        complete("Task_ReferToPoliceOrShelter");
        assertThat(handling).isNotWaitingAt("Task_HandleCase");

        complete("Task_OfferProtectionOrder", "protectionOrderApplied", false);

        assertThat(handling).isWaitingAt("Task_HandleCase").hasPassed("EndEvent_ProtectionOrderNotApplied")
                .hasNotPassed("Task_RecordProtectionOrderRuling");
        assertThat(timerCount("Timer_UrgentActionDue")).isZero();
    }

    @ParameterizedTest(name = "urgent application: {0}, ruling within {1} hours")
    @CsvSource({"true,24", "false,72"})
    void anAppliedProtectionOrderIsTrackedUntilTheCourtRulesWithoutHoldingUpHandling(boolean urgent, int rulingHours) {
        accept(aCase().ofDomesticViolence());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        complete("Task_AssessRisk", "riskLevel", "HIGH");
        complete("Task_MakeSafetyPlan");
        complete("Task_ReferToPoliceOrShelter");
        Instant applied = ACCEPTED.plus(Duration.ofHours(5));
        at(applied);
        Date rulingDue = date(applied.plus(Duration.ofHours(rulingHours)));

        applyForAProtectionOrder(urgent, rulingDue);

        assertThat(handling).isWaitingAt("Task_HandleCase", "Task_RecordProtectionOrderRuling")
                .hasPassed("EndEvent_ProtectionOrderApplied", "Boundary_ProtectionOrderApplied");
        assertThat(task("Task_RecordProtectionOrderRuling")).hasDueDate(rulingDue).hasCandidateGroup("station:QX-0102:mediator");
        assertThat(timer("Timer_ProtectionOrderRulingDue").getDuedate()).isEqualTo(rulingDue);
    }

    @Test
    void aRulingNotRecordedInTimeIsChasedByTheStationSupervisor() {
        startHandlingAfterAProtectionOrderApplication();

        fire("Timer_ProtectionOrderRulingDue");

        assertThat(handling).isWaitingAt("Task_ChaseProtectionOrderRuling", "Task_RecordProtectionOrderRuling", "Task_HandleCase");
        assertThat(task("Task_ChaseProtectionOrderRuling")).hasCandidateGroup("station:QX-0102:supervisor");
        complete("Task_ChaseProtectionOrderRuling");
        assertThat(handling).hasPassed("EndEvent_ProtectionOrderRulingChased");
    }

    @Test
    void aGrantedProtectionOrderIsRemindedForRenewalTwoWeeksBeforeItExpires() {
        startHandlingAfterAProtectionOrderApplication();
        Instant expires = ACCEPTED.plus(Duration.ofDays(180));
        Date reminder = date(expires.minus(Duration.ofDays(14)));

        complete("Task_RecordProtectionOrderRuling", "protectionOrderGranted", true, "protectionOrderRenewalReminder", reminder);

        assertThat(handling).isWaitingAt("Timer_ProtectionOrderRenewal", "Task_HandleCase");
        assertThat(timer("Timer_ProtectionOrderRenewal").getDuedate()).isEqualTo(reminder);
        assertThat(timerCount("Timer_ProtectionOrderRulingDue")).isZero();
        fire("Timer_ProtectionOrderRenewal");
        assertThat(task("Task_RemindProtectionOrderRenewal")).hasCandidateGroup("station:QX-0102:mediator")
                .hasFormKey("weiquan:remind-protection-order-renewal");
        complete("Task_RemindProtectionOrderRenewal");
        assertThat(handling).hasPassed("EndEvent_ProtectionOrderRenewalReminded").isWaitingAt("Task_HandleCase");
    }

    @Test
    void aRefusedProtectionOrderNeedsNoRenewalReminder() {
        startHandlingAfterAProtectionOrderApplication();

        complete("Task_RecordProtectionOrderRuling", "protectionOrderGranted", false);

        assertThat(handling).hasPassed("EndEvent_ProtectionOrderRefused").isWaitingAt("Task_HandleCase")
                .isNotWaitingAt("Timer_ProtectionOrderRenewal");
    }

    @Test
    void closingTheCaseEndsARenewalReminderThatHasNotFallenDue() {
        startHandlingAfterAProtectionOrderApplication();
        complete("Task_RecordProtectionOrderRuling", "protectionOrderGranted", true,
                "protectionOrderRenewalReminder", date(ACCEPTED.plus(Duration.ofDays(166))));

        closeTheCase();
        fire("Timer_FollowUpDue");
        complete("Task_FollowUpVisit", "problemBack", false);

        assertThat(handling).isEnded().hasPassed("EndEvent_CaseClosed").hasNotPassed("Task_RemindProtectionOrderRenewal");
        assertThat(jobQuery().processInstanceId(handling.getId()).count()).isZero();
    }

    // ------------------------------------------------------------------ handling deadline

    @Test
    void aWeekBeforeTheHandlingDeadlineTheMediatorIsWarned() {
        startHandling();

        fire("Timer_HandlingWarning");

        assertThat(handling).isWaitingAt("Task_HandlingDeadlineWarning", "Task_HandleCase");
        assertThat(task("Task_HandlingDeadlineWarning")).isAssignedTo(MEDIATOR).hasDueDate(HANDLING_DUE);
        complete("Task_HandlingDeadlineWarning");
        assertThat(handling).hasPassed("EndEvent_HandlingWarned").isWaitingAt("Task_HandleCase");
    }

    @Test
    void anOverdueCaseIsChasedByTheStationSupervisorAndStaysOpen() {
        startHandling();
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(HANDLING_DUE);

        fire("Timer_HandlingDeadline");

        assertThat(handling).isWaitingAt("Task_ChaseOverdueCase", "Task_HandleCase");
        assertThat(task("Task_ChaseOverdueCase")).hasCandidateGroup("station:QX-0102:supervisor");
        complete("Task_ChaseOverdueCase");
        assertThat(handling).hasPassed("EndEvent_OverdueCaseChased").isWaitingAt("Task_HandleCase");
    }

    @Test
    void anApprovedExtensionMovesTheHandlingDeadlineAndItsWarning() {
        startHandling();
        requestAnExtension();
        assertThat(task("Task_ApproveExtension")).hasCandidateGroup("station:QX-0102:supervisor").hasDueDate(HANDLING_DUE);

        complete("Task_ApproveExtension", "extensionApproved", true);

        assertThat(moveHandlingDeadline.calls()).containsExactly(
                new RecordingDelegate.Call(handling.getId(), "ServiceTask_MoveHandlingDeadline"));
        assertThat(handling).hasPassed("EndEvent_ExtensionApproved").isWaitingAt("Task_HandleCase");
        Date extendedDue = date(ACCEPTED.plus(Duration.ofDays(90)));
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(extendedDue);
        assertThat(timer("Timer_HandlingWarning").getDuedate()).isEqualTo(date(ACCEPTED.plus(Duration.ofDays(83))));
        assertThat(task("Task_HandleCase")).hasDueDate(extendedDue);
    }

    @Test
    void aRefusedExtensionLeavesTheDeadlineWhereItWas() {
        startHandling();
        requestAnExtension();

        complete("Task_ApproveExtension", "extensionApproved", false);

        assertThat(moveHandlingDeadline.calls()).isEmpty();
        assertThat(handling).hasPassed("EndEvent_ExtensionRefused").isWaitingAt("Task_HandleCase");
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(HANDLING_DUE);
    }

    @Test
    void anExtensionCanOnlyBeRequestedWhileTheCaseIsBeingHandled() {
        accept(aCase());

        assertThatThrownBy(this::requestAnExtension).isInstanceOf(MismatchingMessageCorrelationException.class);
    }

    @Test
    void approvingTheClosureEndsAnExtensionRequestStillUndecided() {
        accept(aCase().needingFollowUp());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        requestAnExtension();

        closeTheCase();

        assertThat(handling).hasPassed("SubProcess_Handling").isWaitingAt("Timer_FollowUpDue")
                .isNotWaitingAt("Task_ApproveExtension").hasNotPassed("Gateway_ExtensionApproved");
        assertThat(moveHandlingDeadline.calls()).isEmpty();
    }

    // ------------------------------------------------------------------ handling steps

    @Test
    void aWrittenReplyIsWrittenByTheMediatorAndHandlingGoesOn() {
        startHandling();

        complete("Task_HandleCase", "handlingStep", "WRITTEN_REPLY");

        assertThat(handling).isWaitingAt("Task_WriteReply");
        assertThat(task("Task_WriteReply")).isAssignedTo(MEDIATOR).hasDueDate(HANDLING_DUE);
        complete("Task_WriteReply");
        assertThat(handling).isWaitingAt("Task_HandleCase");
    }

    @Test
    void mediationSessionsContinueUntilAWrittenAgreementWhoseJudicialConfirmationIsRemindedAfter25Days() {
        startHandling();
        complete("Task_HandleCase", "handlingStep", "MEDIATE");
        assertThat(task("Task_HoldMediationSession")).isAssignedTo(MEDIATOR).hasDueDate(HANDLING_DUE);
        complete("Task_HoldMediationSession", "mediationOutcome", "CONTINUE");
        assertThat(handling).isWaitingAt("Task_HoldMediationSession");
        Instant signed = ACCEPTED.plus(Duration.ofDays(20));
        at(signed);
        Date reminder = date(signed.plus(Duration.ofDays(25)));

        complete("Task_HoldMediationSession", "mediationOutcome", "WRITTEN_AGREEMENT", "judicialConfirmationReminder", reminder);

        assertThat(handling).hasPassed("EndEvent_WrittenAgreementSigned", "Boundary_WrittenAgreementSigned")
                .isWaitingAt("Task_HandleCase", "Timer_JudicialConfirmationReminder");
        assertThat(timer("Timer_JudicialConfirmationReminder").getDuedate()).isEqualTo(reminder);
        fire("Timer_JudicialConfirmationReminder");
        assertThat(task("Task_RemindJudicialConfirmation")).isAssignedTo(MEDIATOR);
        complete("Task_RemindJudicialConfirmation");
        assertThat(handling).hasPassed("EndEvent_JudicialConfirmationReminded").isWaitingAt("Task_HandleCase");
    }

    @Test
    void theJudicialConfirmationReminderDoesNotHoldUpTheClosure() {
        accept(aCase().needingFollowUp());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        complete("Task_HandleCase", "handlingStep", "MEDIATE");
        complete("Task_HoldMediationSession", "mediationOutcome", "WRITTEN_AGREEMENT",
                "judicialConfirmationReminder", date(ACCEPTED.plus(Duration.ofDays(25))));

        closeTheCase();

        assertThat(handling).hasPassed("SubProcess_Handling").isWaitingAt("Timer_FollowUpDue", "Timer_JudicialConfirmationReminder");
    }

    @ParameterizedTest(name = "{0} ends at {1}")
    @CsvSource({
            "ORAL_AGREEMENT, EndEvent_OralAgreementReached",
            "TERMINATED, EndEvent_MediationTerminated",
            "REFUSED, EndEvent_MediationRefused"})
    void mediationWithoutAWrittenAgreementEndsAndHandlingGoesOnWithoutAReminder(String outcome, String endEvent) {
        startHandling();
        complete("Task_HandleCase", "handlingStep", "MEDIATE");

        complete("Task_HoldMediationSession", "mediationOutcome", outcome);

        assertThat(handling).hasPassed(endEvent).hasNotPassed("EndEvent_WrittenAgreementSigned")
                .isWaitingAt("Task_HandleCase").isNotWaitingAt("Timer_JudicialConfirmationReminder");
    }

    @Test
    void anUnknownHandlingStepIsRefusedAndTheTaskStaysOpen() {
        startHandling();

        assertThatThrownBy(() -> complete("Task_HandleCase", "handlingStep", "ARCHIVE")).isInstanceOf(ProcessEngineException.class);
        assertThat(handling).isWaitingAt("Task_HandleCase");
    }

    // ------------------------------------------------------------------ closure, follow-up, reopening

    @Test
    void theSupervisorMaySendAClosureBackAndApproveItLater() {
        startHandling();
        complete("Task_HandleCase", "handlingStep", "REQUEST_CLOSURE");
        assertThat(task("Task_ApproveClosure")).hasCandidateGroup("station:QX-0102:supervisor").hasDueDate(HANDLING_DUE);

        complete("Task_ApproveClosure", "closureApproved", false);
        assertThat(handling).isWaitingAt("Task_HandleCase");
        closeTheCase();

        assertThat(handling).isEnded().hasPassed("EndEvent_HandlingDone", "EndEvent_ClosedWithoutFollowUp");
    }

    @Test
    void aCaseThatNeedsNoFollowUpEndsWithItsClosureAndOpenChasesEndWithIt() {
        startHandling();
        fire("Timer_HandlingDeadline");

        closeTheCase();

        assertThat(handling).isEnded().hasPassed("EndEvent_ClosedWithoutFollowUp").hasNotPassed("Task_FollowUpVisit");
        assertThat(taskQuery().processInstanceId(handling.getId()).count()).isZero();
    }

    @Test
    void aFollowUpVisitThirtyDaysAfterClosureThatFindsNoProblemLeavesTheCaseClosed() {
        accept(aCase().needingFollowUp());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        Instant closed = ACCEPTED.plus(Duration.ofDays(40));
        at(closed);

        closeTheCase();

        assertThat(handling).isWaitingAt("Timer_FollowUpDue");
        assertThat(timer("Timer_FollowUpDue").getDuedate()).isEqualTo(date(closed.plus(Duration.ofDays(30))));
        fire("Timer_FollowUpDue");
        assertThat(task("Task_FollowUpVisit")).isAssignedTo(MEDIATOR).hasFormKey("weiquan:follow-up-visit");
        complete("Task_FollowUpVisit", "problemBack", false);
        assertThat(handling).isEnded().hasPassed("EndEvent_CaseClosed").hasNotPassed("ServiceTask_RecordReopening");
        assertThat(recordReopening.calls()).isEmpty();
    }

    @Test
    void aProblemBackAtTheFollowUpReopensTheCaseForASecondRoundAndASecondClosure() {
        accept(aCase().needingFollowUp());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        closeTheCase();
        fire("Timer_FollowUpDue");
        Instant reopened = clock();

        complete("Task_FollowUpVisit", "problemBack", true);

        assertThat(recordReopening.calls()).containsExactly(
                new RecordingDelegate.Call(handling.getId(), "ServiceTask_RecordReopening"));
        assertThat(handling).isWaitingAt("Task_HandleCase");
        Date newDue = date(reopened.plus(Duration.ofDays(60)));
        assertThat(task("Task_HandleCase")).isAssignedTo(MEDIATOR).hasDueDate(newDue);
        assertThat(timer("Timer_HandlingDeadline").getDuedate()).isEqualTo(newDue);
        assertThat(timer("Timer_HandlingWarning").getDuedate()).isEqualTo(date(reopened.plus(Duration.ofDays(53))));

        closeTheCase();
        fire("Timer_FollowUpDue");
        complete("Task_FollowUpVisit", "problemBack", false);

        assertThat(handling).isEnded().hasPassed("EndEvent_CaseClosed");
        assertThat(recordReopening.calls()).hasSize(1);
    }

    // ------------------------------------------------------------------ withdrawal

    interface WaitingState {
        void reach(CaseHandlingProcessTest test);
    }

    static Stream<Arguments> waitingStates() {
        return Stream.of(
                Arguments.of("the mandatory report and the mediator's assignment are due",
                        (WaitingState) t -> t.accept(t.aCase().involvingAMinor())),
                Arguments.of("the mandatory report is being chased", (WaitingState) t -> {
                    t.accept(t.aCase().involvingAMinor());
                    t.fire("Timer_MandatoryReportDue");
                }),
                Arguments.of("the danger is being assessed", (WaitingState) t -> t.accept(t.aCase().ofDomesticViolence())),
                Arguments.of("the urgent steps are being taken", (WaitingState) t -> {
                    t.accept(t.aCase().ofDomesticViolence());
                    t.complete("Task_AssessRisk", "riskLevel", "HIGH");
                }),
                Arguments.of("the urgent steps are being chased", (WaitingState) t -> {
                    t.accept(t.aCase().ofDomesticViolence());
                    t.complete("Task_AssessRisk", "riskLevel", "HIGH");
                    t.fire("Timer_UrgentActionDue");
                }),
                Arguments.of("the court's ruling is awaited", (WaitingState) CaseHandlingProcessTest::startHandlingAfterAProtectionOrderApplication),
                Arguments.of("a protection order's renewal reminder is pending", (WaitingState) t -> {
                    t.startHandlingAfterAProtectionOrderApplication();
                    t.complete("Task_RecordProtectionOrderRuling", "protectionOrderGranted", true,
                            "protectionOrderRenewalReminder", date(ACCEPTED.plus(Duration.ofDays(166))));
                }),
                Arguments.of("the case is being handled", (WaitingState) CaseHandlingProcessTest::startHandling),
                Arguments.of("a mediation session is due", (WaitingState) t -> {
                    t.startHandling();
                    t.complete("Task_HandleCase", "handlingStep", "MEDIATE");
                }),
                Arguments.of("a judicial-confirmation reminder is pending", (WaitingState) t -> {
                    t.startHandling();
                    t.complete("Task_HandleCase", "handlingStep", "MEDIATE");
                    t.complete("Task_HoldMediationSession", "mediationOutcome", "WRITTEN_AGREEMENT",
                            "judicialConfirmationReminder", date(ACCEPTED.plus(Duration.ofDays(25))));
                }),
                Arguments.of("a written reply is due", (WaitingState) t -> {
                    t.startHandling();
                    t.complete("Task_HandleCase", "handlingStep", "WRITTEN_REPLY");
                }),
                Arguments.of("an extension awaits approval", (WaitingState) t -> {
                    t.startHandling();
                    t.requestAnExtension();
                }),
                Arguments.of("the overdue case is being chased", (WaitingState) t -> {
                    t.startHandling();
                    t.fire("Timer_HandlingWarning");
                    t.fire("Timer_HandlingDeadline");
                }),
                Arguments.of("the closure awaits approval", (WaitingState) t -> {
                    t.startHandling();
                    t.complete("Task_HandleCase", "handlingStep", "REQUEST_CLOSURE");
                }),
                Arguments.of("the follow-up is not yet due", (WaitingState) t -> {
                    t.accept(t.aCase().needingFollowUp());
                    t.complete("Task_AssignMediator", "mediator", MEDIATOR);
                    t.closeTheCase();
                }),
                Arguments.of("the follow-up visit is due", (WaitingState) t -> {
                    t.accept(t.aCase().needingFollowUp());
                    t.complete("Task_AssignMediator", "mediator", MEDIATOR);
                    t.closeTheCase();
                    t.fire("Timer_FollowUpDue");
                }),
                Arguments.of("a reopened case is being handled again", (WaitingState) t -> {
                    t.accept(t.aCase().needingFollowUp());
                    t.complete("Task_AssignMediator", "mediator", MEDIATOR);
                    t.closeTheCase();
                    t.fire("Timer_FollowUpDue");
                    t.complete("Task_FollowUpVisit", "problemBack", true);
                }));
    }

    @ParameterizedTest(name = "withdrawn while {0}")
    @MethodSource("waitingStates")
    void thePersonMayWithdrawAtAnyTimeAndEverythingOpenEnds(String state, WaitingState waiting) {
        waiting.reach(this);
        assertThat(handling).as(state).isNotEnded();

        runtimeService().correlateMessage("CaseWithdrawn", CASE_NUMBER);

        assertThat(handling).as(state).isEnded().hasPassed("EndEvent_CaseWithdrawn")
                .hasNotPassed("EndEvent_CaseClosed", "EndEvent_ClosedWithoutFollowUp");
        assertThat(taskQuery().processInstanceId(handling.getId()).count()).as(state).isZero();
        assertThat(jobQuery().processInstanceId(handling.getId()).count()).as(state).isZero();
    }

    // ------------------------------------------------------------------ the station's steps

    NewCase aCase() {
        return new NewCase();
    }

    void accept(NewCase newCase) {
        at(ACCEPTED);
        handling = runtimeService().startProcessInstanceByKey("CaseHandling", CASE_NUMBER, newCase.variables);
    }

    void startHandling() {
        accept(aCase());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
    }

    /** A HIGH-danger case whose urgent steps are done, with an urgent protection-order application awaiting the ruling. */
    void startHandlingAfterAProtectionOrderApplication() {
        accept(aCase().ofDomesticViolence());
        complete("Task_AssignMediator", "mediator", MEDIATOR);
        complete("Task_AssessRisk", "riskLevel", "HIGH");
        complete("Task_MakeSafetyPlan");
        complete("Task_ReferToPoliceOrShelter");
        applyForAProtectionOrder(true, date(clock().plus(Duration.ofHours(24))));
    }

    void applyForAProtectionOrder(boolean urgent, Date rulingDue) {
        complete("Task_OfferProtectionOrder", "protectionOrderApplied", true, "protectionOrderUrgent", urgent,
                "protectionOrderRulingDue", rulingDue);
    }

    void requestAnExtension() {
        runtimeService().createMessageCorrelation("ExtensionRequested").processInstanceBusinessKey(CASE_NUMBER).correlate();
    }

    /** Approves the closure as the application does: with the follow-up's due date for a followed-up case. */
    void closeTheCase() {
        complete("Task_HandleCase", "handlingStep", "REQUEST_CLOSURE");
        boolean followUp = (Boolean) runtimeService().getVariable(handling.getId(), "needsFollowUp");
        complete("Task_ApproveClosure", "closureApproved", true, "needsFollowUp", followUp,
                "followUpDue", date(clock().plus(Duration.ofDays(30))));
    }

    Task task(String taskKey) {
        Task task = taskQuery().processInstanceId(handling.getId()).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("open task " + taskKey).isNotNull();
        return task;
    }

    void complete(String taskKey, Object... variables) {
        taskService().complete(task(taskKey).getId(), variables(variables));
    }

    Job timer(String timerId) {
        return job(timerId, handling);
    }

    long timerCount(String timerId) {
        return jobQuery().processInstanceId(handling.getId()).activityId(timerId).count();
    }

    /** Moves the clock to the timer's due date and fires it. */
    void fire(String timerId) {
        Job job = timer(timerId);
        if (job.getDuedate().after(ClockUtil.getCurrentTime())) {
            ClockUtil.setCurrentTime(job.getDuedate());
        }
        execute(job);
    }

    static void at(Instant instant) {
        ClockUtil.setCurrentTime(date(instant));
    }

    static Instant clock() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    static VariableMap variables(Object... namesAndValues) {
        VariableMap variables = Variables.createVariables();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.putValue((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    // ------------------------------------------------------------------ what the real delegates do to the process

    /** moveHandlingDeadline: the approved extension (here 30 days) moves the deadline, its warning, their timers and the open tasks. */
    static void extendByThirtyDays(DelegateExecution execution) {
        Date oldDue = (Date) execution.getVariable("handlingDue");
        Date newDue = date(oldDue.toInstant().plus(Duration.ofDays(30)));
        Date newWarning = date(newDue.toInstant().minus(Duration.ofDays(7)));
        execution.setVariable("handlingDue", newDue);
        execution.setVariable("handlingWarning", newWarning);
        ManagementService management = execution.getProcessEngineServices().getManagementService();
        String processInstance = execution.getProcessInstanceId();
        for (Job job : management.createJobQuery().processInstanceId(processInstance).activityId("Timer_HandlingDeadline").list()) {
            management.setJobDuedate(job.getId(), newDue);
        }
        for (Job job : management.createJobQuery().processInstanceId(processInstance).activityId("Timer_HandlingWarning").list()) {
            management.setJobDuedate(job.getId(), newWarning);
        }
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).dueDate(oldDue).list()) {
            task.setDueDate(newDue);
            tasks.saveTask(task);
        }
    }

    /** recordReopening: counts the reopening in the case file and gives the new round its own 60 days. */
    static void startANewHandlingRound(DelegateExecution execution) {
        Instant now = clock();
        execution.setVariable("handlingDue", date(now.plus(Duration.ofDays(60))));
        execution.setVariable("handlingWarning", date(now.plus(Duration.ofDays(53))));
    }

    /** The variables the application sets when it accepts a case; no personal data. */
    static final class NewCase {
        final VariableMap variables = Variables.createVariables()
                .putValue("caseNumber", CASE_NUMBER)
                .putValue("caseId", 42L)
                .putValue("stationCode", STATION)
                .putValue("escalationStationCode", STATION_ABOVE)
                .putValue("category", "MARRIAGE_DISPUTE")
                .putValue("channel", "VISIT")
                .putValue("minorInvolved", false)
                .putValue("withoutCapacity", false)
                .putValue("domesticViolence", false)
                .putValue("needsWrittenReply", false)
                .putValue("needsFollowUp", false)
                .putValue("autoAssign", false)
                .putValue("handlingDue", HANDLING_DUE)
                .putValue("handlingWarning", HANDLING_WARNING)
                .putValue("followUpAfter", "P30D")
                .putValue("mandatoryReportChaseAfter", "PT4H")
                .putValue("urgentActionWithin", "PT24H");

        NewCase with(String name, Object value) {
            variables.putValue(name, value);
            return this;
        }

        NewCase involvingAMinor() {
            return with("minorInvolved", true);
        }

        NewCase ofDomesticViolence() {
            return with("domesticViolence", true).with("category", "DOMESTIC_VIOLENCE").with("needsFollowUp", true);
        }

        NewCase autoAssigned() {
            return with("autoAssign", true);
        }

        NewCase needingFollowUp() {
            return with("needsFollowUp", true);
        }
    }
}
