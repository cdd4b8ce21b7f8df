package org.weiquan.workflow.engine;

import jakarta.enterprise.event.Event;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.weiquan.workflow.WorkAnnounced;
import org.weiquan.workflow.WorkItem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one listener point of the notifications (issue 19): when a user task is created, and when a created task
 * changes (handed to someone), {@link WorkAnnounced} is fired as a CDI event inside the engine's transaction.
 * Added to every user task of every model at parse time, after {@link AbsentAssignees} (so that a task given to
 * someone away is announced to her station's group). Carries ids, codes and dates only.
 */
class TaskAnnouncements extends AbstractBpmnParseListener implements TaskListener {

    /** The tasks announced on this thread while {@link #recording} runs, by id (a later announcement replaces). */
    private static final ThreadLocal<Map<String, WorkItem>> RECORDED = new ThreadLocal<>();

    /**
     * Resolved once: {@code CDI.current()} finds the calling application by walking the stack in Payara, about 2 % of
     * an intake's CPU time when done for every task.
     */
    private final Event<WorkAnnounced> announcements;

    TaskAnnouncements(Event<WorkAnnounced> announcements) {
        this.announcements = announcements;
    }

    /**
     * Runs an engine call and returns the tasks it created or changed on this thread, as last announced: what a
     * query would read back afterwards, without the query. Tasks made later by the job executor are not in it.
     */
    static List<WorkItem> recording(Runnable engineCall) {
        Map<String, WorkItem> outer = RECORDED.get();
        Map<String, WorkItem> recorded = new LinkedHashMap<>();
        RECORDED.set(recorded);
        try {
            engineCall.run();
        } finally {
            if (outer == null) {
                RECORDED.remove();
            } else {
                RECORDED.set(outer);
            }
        }
        return new ArrayList<>(recorded.values());
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, this);
        definition.addTaskListener(TaskListener.EVENTNAME_UPDATE, this);
    }

    @Override
    public void notify(DelegateTask task) {
        // no variable is ever set on a task itself: asked, a task would read its own (none) from the database first,
        // one statement for every task made; its execution finds the same variables, the new instance's in memory
        VariableScope variables = task.getExecution() != null ? task.getExecution() : task;
        String caseNumber = Objects.toString(variables.getVariable("caseNumber"), null);
        Object contactId = variables.getVariable("contactId");
        Object referralKey = variables.getVariable("referralKey");
        WorkItem.Model model = caseNumber == null ? WorkItem.Model.REVIEW
                : referralKey != null ? WorkItem.Model.REFERRAL : WorkItem.Model.HANDLING;
        var groups = task.getCandidates().stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).sorted().toList();
        WorkItem work = new WorkItem(task.getId(), task.getTaskDefinitionKey(), task.getName(), model,
                task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey(), caseNumber,
                contactId instanceof Number n ? n.longValue() : null, Objects.toString(referralKey, null),
                task.getAssignee(), groups, task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
                task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                Objects.toString(variables.getVariable("riskLevel"), null), Objects.toString(variables.getVariable("overdue"), null));
        Map<String, WorkItem> recorded = RECORDED.get();
        if (recorded != null) {
            recorded.put(work.id(), work);
        }
        var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        announcements.fire(new WorkAnnounced(work, authentication == null ? null : authentication.getUserId(),
                TaskListener.EVENTNAME_CREATE.equals(task.getEventName())));
    }
}
