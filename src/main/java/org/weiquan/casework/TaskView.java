package org.weiquan.casework;

import org.weiquan.workflow.WorkItem;

import java.time.Instant;
import java.util.List;

/**
 * A task as the inbox and its form page show it: what it is, for which case, who holds it (her user name for
 * clients, her name for people), who may do it, by when.
 * {@code chasing}: for a chase or an escalation, the deadline that passed; {@code extension}: for the approval of
 * an extension, what was asked — the approver decides on the days and the reason, not on a bare task name.
 * {@code stationName}, {@code complainant} (masked), {@code category} (the code), {@code daysLeft}: what a list
 * shows of the case (or contact) the task is about.
 */
public record TaskView(String id, CaseTask task, String name, WorkItem.Model model, String caseNumber, Long contactId,
                       String referralKey, String assignee, String assigneeName, List<String> candidateGroups, Instant created, Instant due,
                       boolean overdue, String riskLevel, Deadline chasing, ExtensionAsked extension,
                       String stationName, String complainant, String category, Integer daysLeft) {

    /**
     * Whole Beijing dates from today to the date a deadline falls on (a deadline at 24:00 falls on the day it
     * ends): 0 on its last day, negative once it has passed; null without a deadline.
     */
    public static Integer daysLeft(Instant due, Instant now) {
        if (due == null) {
            return null;
        }
        java.time.LocalDate last = due.minusMillis(1).atZone(org.weiquan.shared.StationTime.ZONE).toLocalDate();
        java.time.LocalDate today = now.atZone(org.weiquan.shared.StationTime.ZONE).toLocalDate();
        return Math.toIntExact(java.time.temporal.ChronoUnit.DAYS.between(today, last));
    }

    /** The BPMN key, for API clients. */
    public String key() {
        return task.id();
    }

    /** The extension request an approval task decides on. */
    public record ExtensionAsked(int days, String reason, Instant requestedAt, String requestedBy, boolean late) {
    }
}
