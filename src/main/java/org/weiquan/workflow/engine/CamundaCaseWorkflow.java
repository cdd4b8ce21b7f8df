package org.weiquan.workflow.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.weiquan.casework.CaseTask;
import org.weiquan.shared.Conflict;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.HandlingStart;
import org.weiquan.workflow.ReferralStart;
import org.weiquan.workflow.ReviewStart;
import org.weiquan.workflow.WorkItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow port on the embedded Camunda engine: the models in {@code bpmn/}, their variables (ids, codes,
 * flags and dates only), messages and timers. Engine failures a user can cause (a task completed meanwhile, a
 * message the case is not waiting for) come back as conflicts.
 */
@ApplicationScoped
public class CamundaCaseWorkflow implements CaseWorkflow {

    static final String CONTACT_REVIEW = "ContactReview";
    static final String CASE_HANDLING = "CaseHandling";
    static final String REFERRAL = "Referral";
    static final String TIMER_HANDLING_DEADLINE = "Timer_HandlingDeadline";
    static final String TIMER_HANDLING_WARNING = "Timer_HandlingWarning";
    /** The mediator is warned this long before the handling deadline. */
    static final Duration WARNING_BEFORE = Duration.ofDays(7);

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    @Inject
    ManagementService management;

    // ---------------------------------------------------------------- review

    @Override
    public void startReview(ReviewStart review) {
        runtime.startProcessInstanceByKey(CONTACT_REVIEW, String.valueOf(review.contactId()), reviewVariables(review)
                .putValue("contactId", review.contactId())
                .putValue("channel", review.channel())
                .putValue("acknowledged", false));
    }

    private static VariableMap reviewVariables(ReviewStart review) {
        return Variables.createVariables()
                .putValue("stationCode", review.stationCode())
                .putValue("escalationStationCode", review.escalationStationCode())
                .putValue("reviewDue", Date.from(review.reviewDue()));
    }

    @Override
    public void acknowledged(long contactId) {
        reviewOf(contactId).ifPresent(pi -> runtime.setVariable(pi.getId(), "acknowledged", true));
    }

    @Override
    public boolean underReview(long contactId) {
        return reviewOf(contactId).isPresent();
    }

    @Override
    public void reviewDecided(long contactId, String decision, ReviewStart transferredTo) {
        ProcessInstance instance = reviewOf(contactId)
                .orElseThrow(() -> new Conflict("the contact's review has ended"));
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(CaseTask.REVIEW_CONTACT.id()).singleResult();
        if (task == null) {
            throw new Conflict("the contact has no open review");
        }
        VariableMap variables = Variables.createVariables().putValue("decision", decision);
        if (transferredTo != null) {
            variables.putAll(reviewVariables(transferredTo));
        }
        complete(task.getId(), variables);
    }

    private Optional<ProcessInstance> reviewOf(long contactId) {
        return Optional.ofNullable(runtime.createProcessInstanceQuery().processDefinitionKey(CONTACT_REVIEW)
                .processInstanceBusinessKey(String.valueOf(contactId)).active().singleResult());
    }

    // ---------------------------------------------------------------- handling

    @Override
    public void startHandling(HandlingStart start) {
        runtime.startProcessInstanceByKey(CASE_HANDLING, start.caseNumber(), Variables.createVariables()
                .putValue("caseNumber", start.caseNumber())
                .putValue("caseId", start.caseId())
                .putValue("stationCode", start.stationCode())
                .putValue("escalationStationCode", start.escalationStationCode())
                .putValue("category", start.category())
                .putValue("channel", start.channel())
                .putValue("minorInvolved", start.minorInvolved())
                .putValue("withoutCapacity", start.withoutCapacity())
                .putValue("domesticViolence", start.domesticViolence())
                .putValue("needsWrittenReply", start.needsWrittenReply())
                .putValue("needsFollowUp", start.needsFollowUp())
                .putValue("autoAssign", start.autoAssign())
                .putValue("handlingDue", Date.from(start.handlingDue()))
                .putValue("handlingWarning", Date.from(start.handlingDue().minus(WARNING_BEFORE)))
                .putValue("followUpAfter", "P" + start.followUpDays() + "D")
                .putValue("mandatoryReportChaseAfter", "PT4H")
                .putValue("urgentActionWithin", "PT24H"));
    }

