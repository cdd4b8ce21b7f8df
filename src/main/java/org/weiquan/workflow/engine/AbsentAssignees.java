package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.weiquan.security.UserAbsences;
import org.weiquan.shared.Days;

/**
 * A task the model gives to a member of staff who is away today goes to her station's group instead, so that
 * nothing waits in the inbox of someone who is not there. Added to every user task of every model at parse time.
 */
class AbsentAssignees extends AbstractBpmnParseListener implements TaskListener {

    /** Given, not looked up per task: {@code CDI.current()} walks the stack in Payara. */
    private final UserAbsences absences;

    AbsentAssignees(UserAbsences absences) {
        this.absences = absences;
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, this);
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        if (absences.isAbsent(assignee, Days.dateOf(task.getCreateTime().toInstant()))) {
            task.setAssignee(null);
        }
    }
}
