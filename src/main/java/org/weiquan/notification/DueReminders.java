package org.weiquan.notification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.StationTime;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.WorkItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    /** How many held tasks the reminders read at a time. */
    static final int PAGE = 500;
    /** A bound on one run: 500,000 tasks. */
    private static final int MOST_PAGES = 1_000;

    /** Reminders as of {@code now}; how many were written. */
    public int remind(Instant now) {
        return remind(now, PAGE);
    }

    /**
     * The same, reading the held tasks {@code page} at a time, oldest due first, until none is left: every task due
     * is reached however many fell due before it (one page of 5,000 was all an earlier version read, and once more
     * tasks than that were overdue it read the same oldest ones every hour).
     */
    public int remind(Instant now, int page) {
        LocalDate tomorrow = LocalDate.ofInstant(now, StationTime.ZONE).plusDays(1);
        Instant startOfTomorrow = tomorrow.atStartOfDay(StationTime.ZONE).toInstant();
        // a deadline "by the end of tomorrow" is stored as 24:00, the first instant of the day after (DESIGN §3)
        Instant endOfTomorrow = tomorrow.plusDays(1).atStartOfDay(StationTime.ZONE).toInstant();
        int written = 0;
        WorkItem after = null;
        for (int pages = 0; pages < MOST_PAGES; pages++) {
            List<WorkItem> held = workflow.heldAndDueBy(endOfTomorrow.plusMillis(1), after, page);
            List<Notifier.Event> reminders = new ArrayList<>();
            for (WorkItem task : held) {
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
                reminders.add(new Notifier.Event(task.assignee(), key,
                        overdue ? Notification.Kind.OVERDUE : Notification.Kind.DUE_SOON, Notifier.isUrgent(task), task));
            }
            written += notifier.recordEach(reminders, now);
            if (held.size() < page) {
                break;
            }
            after = held.get(held.size() - 1);
        }
        return written;
    }
}
