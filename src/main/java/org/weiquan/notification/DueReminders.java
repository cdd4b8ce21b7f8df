package org.weiquan.notification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.StationTime;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.WorkItem;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Tells the holder of a task that it is due tomorrow (Beijing date) or overdue: once per task and due date, and
 * once when it is overdue, however often it runs (the dispatcher runs it every hour, on every node). A task
 * offered to a group and not taken is chased by the workflow itself (the supervisor's chase), not here.
 */
@Stateless
public class DueReminders {

    @Inject
    CaseWorkflow workflow;

    @Inject
    Notifier notifier;

    /** Reminders as of {@code now}; how many were written. */
    public int remind(Instant now) {
        LocalDate tomorrow = LocalDate.ofInstant(now, StationTime.ZONE).plusDays(1);
        Instant startOfTomorrow = tomorrow.atStartOfDay(StationTime.ZONE).toInstant();
        // a deadline "by the end of tomorrow" is stored as 24:00, the first instant of the day after (DESIGN §3)
        Instant endOfTomorrow = tomorrow.plusDays(1).atStartOfDay(StationTime.ZONE).toInstant();
        int written = 0;
        for (WorkItem task : workflow.heldAndDueBy(endOfTomorrow.plusMillis(1))) {
            if (task.due() == null || task.assignee() == null) {
                continue;
            }
            boolean overdue = !task.due().isAfter(now);
            boolean dueTomorrow = task.due().isAfter(startOfTomorrow) && !task.due().isAfter(endOfTomorrow);
            if (!overdue && !dueTomorrow) {
                continue; // due later today: the day's own work
            }
            String key = overdue ? "task:" + task.id() + ":overdue:" + task.due().toEpochMilli()
                    : "task:" + task.id() + ":due:" + tomorrow;
            if (notifier.record(task.assignee(), key, overdue ? Notification.Kind.OVERDUE : Notification.Kind.DUE_SOON,
                    Notifier.isUrgent(task), task, now)) {
                written++;
            }
        }
        return written;
    }
}
