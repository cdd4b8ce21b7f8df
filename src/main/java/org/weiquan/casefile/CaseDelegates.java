package org.weiquan.casefile;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * The service tasks of the case models, as named CDI beans. Each loads the case by its number (the
 * business key) and is safe to run twice.
 */
@Dependent
public class CaseDelegates {

    @PersistenceContext
    EntityManager em;

    @Inject
    ManagementService management;

    @Inject
    org.camunda.bpm.engine.TaskService tasks;

    @Inject
    Users users;

    @Inject
    Timeline timeline;

    @Inject
    Clock clock;

    private Case caseOf(String number) {
        return em.createQuery("SELECT c FROM CaseFile c WHERE c.number = :n", Case.class).setParameter("n", number)
                .getSingleResult();
    }

    /** Round robin among the station's mediators: the one with the fewest open cases, then by name. */
    @Produces
    @Named("assignMediatorRoundRobin")
    JavaDelegate assignMediatorRoundRobin() {
        return execution -> {
            Case aCase = caseOf(execution.getProcessBusinessKey());
            List<User> mediators = users.inSubtree(aCase.station().path()).stream()
                    .filter(u -> u.enabled() && u.roles().contains(Role.MEDIATOR)
                            && u.station().id().equals(aCase.station().id()))
                    .toList();
            if (mediators.isEmpty()) {
                throw new org.camunda.bpm.engine.delegate.BpmnError("NoMediator", "the station has no active mediator");
            }
            User chosen = mediators.stream().min(Comparator.comparingLong((User u) -> em.createQuery(
                            "SELECT COUNT(c) FROM CaseFile c WHERE c.mediator = :m AND c.status = :open", Long.class)
                    .setParameter("m", u.username()).setParameter("open", CaseStatus.OPEN).getSingleResult())
                    .thenComparing(User::username)).orElseThrow();
            aCase.assignMediator(chosen.username());
            execution.setVariable("mediator", chosen.username());
            timeline.appendAt(clock.instant(), "system", aCase.station().code(), aCase.contact().id(), aCase.id(),
                    EventType.TASK_COMPLETED, "自动指派调解员 " + chosen.username());
        };
    }

    /** An approved extension moves the case's deadline and the deadline timers of the running process. */
    @Produces
    @Named("moveHandlingDeadline")
    JavaDelegate moveHandlingDeadline() {
        return execution -> {
            Case aCase = caseOf(execution.getProcessBusinessKey());
            int days = ((Number) execution.getVariable("extensionDays")).intValue();
            if (aCase.extendedDue() != null) {
                return; // already moved: an extension is granted once
            }
            Instant due = aCase.extend(Duration.ofDays(days), null);
            Date oldDue = (Date) execution.getVariable("handlingDue");
            for (org.camunda.bpm.engine.task.Task task : tasks.createTaskQuery()
                    .processInstanceId(execution.getProcessInstanceId()).list()) {
                if (oldDue != null && oldDue.equals(task.getDueDate())) {
                    task.setDueDate(Date.from(due));
                    tasks.saveTask(task);
                }
            }
            for (Job job : management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers().list()) {
                String activity = ((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) job).getActivityId();
                if ("Timer_HandlingDeadline".equals(activity)) {
                    management.setJobDuedate(job.getId(), Date.from(due));
                } else if ("Timer_HandlingWarning".equals(activity)) {
                    management.setJobDuedate(job.getId(), Date.from(due.minus(CaseHandlingProcess.WARNING_BEFORE)));
                }
            }
            execution.setVariable("handlingDue", Date.from(due));
            execution.setVariable("handlingWarning", Date.from(due.minus(CaseHandlingProcess.WARNING_BEFORE)));
        };
    }

    /** The follow-up found the problem back: the case reopens for a new handling round (counted). */
    @Produces
    @Named("recordReopening")
    JavaDelegate recordReopening() {
        return execution -> {
            Case aCase = caseOf(execution.getProcessBusinessKey());
            if (aCase.status() == CaseStatus.CLOSED) {
                aCase.reopen();
                timeline.appendAt(clock.instant(), "system", aCase.station().code(), aCase.contact().id(), aCase.id(),
                        EventType.REOPENED, "回访发现问题反复，重新办理（第 " + aCase.reopenCount() + " 次）");
            }
            // a new handling round has its own 60 days
            Instant due = clock.instant().plus(Case.HANDLING_PERIOD);
            execution.setVariable("handlingDue", Date.from(due));
            execution.setVariable("handlingWarning", Date.from(due.minus(CaseHandlingProcess.WARNING_BEFORE)));
        };
    }
}
