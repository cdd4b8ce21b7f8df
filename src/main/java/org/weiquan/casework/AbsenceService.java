package org.weiquan.casework;

import org.weiquan.shared.StationTime;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.security.Absence;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.UserAbsences;
import org.weiquan.security.Users;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.WorkItem;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * A member of staff away (leave, illness, training), set by a supervisor of her station or above: from the first
 * day of her absence her open tasks are offered to her station's groups, and tasks the models would give her go
 * there too (the engine asks {@link UserAbsences} when a task is created). Absences that start on a later day
 * take effect on that day, when the daily run releases the tasks.
 */
@Singleton
public class AbsenceService {

    @Inject
    CurrentActor currentActor;

    @Inject
    Users users;

    @Inject
    UserAbsences absences;

    @Inject
    CaseWorkflow workflow;

    @Inject
    CaseFiles cases;

    @Inject
    Timeline timeline;

    @EJB
    AccessLog accessLog;

    @Inject
    Clock clock;

    /** Records an absence; returns how many open tasks were offered to the station now. */
    public int set(String username, LocalDate from, LocalDate to, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        User user = users.byUsername(username == null ? "" : username)
                .filter(u -> actor.sees(u.station().path()))
                .orElseThrow(() -> new NotFound("user " + username));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (from == null) {
            errors.add("from", "is required");
        }
        if (to == null) {
            errors.add("to", "is required");
        } else if (from != null && to.isBefore(from)) {
            errors.add("to", "lies before the first day");
        }
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "is required");
        } else if (reason.length() > 500) {
            errors.add("reason", "is longer than 500 characters");
        }
        errors.throwIfAny();
        Absence absence = new Absence(user.username(), from, to, reason.strip(), actor.username(), clock.instant());
        absences.add(absence);
        accessLog.record(actor, AccessAction.CHANGE, null, null, "设置" + user.displayName() + "不在岗：" + StationTime.text(from) + "至" + StationTime.text(to));
        return absence.covers(today()) ? release(user, actor.username()) : 0;
    }

    /** Every day shortly after midnight: the tasks of those whose absence begins today go to their stations. */
    @Schedule(hour = "0", minute = "5", persistent = false)
    void releaseTasksOfThoseAwayToday() {
        LocalDate today = today();
        for (Absence absence : absences.on(today)) {
            users.byUsername(absence.username()).ifPresent(u -> release(u, "system"));
        }
    }

    private int release(User user, String by) {
        List<WorkItem> held = workflow.assignedTo(user.username());
        for (WorkItem task : held) {
            workflow.assign(task.id(), null);
            String text = "任务「" + CaseTask.byId(task.taskKey()).map(Labels::of).orElse(task.name()) + "」退回站点："
                    + user.displayName() + "不在岗";
            if (task.caseNumber() != null) {
                cases.byNumber(task.caseNumber()).ifPresent(c -> timeline.appendAt(clock.instant(), by,
                        c.stationCode(), c.contactId(), c.id(), EventType.TASK_REASSIGNED, text));
            } else if (task.contactId() != null) {
                timeline.appendAt(clock.instant(), by, user.station().code(), task.contactId(), null,
                        EventType.TASK_REASSIGNED, text);
            }
        }
        return held.size();
    }

    private LocalDate today() {
        return Days.dateOf(clock.instant());
    }
}
