package org.weiquan.casefile;

import org.weiquan.intake.ContactDetails;
import org.weiquan.timeline.Change;

import java.time.Instant;
import java.util.List;

/** The whole case file: the case, the contact it came from (parties in full), deadlines and timeline. */
public record CaseFileView(String number, String stationCode, String stationName, CaseStatus status, CaseStage stage,
                           Instant acceptedAt, String acceptedBy, Instant handlingDue, DeadlineState deadlineState,
                           long daysLeft, ContactDetails contact, List<LinkedContact> linkedContacts,
                           List<TimelineEntry> timeline, String mediator, String riskLevel, String closureReason,
                           Instant closedAt, int reopenCount, List<CaseTasks.TaskView> openTasks,
                           List<CaseTasks.CompletedTask> completedTasks, long version) {

    /** Another contact on the same matter: the earlier one this repeats, or later repeat visits. */
    public record LinkedContact(long contactId, String relation, Instant receivedAt, String status, String caseNumber) {
    }

    public record TimelineEntry(Instant at, String actor, String actorStation, String clientAddress, String type,
                                String description, List<Change> changes) {
    }
}
