package org.weiquan.casework;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.intake.Contacts;
import org.weiquan.security.Actor;
import org.weiquan.security.CandidateGroups;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.Users;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.shared.NotFound;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.WorkItem;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The task inbox: my tasks, my station's unclaimed ones, a case's open tasks; claim, give back, hand on. A
 * task is visible to a user who holds it or belongs to one of its candidate groups (station and role) — and
 * only while its contact or case lies in the user's scope now, whatever the task's history: a case moved to
 * another station takes its work out of the old station's reach. Anything else is "not found".
 */
@Stateless
public class TaskInbox {

    @Inject
    CaseWorkflow workflow;

    @Inject
    CandidateGroups candidateGroups;

    @Inject
    CurrentActor currentActor;

    @Inject
    CaseFiles cases;

    @Inject
    Contacts contacts;

    @Inject
    Users users;

    @Inject
    Clock clock;

    public List<TaskView> mine() {
        Actor actor = currentActor.get().requireCaseRole();
        return sorted(workflow.assignedTo(actor.username()).stream().filter(t -> inScope(t, actor)).toList());
    }

    /** Unclaimed tasks of the user's groups (a supervisor's include the stations below). */
    public List<TaskView> unclaimed() {
        Actor actor = currentActor.get().requireCaseRole();
        List<String> groups = candidateGroups.of(actor);
        if (groups.isEmpty()) {
            return List.of();
        }
        return sorted(workflow.offeredTo(groups).stream().filter(t -> t.assignee() == null)
                .filter(t -> inScope(t, actor)).toList());
    }

    /** The open tasks of a case (its handling and its referrals), for its file. */
    public List<TaskView> openOf(Case aCase) {
        return sorted(workflow.tasksOfCase(aCase.number()));
    }

    /** One task the user may see, for its form page. */
    public TaskView find(String taskId) {
        return view(visible(taskId, currentActor.get().requireCaseRole()));
    }

    public TaskView claim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem task = visible(taskId, actor);
        if (task.assignee() != null && !task.assignee().equals(actor.username())) {
            throw new Conflict("the task is already held by someone else");
        }
        workflow.claim(taskId, actor.username());
        return find(taskId);
    }

    /** Gives a task back to its groups: the holder, or a supervisor of the case's station or above. */
    public TaskView unclaim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem task = visible(taskId, actor);
        if (!actor.username().equals(task.assignee()) && !actor.has(Role.SUPERVISOR)) {
            throw new Forbidden("only the holder or a supervisor may give a task back");
        }
        workflow.assign(taskId, null);
        return find(taskId);
    }

    /** A supervisor hands a task to another active user who belongs to one of its candidate groups. */
    public TaskView reassign(String taskId, String username) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        var user = users.byUsername(username == null ? "" : username).filter(u -> u.enabled())
                .filter(u -> task.candidateGroups().isEmpty()
                        || candidateGroups.of(u).stream().anyMatch(task.candidateGroups()::contains))
                .orElseThrow(() -> InvalidInput.of("assignee", "is not an active user who may do this task"));
        workflow.assign(taskId, user.username());
        return find(taskId);
    }

    /** The task when the actor may see it now; otherwise "not found". */
    public WorkItem visible(String taskId, Actor actor) {
        WorkItem task = workflow.task(taskId).orElseThrow(() -> new NotFound("task " + taskId));
        boolean holds = actor.username().equals(task.assignee());
        List<String> mine = candidateGroups.of(actor);
        if (!holds && task.candidateGroups().stream().noneMatch(mine::contains)) {
            throw new NotFound("task " + taskId);
        }
        if (!inScope(task, actor)) {
            throw new NotFound("task " + taskId);
        }
        return task;
    }

    /** Whether the task's case (or contact) lies in the actor's scope now. */
    private boolean inScope(WorkItem task, Actor actor) {
        if (task.caseNumber() != null) {
            return cases.byNumber(task.caseNumber()).map(c -> actor.sees(c.station().path())).orElse(false);
        }
        if (task.contactId() != null) {
            return contacts.byId(task.contactId()).map(c -> actor.sees(c.station().path())).orElse(false);
        }
        return false;
    }

    private List<TaskView> sorted(List<WorkItem> items) {
        return items.stream().map(this::view)
                .sorted(Comparator.comparing((TaskView t) -> !t.overdue())
                        .thenComparing(t -> !"HIGH".equals(t.riskLevel()))
                        .thenComparing(t -> t.due() == null ? Instant.MAX : t.due())
                        .thenComparing(TaskView::created))
                .toList();
    }

    public TaskView view(WorkItem item) {
        Instant now = clock.instant();
        CaseTask task = CaseTask.byId(item.taskKey())
                .orElseThrow(() -> new IllegalStateException("a model has a task CaseTask does not name"));
        return new TaskView(item.id(), task, Labels.of(task), item.model(), item.caseNumber(), item.contactId(),
                item.referralKey(), item.assignee(), item.candidateGroups(), item.created(), item.due(),
                item.due() != null && now.isAfter(item.due()), item.riskLevel());
    }

    public Optional<Case> caseOf(WorkItem item) {
        return item.caseNumber() == null ? Optional.empty() : cases.byNumber(item.caseNumber());
    }
}
