package org.weiquan.casework;

import org.weiquan.casefile.ReviewKind;
import org.weiquan.casefile.AgreementPerformed;
import org.weiquan.casefile.CaseStage;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.casefile.ClosureDecision;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.ContactMeans;
import org.weiquan.casefile.DeadlineState;
import org.weiquan.casefile.ExtensionStatus;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.ReplyMeans;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.casefile.RoundStart;
import org.weiquan.casefile.ToldBy;
import org.weiquan.intake.ContactDetails;
import org.weiquan.mediation.AgreementKind;
import org.weiquan.mediation.ConfirmationStatus;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.protection.ProtectionOrderStatus;
import org.weiquan.protection.ReportMethod;
import org.weiquan.referral.ReferralStatus;
import org.weiquan.station.AgencyKind;
import org.weiquan.timeline.Change;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The whole case file: the case, the contact it came from (parties in full), its rounds with their deadlines,
 * extensions and closures, and every record of its work — mediation sessions and agreements, referrals, risk
 * assessments, safety plans, protection orders, mandatory reports, written replies, follow-up visits, notes —
 * with its open tasks, the tasks done and the timeline. Read-only values, nothing of the database or engine.
 */
public record CaseFileView(String number, String stationCode, String stationName, CaseStatus status, CaseStage stage,
                           Instant acceptedAt, String acceptedBy, Instant handlingDue, DeadlineState deadlineState,
                           Long daysLeft, ContactDetails contact, List<LinkedContact> linkedContacts,
                           List<TimelineEntry> timeline, String mediator, RiskLevel riskLevel,
                           ClosureReason closureReason, Instant closedAt, int reopenCount, List<TaskView> openTasks,
                           List<CompletedTask> completedTasks, long version, List<Round> rounds,
                           List<Session> mediationSessions, List<ReferralLine> referrals,
                           List<Assessment> riskAssessments, List<Plan> safetyPlans, List<Order> protectionOrders,
                           List<Report> mandatoryReports, List<Reply> writtenReplies, List<Visit> followUpVisits,
                           List<Note> notes, List<Review> reviews) {

    /** Another contact on the same matter: the earlier one this repeats, or later repeat visits. */
    public record LinkedContact(long contactId, String relation, Instant receivedAt, String status, String caseNumber) {
    }

    public record TimelineEntry(Instant at, Instant recordedAt, String actor, String actorStation, String clientAddress,
                                String type, String description, List<Change> changes) {
    }

    /** A task done on this case, and the kind of record it produced. */
    public record CompletedTask(String taskId, CaseTask task, String name, Instant completedAt, String completedBy,
                                String recordType, Long recordId) {
    }

    public record Round(int number, Instant startedAt, RoundStart startReason, String startNote, Instant dueAt,
                        Instant extendedDueAt, Instant endedAt, List<Extension> extensions, List<Closure> closures) {
    }

    public record Extension(int days, String reason, Instant requestedAt, String requestedBy, boolean late,
                            ExtensionStatus status, Instant decidedAt, String decidedBy, String comment,
                            LocalDate personToldOn, ToldBy personToldBy) {
    }

    public record Closure(ClosureReason reason, String note, List<Attempt> contactAttempts, Instant requestedAt,
                          String requestedBy, ClosureDecision decision, Instant decidedAt, String decidedBy,
                          String comment) {
    }

    public record Attempt(LocalDate on, ContactMeans means, String note) {
    }

    public record Session(int number, int round, Instant heldAt, String mediator, String attendees, String notes,
                          MediationOutcome outcome, String nextStep, String routesExplained, Agreement agreement,
                          String recordedBy) {
    }

    public record Agreement(long id, AgreementKind kind, String terms, Instant signedAt, LocalDate confirmationDueOn,
                            ConfirmationStatus confirmationStatus) {
    }

    public record ReferralLine(int number, String agencyCode, String agencyName, AgencyKind agencyKind, boolean urgent,
                               Instant sentAt, String sentBy, Instant answerDueAt, ReferralStatus status,
                               Instant answeredAt, String answerNote, Instant doneAt, String outcome,
                               Instant revokedAt, String revokedBy, String revokeReason) {
    }

    public record Assessment(String instrumentId, Map<String, Boolean> answers, int score, RiskLevel level,
                             Instant assessedAt, String assessedBy) {
    }

    public record Plan(String plan, Instant madeAt, String madeBy) {
    }

    public record Order(ProtectionOrderStatus status, Instant offeredAt, Instant appliedAt, boolean urgent,
                        Instant rulingDueAt, Instant ruledAt, LocalDate validUntil, LocalDate renewalReminderOn) {
    }

    public record Report(String reportedTo, Instant reportedAt, ReportMethod method, String recordedBy) {
    }

    public record Reply(int round, LocalDate sentOn, ReplyMeans means, String summary, String recordedBy) {
    }

    public record Visit(int round, LocalDate closedOn, LocalDate dueOn, Instant visitedAt, FollowUpResult result,
                        AgreementPerformed agreementPerformed, Boolean problemBack, String note, String visitedBy,
                        Instant cancelledAt) {
    }

    public record Note(CaseTask task, String note, Instant writtenAt, String writtenBy) {
    }

    /** A review (复查) or re-review (复核) of a written reply: asked on, answer due, answered. */
    public record Review(ReviewKind kind, LocalDate requestedOn, String reason, String reviewingStationCode,
                         String reviewingStationName, Instant answerDueAt, LocalDate answeredOn, Boolean upheld,
                         String answer) {
    }
}
