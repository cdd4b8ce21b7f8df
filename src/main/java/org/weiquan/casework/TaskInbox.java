package org.weiquan.casework;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.casefile.AssignMediatorForm;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.HandlingService;
import org.weiquan.security.Act;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.intake.Contacts;
import org.weiquan.security.Actor;
import org.weiquan.security.CandidateGroups;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;
import org.weiquan.station.Stations;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
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
    Stations stations;

    @Inject
    Timeline timeline;

    @Inject
    Clock clock;

    @Inject
    HandlingService handling;

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

    /**
     * For a supervisor: every open task of the stations she supervises, whoever holds it or is offered it, so she
     * can hand on the work of someone absent and see what waits at a station a case was moved to.
     */
    public List<TaskView> overseen() {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        List<String> groups = users.byUsername(actor.username())
                .map(u -> stations.subtree(u.station()).stream()
                        .flatMap(s -> java.util.Arrays.stream(Role.values()).filter(r -> r != Role.ADMIN)
                                .map(r -> r.groupAt(s.code())))
                        .toList())
                .orElse(List.of());
        if (groups.isEmpty()) {
            return List.of();
        }
        return sorted(workflow.openIn(groups).stream().filter(t -> inScope(t, actor)).toList());
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
        WorkItem task = doable(taskId, actor);
        if (task.assignee() != null && !task.assignee().equals(actor.username())) {
            throw new Conflict("the task is already held by someone else");
        }
        workflow.claim(taskId, actor.username());
        return find(taskId);
    }

    /** The holder gives a task back to its groups (a supervisor does so with {@link #release}). */
    public TaskView unclaim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem task = visible(taskId, actor);
        if (!actor.username().equals(task.assignee())) {
            throw new Forbidden("only the holder gives a task back; a supervisor releases it with a reason");
        }
        workflow.assign(taskId, null);
        return find(taskId);
    }

    /**
     * A supervisor of the case's station or above takes a task away from whoever holds it and offers it to its
     * groups again, saying why (recorded in the case's timeline): one absent mediator must not freeze her cases.
     */
    public TaskView release(String taskId, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        requireReason(reason);
        String holder = task.assignee();
        workflow.assign(taskId, null);
        recordHandOver(actor, task, "退回站点" + (holder == null ? "" : "（原由" + displayName(holder) + "办理）"), reason);
        return find(taskId);
    }

    /**
     * A supervisor of the case's station or above hands a task to another active user who may do it — one of its
     * groups' role at the group's station or a station above it — saying why (recorded in the timeline).
     */
    public TaskView reassign(String taskId, String username, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        requireReason(reason);
        User user = users.byUsername(username == null ? "" : username).filter(User::enabled)
                .filter(u -> task.candidateGroups().stream().anyMatch(g -> mayTake(u, g)))
                .orElseThrow(() -> InvalidInput.of("assignee", "is not an active user who may do this task"));
        String holder = task.assignee();
        workflow.assign(taskId, user.username());
        recordHandOver(actor, task, "改派给" + user.displayName()
                + (holder == null ? "" : "（原由" + displayName(holder) + "办理）"), reason);
        // a case left without a mediator (moved here from another station) gets the one its work was handed to
        caseOf(task).filter(c -> c.mediator() == null && c.status() == org.weiquan.casefile.CaseStatus.OPEN)
                .filter(c -> user.roles().contains(Role.MEDIATOR)
                        && task.candidateGroups().stream().anyMatch(g -> g.endsWith(":mediator")))
                .ifPresent(c -> {
                    handling.assignMediator(c, new AssignMediatorForm(user.username()),
                            Act.now(actor, clock.instant()));
                    workflow.mediatorAssigned(c.number(), user.username());
                });
        return find(taskId);
    }

    /** The active users a supervisor may hand this task to, for the choice on the task's page. */
    public List<User> whoMayTake(String taskId) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        WorkItem task = visible(taskId, actor);
        return task.candidateGroups().stream()
                .map(g -> g.split(":"))
                .filter(parts -> parts.length == 3)
                .flatMap(parts -> stations.byCode(parts[1]).stream())
                // users of a group's station or of a station above it all lie in the tree of its county
                .map(s -> county(s.path()))
                .distinct()
                .flatMap(root -> users.inSubtree(root).stream())
                .filter(User::enabled)
                .filter(u -> !u.username().equals(task.assignee()))
                .filter(u -> task.candidateGroups().stream().anyMatch(g -> mayTake(u, g)))
                .distinct()
                .toList();
    }

    /** The path of the tree's root: "/1/" of "/1/5/17/". */
    private static String county(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second + 1);
    }

    /** Taking work from someone, or giving it to someone, is said and recorded. */
    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required: say why the task changes hands");
        }
        if (reason.length() > 500) {
            throw InvalidInput.of("reason", "is longer than 500 characters");
        }
    }

    /** A group {@code station:<code>:<role>} takes users of that role at that station or a station above it. */
    private boolean mayTake(User user, String group) {
        String[] parts = group.split(":");
        if (parts.length != 3 || !"station".equals(parts[0])) {
            return false;
        }
        Role role;
        try {
            role = Role.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return user.roles().contains(role) && stations.byCode(parts[1])
                .map(s -> s.path().startsWith(user.station().path())).orElse(false);
    }

    private void recordHandOver(Actor actor, WorkItem task, String what, String reason) {
        String label = CaseTask.byId(task.taskKey()).map(Labels::of).orElse(task.name());
        String text = "任务「" + label + "」" + what + (reason == null || reason.isBlank() ? "" : "：" + reason.strip());
        if (task.caseNumber() != null) {
            cases.byNumber(task.caseNumber()).ifPresent(c -> timeline.append(actor, c.contactId(), c.id(),
                    EventType.TASK_REASSIGNED, text));
        } else if (task.contactId() != null) {
            timeline.append(actor, task.contactId(), null, EventType.TASK_REASSIGNED, text);
        }
    }

    private String displayName(String username) {
        return users.byUsername(username).map(User::displayName).orElse(username);
    }

    /**
     * The task when the actor may see it now — holds it, belongs to one of its groups, or supervises the station its
     * case or contact belongs to — and its case or contact lies in the actor's scope now; otherwise "not found".
     */
    public WorkItem visible(String taskId, Actor actor) {
        WorkItem task = workflow.task(taskId).orElseThrow(() -> new NotFound("task " + taskId));
        if (!inScope(task, actor)) {
            throw new NotFound("task " + taskId);
        }
        boolean holds = actor.username().equals(task.assignee());
        List<String> mine = candidateGroups.of(actor);
        if (!holds && !actor.has(Role.SUPERVISOR) && task.candidateGroups().stream().noneMatch(mine::contains)) {
            throw new NotFound("task " + taskId);
        }
        return task;
    }

    /**
     * The task when the actor may do it: holds it or belongs to one of its groups (a supervisor who sees a
     * mediator's task may hand it on, not do it); in scope as {@link #visible}.
     */
    public WorkItem doable(String taskId, Actor actor) {
        WorkItem task = visible(taskId, actor);
        if (!actor.username().equals(task.assignee())
                && task.candidateGroups().stream().noneMatch(candidateGroups.of(actor)::contains)) {
            throw new Forbidden("this task is done by " + task.candidateGroups().stream()
                    .map(g -> g.substring(g.lastIndexOf(':') + 1)).distinct().sorted()
                    .reduce((a, b) -> a + " or " + b).orElse("its holder") + "; a supervisor may hand it on");
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
        Optional<Case> aCase = caseOf(item);
        // the case's own risk level: the engine's copy lives in whichever process assessed it
        String risk = aCase.map(Case::riskLevel).map(Enum::name).orElse(item.riskLevel());
        Deadline chasing = task.isChase() && item.overdue() != null ? Deadline.valueOf(item.overdue()) : null;
        TaskView.ExtensionAsked asked = task == CaseTask.APPROVE_EXTENSION ? aCase
                .flatMap(c -> c.currentRound().pendingExtension())
                .map(e -> new TaskView.ExtensionAsked(e.days(), e.reason(), e.requestedAt(),
                        displayName(e.requestedBy()), e.late()))
                .orElse(null) : null;
        return new TaskView(item.id(), task, Labels.of(task), item.model(), item.caseNumber(), item.contactId(),
                item.referralKey(), item.assignee(), item.assignee() == null ? null : displayName(item.assignee()),
                item.candidateGroups(), item.created(), item.due(), item.due() != null && now.isAfter(item.due()), risk,
                chasing, asked);
    }

    public Optional<Case> caseOf(WorkItem item) {
        return item.caseNumber() == null ? Optional.empty() : cases.byNumber(item.caseNumber());
    }
}
