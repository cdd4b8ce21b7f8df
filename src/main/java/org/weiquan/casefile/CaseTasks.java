package org.weiquan.casefile;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.weiquan.intake.ContactReview;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CandidateGroups;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.Users;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task inbox and the work on tasks: my tasks, my station's unclaimed tasks, claim, unclaim,
 * reassign, complete with the task's form checked. A task is visible to a user who holds it or belongs
 * to one of its candidate groups (station and role), and lies in the user's scope; anything else is
 * 404. Every completion is recorded with the case and written to its timeline.
 */
@Stateless
public class CaseTasks {

    @PersistenceContext
    EntityManager em;

    @Inject
    TaskService tasks;

    @Inject
    RuntimeService runtime;

    @Inject
    CandidateGroups candidateGroups;

    @Inject
    CurrentActor currentActor;

    @Inject
    TaskForms forms;

    @Inject
    ReviewService reviews;

    @Inject
    CaseHandlingProcess handling;

    @Inject
    Timeline timeline;

    @Inject
    AccessLog accessLog;

    @Inject
    Users users;

    @Inject
    Clock clock;

    /** A task as the inbox shows it: due date, overdue, risk first. */
    public record TaskView(String id, String key, String name, String formKey, String process, String caseNumber,
                           Long contactId, String assignee, List<String> candidateGroups, Instant created,
                           Instant due, boolean overdue, String riskLevel) {
    }

    /** A completed task of a case, as its file shows it. */
    public record CompletedTask(String taskId, String key, String outcome, Instant completedAt, String completedBy,
                                String data) {
    }

    public List<TaskView> mine() {
        Actor actor = currentActor.get().requireCaseRole();
        return sorted(tasks.createTaskQuery().taskAssignee(actor.username()).initializeFormKeys().list());
    }

    /** Unclaimed tasks of the user's groups (a supervisor's include the stations below). */
    public List<TaskView> unclaimed() {
        Actor actor = currentActor.get().requireCaseRole();
        List<String> groups = candidateGroups.of(actor);
        if (groups.isEmpty()) {
            return List.of();
        }
        return sorted(tasks.createTaskQuery().taskCandidateGroupIn(groups).taskUnassigned().initializeFormKeys().list());
    }

    /** The open tasks of a case (its handling, referrals and review) and what its completed tasks recorded. */
    public List<TaskView> openOf(Case aCase) {
        List<Task> open = new ArrayList<>(tasks.createTaskQuery().processInstanceBusinessKey(aCase.number())
                .initializeFormKeys().list());
        for (ProcessInstance referral : handling.referrals(aCase)) {
            open.addAll(tasks.createTaskQuery().processInstanceId(referral.getId()).initializeFormKeys().list());
        }
        return sorted(open);
    }

    public List<CompletedTask> completedOf(Case aCase) {
        return em.createQuery("SELECT r FROM TaskRecord r WHERE r.caseId = :c ORDER BY r.completedAt, r.id",
                        TaskRecord.class).setParameter("c", aCase.id()).getResultList().stream()
                .map(r -> new CompletedTask(r.taskId(), r.taskKey(), r.outcome(), r.completedAt(), r.completedBy(),
                        r.data())).toList();
    }

    /** One task the user may see (theirs, or their groups'), for its form page. */
    public TaskView find(String taskId) {
        return view(visible(taskId, currentActor.get().requireCaseRole()));
    }

    public TaskView claim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        Task task = visible(taskId, actor);
        if (task.getAssignee() != null && !task.getAssignee().equals(actor.username())) {
            throw new Conflict("the task is already held by " + task.getAssignee());
        }
        try {
            tasks.claim(taskId, actor.username());
        } catch (ProcessEngineException e) {
            throw new Conflict("the task was claimed by someone else at the same moment");
        }
        return view(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    }

