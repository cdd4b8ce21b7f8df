package org.weiquan.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

import java.time.Instant;
import java.util.List;

/** Reads open user tasks from the engine. */
@ApplicationScoped
public class WorkItems {

    @Inject
    TaskService taskService;

    /** The open tasks of one process (by its definition key and business key), oldest first. */
    public List<OpenTask> openTasks(String processKey, String businessKey) {
        return taskService.createTaskQuery()
                .processDefinitionKey(processKey)
                .processInstanceBusinessKey(businessKey)
                .orderByTaskCreateTime().asc()
                .list().stream()
                .map(this::toOpenTask)
                .toList();
    }

    private OpenTask toOpenTask(Task task) {
        List<String> groups = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .sorted()
                .toList();
        return new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(), groups,
                instant(task.getCreateTime()), instant(task.getDueDate()));
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }
}