    @Override
    public void restartHandling(HandlingStart start) {
        for (ProcessInstance running : handlingInstances(start.caseNumber())) {
            runtime.deleteProcessInstance(running.getId(), "handled again in a new round");
        }
        startHandling(start);
    }

    @Override
    public void endHandling(String caseNumber, String why) {
        for (ProcessInstance running : handlingInstances(caseNumber)) {
            runtime.deleteProcessInstance(running.getId(), why);
        }
        for (ProcessInstance referral : referralInstances(caseNumber)) {
            runtime.deleteProcessInstance(referral.getId(), why);
        }
    }

    private List<ProcessInstance> handlingInstances(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(CASE_HANDLING)
                .processInstanceBusinessKey(caseNumber).list();
    }

    private List<ProcessInstance> referralInstances(String caseNumber) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(REFERRAL)
                .processInstanceBusinessKeyLike(caseNumber + "/R%").list();
    }

    private ProcessInstance handling(String caseNumber) {
        return handlingInstances(caseNumber).stream().findFirst()
                .orElseThrow(() -> new Conflict("the case has no running handling process"));
    }

    @Override
    public void extensionRequested(String caseNumber, int days) {
        try {
            runtime.createMessageCorrelation("ExtensionRequested").processInstanceId(handling(caseNumber).getId())
                    .setVariable("extensionDays", days).correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw new Conflict("the case is not being handled now: an extension is asked for during handling");
        }
    }

    @Override
    public void deadlineMoved(String caseNumber, Instant due) {
        moveDeadline(handling(caseNumber).getId(), due);
    }

    /** Re-dates the round's deadline and warning timers and the due date of the tasks that share the deadline. */
    void moveDeadline(String processInstanceId, Instant due) {
        Date oldDue = (Date) runtime.getVariable(processInstanceId, "handlingDue");
        Date newDue = Date.from(due);
        Date warning = Date.from(due.minus(WARNING_BEFORE));
        for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
            if (oldDue != null && oldDue.equals(task.getDueDate())) {
                task.setDueDate(newDue);
                tasks.saveTask(task);
            }
        }
        for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            String activity = ((JobEntity) job).getActivityId();
            if (TIMER_HANDLING_DEADLINE.equals(activity)) {
                management.setJobDuedate(job.getId(), newDue);
            } else if (TIMER_HANDLING_WARNING.equals(activity)) {
                management.setJobDuedate(job.getId(), warning);
            }
        }
        runtime.setVariable(processInstanceId, "handlingDue", newDue);
        runtime.setVariable(processInstanceId, "handlingWarning", warning);
    }

    @Override
    public void withdrawn(String caseNumber) {
        for (ProcessInstance running : handlingInstances(caseNumber)) {
            runtime.createMessageCorrelation("CaseWithdrawn").processInstanceId(running.getId()).correlate();
        }
    }

    @Override
    public void transferred(String caseNumber, String fromStation, String toStation, String escalationStation) {
        List<ProcessInstance> instances = new ArrayList<>(referralInstances(caseNumber));
        instances.addAll(handlingInstances(caseNumber));
        for (ProcessInstance pi : instances) {
            runtime.setVariable(pi.getId(), "stationCode", toStation);
            runtime.setVariable(pi.getId(), "escalationStationCode", escalationStation);
            for (Task task : tasks.createTaskQuery().processInstanceId(pi.getId()).list()) {
                for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                    if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                        String group = link.getGroupId();
                        String moved = group.replace("station:" + fromStation + ":", "station:" + toStation + ":");
                        if (!moved.equals(group)) {
                            tasks.deleteCandidateGroup(task.getId(), group);
                            tasks.addCandidateGroup(task.getId(), moved);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- referrals

    @Override
    public void startReferral(ReferralStart start) {
        runtime.startProcessInstanceByKey(REFERRAL, start.key(), Variables.createVariables()
                .putValue("caseNumber", start.caseNumber())
                .putValue("referralKey", start.key())
                .putValue("referralId", start.referralId())
                .putValue("stationCode", start.stationCode())
                .putValue("escalationStationCode", start.escalationStationCode())
                .putValue("mediator", start.mediator())
                .putValue("agencyKind", start.agencyKind())
                .putValue("answerDue", Date.from(start.answerDue())));
    }

    @Override
    public void referralRevoked(String referralKey) {
        if (runtime.createProcessInstanceQuery().processDefinitionKey(REFERRAL).processInstanceBusinessKey(referralKey)
                .count() > 0) {
            runtime.createMessageCorrelation("ReferralRevoked").processInstanceBusinessKey(referralKey).correlate();
        }
    }

    // ---------------------------------------------------------------- tasks

    @Override
    public Optional<WorkItem> task(String taskId) {
        return Optional.ofNullable(tasks.createTaskQuery().taskId(taskId).singleResult()).map(this::item);
    }

    @Override
    public List<WorkItem> tasksOfCase(String caseNumber) {
        List<Task> open = new ArrayList<>(tasks.createTaskQuery().processDefinitionKey(CASE_HANDLING)
                .processInstanceBusinessKey(caseNumber).list());
        open.addAll(tasks.createTaskQuery().processDefinitionKey(REFERRAL)
                .processInstanceBusinessKeyLike(caseNumber + "/R%").list());
        return open.stream().map(this::item).toList();
    }

    @Override
    public List<WorkItem> tasksOfContact(long contactId) {
        return tasks.createTaskQuery().processDefinitionKey(CONTACT_REVIEW)
                .processInstanceBusinessKey(String.valueOf(contactId)).orderByTaskCreateTime().asc().list().stream()
                .map(this::item).toList();
    }

    @Override
    public List<WorkItem> assignedTo(String username) {
        return tasks.createTaskQuery().taskAssignee(username).list().stream().map(this::item).toList();
    }

    @Override
    public List<WorkItem> offeredTo(List<String> candidateGroups) {
        return tasks.createTaskQuery().taskCandidateGroupIn(candidateGroups).taskUnassigned().list().stream()
                .map(this::item).toList();
    }

    @Override
    public void claim(String taskId, String username) {
        try {
            tasks.claim(taskId, username);
        } catch (NullValueException | NotFoundException e) {
            throw new Conflict("the task was completed meanwhile");
        } catch (ProcessEngineException e) {
            throw new Conflict("the task was claimed by someone else at the same moment");
        }
    }

    @Override
    public void assign(String taskId, String username) {
        tasks.setAssignee(taskId, username);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        try {
            tasks.complete(taskId, variables);
        } catch (NullValueException | NotFoundException | OptimisticLockingException e) {
            throw new Conflict("the task was completed by someone else at the same moment");
        }
    }

    private WorkItem item(Task task) {
        Map<String, Object> vars = runtime.getVariables(task.getExecutionId(),
                List.of("caseNumber", "contactId", "referralKey", "riskLevel"));
        String definition = task.getProcessDefinitionId() == null ? "" : task.getProcessDefinitionId().split(":")[0];
        WorkItem.Model model = switch (definition) {
            case CONTACT_REVIEW -> WorkItem.Model.REVIEW;
            case REFERRAL -> WorkItem.Model.REFERRAL;
            default -> WorkItem.Model.HANDLING;
        };
        Object contactId = vars.get("contactId");
        Object caseNumber = vars.get("caseNumber");
        Object referralKey = vars.get("referralKey");
        String businessKey = model == WorkItem.Model.REFERRAL && referralKey != null ? referralKey.toString()
                : model == WorkItem.Model.REVIEW ? String.valueOf(contactId) : (String) caseNumber;
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).sorted().toList();
        return new WorkItem(task.getId(), task.getTaskDefinitionKey(), task.getName(), model, businessKey,
                caseNumber == null ? null : caseNumber.toString(),
                contactId instanceof Number n ? n.longValue() : null,
                referralKey == null ? null : referralKey.toString(), task.getAssignee(), groups,
                task.getCreateTime().toInstant(), task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                vars.get("riskLevel") == null ? null : vars.get("riskLevel").toString());
    }
}
