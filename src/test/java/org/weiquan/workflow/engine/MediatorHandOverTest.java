package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-over of a danger assessment's waiting steps when a case's mediator becomes known, on a real engine
 * (in-memory H2) with models of the shape of {@code CaseHandling.bpmn}: the assessment called beside the assignment,
 * the listener on the gateway after it. A case without an assessment must not pay a query for child instances.
 */
class MediatorHandOverTest {

    private final List<String> statements = new ArrayList<>();
    private ProcessEngine engine;

    @BeforeEach
    void engine() throws SQLException {
        engine = InboxFixture.engine(InboxFixture.database("handover"), statements);
        BpmnModelInstance assessment = Bpmn.createExecutableProcess(MediatorHandOver.DANGER_ASSESSMENT)
                .camundaHistoryTimeToLive(1).startEvent()
                .userTask("Task_AssessRisk").camundaCandidateGroups("station:QX-0101:mediator").endEvent().done();
        BpmnModelInstance withAssessment = Bpmn.createExecutableProcess("WithAssessment").camundaHistoryTimeToLive(1)
                .startEvent().parallelGateway("Fork")
                .callActivity("CallActivity_DangerAssessment").calledElement(MediatorHandOver.DANGER_ASSESSMENT)
                .camundaIn("stationCode", "stationCode").endEvent("AssessmentDone")
                .moveToNode("Fork").userTask("Task_AssignMediator").camundaCandidateGroups("station:QX-0101:supervisor")
                .exclusiveGateway("Gateway_MediatorAssigned").camundaExecutionListenerClass("start", MediatorHandOver.class)
                .userTask("Task_HandleCase").endEvent().done();
        BpmnModelInstance withoutAssessment = Bpmn.createExecutableProcess("WithoutAssessment").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_AssignMediator").camundaCandidateGroups("station:QX-0101:supervisor")
                .exclusiveGateway("Gateway_MediatorAssigned").camundaExecutionListenerClass("start", MediatorHandOver.class)
                .userTask("Task_HandleCase").endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("DangerAssessment.bpmn", assessment)
                .addModelInstance("WithAssessment.bpmn", withAssessment)
                .addModelInstance("WithoutAssessment.bpmn", withoutAssessment).deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void theAssessmentsWaitingStepGoesToTheMediatorOnceSheIsAssigned() {
        String instance = start("WithAssessment");
        Task waiting = engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_AssessRisk").singleResult();
        assertThat(waiting.getAssignee()).as("no mediator yet").isNull();

        assignMediator(instance);

        assertThat(engine.getTaskService().createTaskQuery().taskId(waiting.getId()).singleResult().getAssignee())
                .isEqualTo("tiaojie");
        assertThat(engine.getRuntimeService().getVariable(waiting.getProcessInstanceId(), "mediator")).isEqualTo("tiaojie");
    }

    @Test
    void aCaseWithoutAnAssessmentIsNotSearchedForOne() {
        String instance = start("WithoutAssessment");
        statements.clear();

        assignMediator(instance);

        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_HandleCase");
        assertThat(statements).as("the assignment's statements").isNotEmpty()
                .noneMatch(sql -> sql.toUpperCase(java.util.Locale.ROOT).contains("SUPER_EXEC_ IN"));
    }

    private String start(String key) {
        return engine.getRuntimeService().startProcessInstanceByKey(key, "QX-0101-2026-0001",
                Variables.createVariables().putValue("stationCode", "QX-0101")).getId();
    }

    private void assignMediator(String instance) {
        Task assign = engine.getTaskService().createTaskQuery().processInstanceId(instance)
                .taskDefinitionKey("Task_AssignMediator").singleResult();
        engine.getTaskService().complete(assign.getId(), Variables.createVariables().putValue("mediator", "tiaojie"));
    }
}
