package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.CallableElementActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * When a case's mediator becomes known, the danger assessment started beside the assignment already holds a copy
 * of the variables without her: give it the mediator, and hand her its steps still waiting unassigned in the
 * station's mediator queue. Uses only the engine's own services, so the process tests run the real thing.
 */
public class MediatorHandOver implements ExecutionListener {

    /** Only this child: the assignment's own chase is ending in the same step and must be left alone. */
    static final String DANGER_ASSESSMENT = "DangerAssessment";

    @Override
    public void notify(DelegateExecution execution) {
        Object mediator = execution.getVariable("mediator");
        if (mediator == null || !callsAssessment((ExecutionEntity) execution.getProcessInstance())) {
            return;
        }
        String queue = "station:" + execution.getVariable("stationCode") + ":mediator";
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (ProcessInstance child : runtime.createProcessInstanceQuery()
                .superProcessInstanceId(execution.getProcessInstanceId()).processDefinitionKey(DANGER_ASSESSMENT).list()) {
            runtime.setVariable(child.getId(), "mediator", mediator);
            for (Task waiting : tasks.createTaskQuery().processInstanceId(child.getId())
                    .taskUnassigned().taskCandidateGroup(queue).list()) {
                tasks.setAssignee(waiting.getId(), (String) mediator);
            }
        }
    }

    /**
     * Whether the execution or one below it waits in a call of the danger assessment: read from the instance's
     * executions, which the engine holds at this point, so that a case without an assessment (most cases) does not
     * pay the query for its child instances, one statement of every mediator's assignment.
     */
    static boolean callsAssessment(ExecutionEntity execution) {
        ActivityImpl activity = execution.getActivity();
        if (activity != null && activity.getActivityBehavior() instanceof CallableElementActivityBehavior call
                && DANGER_ASSESSMENT.equals(call.getCallableElement().getDefinitionKey(execution))) {
            return true;
        }
        for (ExecutionEntity child : execution.getExecutions()) {
            if (callsAssessment(child)) {
                return true;
            }
        }
        return false;
    }
}