    public TaskView unclaim(String taskId) {
        Actor actor = currentActor.get().requireCaseRole();
        Task task = visible(taskId, actor);
        if (!actor.username().equals(task.getAssignee()) && !actor.has(Role.SUPERVISOR)) {
            throw new Forbidden("only the holder or a supervisor may give a task back");
        }
        tasks.setAssignee(taskId, null);
        return view(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    }

    /** A supervisor hands a task to another user who belongs to one of its candidate groups. */
    public TaskView reassign(String taskId, String username) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        visible(taskId, actor);
        List<String> taskGroups = groupsOf(taskId);
        var user = users.byUsername(username == null ? "" : username).filter(u -> u.enabled())
                .filter(u -> candidateGroups.of(u).stream().anyMatch(taskGroups::contains) || taskGroups.isEmpty())
                .orElseThrow(() -> InvalidInput.of("assignee", "is not an active user who may do this task"));
        tasks.setAssignee(taskId, user.username());
        return view(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    }

    /**
     * Completes a task with its form. Nothing is completed when the form is wrong (422) or when someone
     * else completed it at the same moment (409).
     */
    public void complete(String taskId, JsonObject form) {
        Actor actor = currentActor.get().requireCaseRole();
        Task task = visible(taskId, actor);
        if (task.getAssignee() != null && !task.getAssignee().equals(actor.username())) {
            throw new Conflict("the task is held by " + task.getAssignee() + "; claim it first");
        }
        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        String processKey = processKeyOf(task);
        if (ContactReview.PROCESS.equals(processKey)) {
            completeReviewTask(task, pi, form, actor);
            return;
        }
        Case aCase = caseOf(task, pi);
        TaskForms.Completion done = forms.check(task.getTaskDefinitionKey(), form, aCase,
                new TaskForms.History(records(aCase), CaseHandlingProcess.needsWrittenReply(aCase)));
        Instant now = clock.instant();
        applyToCase(task.getTaskDefinitionKey(), form, done, aCase, actor, now);
        em.persist(new TaskRecord(aCase, task.getId(), task.getTaskDefinitionKey(), done.outcome(), now,
                actor.username(), form.toString()));
        timeline.append(actor, aCase.contact().id(), aCase.id(), EventType.TASK_COMPLETED,
                task.getName() + "：" + done.description());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contact().id(), aCase.number(), "task " + task.getTaskDefinitionKey());
        try {
            em.flush(); // a second completion of the same task stops here (unique task id)
        } catch (jakarta.persistence.PersistenceException e) {
            throw new Conflict("the task was completed by someone else at the same moment");
        }
        try {
            tasks.complete(task.getId(), done.variables());
        } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
            throw e; // answered 409 by the API
        } catch (org.camunda.bpm.engine.exception.NullValueException | org.camunda.bpm.engine.exception.NotFoundException e) {
            throw new Conflict("the task was completed by someone else at the same moment");
        }
    }

    private void applyToCase(String key, JsonObject form, TaskForms.Completion done, Case aCase, Actor actor,
                             Instant now) {
        switch (key) {
            case "Task_AssignMediator" -> aCase.assignMediator((String) done.variables().get("mediator"));
            case "Task_AssessRisk" -> aCase.recordRisk(done.outcome());
            case "Task_HandleCase" -> {
                if ("REQUEST_CLOSURE".equals(done.outcome())) {
                    aCase.requestClosure(ClosureReason.valueOf(form.getString("closureReason")),
                            form.getString("closureNote", null), now);
                }
            }
            case "Task_ApproveClosure" -> {
                if (Boolean.TRUE.equals(done.variables().get("closureApproved"))) {
                    aCase.close(now, actor.username(), CaseHandlingProcess.needsFollowUp(aCase));
                } else {
                    aCase.sendClosureBack();
                }
            }
            case "Task_FollowUpVisit" -> {
                if (!Boolean.TRUE.equals(done.variables().get("problemBack"))) {
                    aCase.completeFollowUp();
                }
            }
            default -> {
            }
        }
    }

    /** The review task is decided through the review service, with the same checks as its own endpoint. */
    private void completeReviewTask(Task task, ProcessInstance pi, JsonObject form, Actor actor) {
        long contactId = Long.parseLong(pi.getBusinessKey());
        if (ContactReview.TASK_REVIEW.equals(task.getTaskDefinitionKey())) {
            reviews.decide(contactId, new ReviewService.Decision(form.getString("decision", null),
                    form.getString("reason", null), form.getString("referredTo", null),
                    form.getString("toStationCode", null)));
            return;
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String note = TaskForms.text(errors, form, "note", true);
        errors.throwIfAny();
        timeline.append(actor, contactId, null, EventType.TASK_COMPLETED, task.getName() + "：" + note);
        tasks.complete(task.getId());
    }

    private List<TaskRecord> records(Case aCase) {
        return em.createQuery("SELECT r FROM TaskRecord r WHERE r.caseId = :c", TaskRecord.class)
                .setParameter("c", aCase.id()).getResultList();
    }

    private Case caseOf(Task task, ProcessInstance pi) {
        Object number = runtime.getVariable(pi.getId(), "caseNumber");
        return em.createQuery("SELECT c FROM CaseFile c WHERE c.number = :n", Case.class)
                .setParameter("n", number == null ? pi.getBusinessKey() : number.toString())
                .getResultStream().findFirst().orElseThrow(() -> new NotFound("task " + task.getId()));
    }

    /** The task when the actor may see it: holds it, or is in its candidate groups; otherwise 404. */
    private Task visible(String taskId, Actor actor) {
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            // completed a moment ago by someone else, on a case this user may see: a conflict, not a mystery
            List<Case> done = em.createQuery("SELECT c FROM CaseFile c, TaskRecord r WHERE r.taskId = :t AND r.caseId = c.id",
                    Case.class).setParameter("t", taskId).getResultList();
            if (!done.isEmpty() && actor.sees(done.get(0).station().path())) {
                throw new Conflict("the task was already completed");
            }
            throw new NotFound("task " + taskId);
        }
        if (actor.username().equals(task.getAssignee())) {
            return task;
        }
        List<String> mine = candidateGroups.of(actor);
        if (groupsOf(taskId).stream().noneMatch(mine::contains)) {
            throw new NotFound("task " + taskId);
        }
        return task;
    }

    private List<String> groupsOf(String taskId) {
        return tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private String processKeyOf(Task task) {
        return task.getProcessDefinitionId() == null ? "" : task.getProcessDefinitionId().split(":")[0];
    }

    private List<TaskView> sorted(List<Task> list) {
        Instant now = clock.instant();
        return list.stream().map(this::view)
                .sorted(Comparator.comparing((TaskView t) -> !t.overdue())
                        .thenComparing(t -> !"HIGH".equals(t.riskLevel()))
                        .thenComparing(t -> t.due() == null ? Instant.MAX : t.due())
                        .thenComparing(TaskView::created))
                .toList();
    }

    TaskView view(Task task) {
        Instant now = clock.instant();
        Map<String, Object> vars = runtime.getVariables(task.getExecutionId(),
                List.of("caseNumber", "contactId", "riskLevel"));
        Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
        Object contactId = vars.get("contactId");
        return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getFormKey(),
                processKeyOf(task), (String) vars.get("caseNumber"),
                contactId instanceof Number n ? n.longValue() : null, task.getAssignee(), groupsOf(task.getId()),
                task.getCreateTime().toInstant(), due, due != null && now.isAfter(due),
                Optional.ofNullable(vars.get("riskLevel")).map(Object::toString).orElse(null));
    }
}
