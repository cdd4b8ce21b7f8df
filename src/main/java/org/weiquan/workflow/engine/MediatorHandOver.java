package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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
        if (mediator == null) {
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
}
