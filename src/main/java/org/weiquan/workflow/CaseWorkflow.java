package org.weiquan.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to the process engine: what is due next for a contact's review, a case's handling and the work
 * around it (referrals, protection orders, judicial confirmations, reviews of written replies), and the user
 * tasks that say so. Weiquan's tables record what was done; the engine decides what is due and chases every
 * deadline that passes. Nothing here names the engine: the adapter in {@code workflow.engine} does. Every call
 * joins the caller's transaction; the values crossing the port are ids, codes, flags and dates, never
 * personal data. Task keys are the BPMN ids named by {@code casework.CaseTask}; the work of a case runs under
 * business keys that start with its number ({@code QX-0101-2026-0042}, {@code …/R1}, {@code …/P51}).
 */
public interface CaseWorkflow {

    // ---------------------------------------------------------------- 受理审查 (ContactReview)

    /**
     * Starts the acceptance review of a contact (15 days from receipt).
     *
     * @return the review's tasks the start opened, as they stand at the end of the start
     */
    List<WorkItem> startContactReview(ReviewStart review);

    /** The person was told: recorded with the review. */
    void acknowledged(long contactId);

    boolean underReview(long contactId);

    /**
     * Completes the review with the decision; a transfer to another station hands the review there
     * ({@code transferredTo} not null), with the receiving station's window to object.
     */
    void reviewDecided(long contactId, String decision, ReviewStart transferredTo);

    /** The receiving station objected in time: the review goes back to the station that transferred it. */
    void transferObjected(long contactId, ReviewStart backTo);

    // ---------------------------------------------------------------- 案件办理 (CaseHandling)

    /** Starts the handling of an accepted case, in the transaction that accepts it. */
    void startHandling(HandlingStart start);

    /** A closed case handled again outside its follow-up (a failed audit): a new instance for the new round. */
    void restartHandling(HandlingStart start);

    /** The case's handling ended outside the model (closed in a ledger before import). */
    void endHandling(String caseNumber, String why);

    /** An extension was asked for: the supervisor gets the approval task. */
    void extensionRequested(String caseNumber, int days);

    /** The round's deadline moved (an approved extension), before or after it passed: every watch follows. */
    void deadlineMoved(String caseNumber, Instant due);

    /** The case file now says a minor or a person without capacity is involved: the report is due at once. */
    void mandatoryReportNeeded(String caseNumber, Instant due);

    /** The case file now says domestic violence is involved: the danger is to be assessed by {@code due}. */
    void dangerAssessmentNeeded(String caseNumber, Instant due);

    /** The person withdrew: everything the case waits for ends. */
    void withdrawn(String caseNumber);

    /**
     * The case moved to another station: its open tasks, and those of its work around it, are offered to that
     * station's groups, nobody holds them any more, and the mediator is cleared.
     */
    void transferred(String caseNumber, String fromStation, String toStation, String escalationStation);

    /** The case has a mediator again (after a transfer cleared it): the tasks its models create next are hers. */
    void mediatorAssigned(String caseNumber, String mediator);

    // ---------------------------------------------------------------- the work around a case

    void startReferral(ReferralStart start);

    /** Ends a referral's process as revoked, when it still runs. */
    void referralRevoked(String referralKey);

    /** A protection order was applied for: the ruling is awaited (business key {@code …/P<id>}). */
    void startProtectionOrder(ChildStart start, Instant rulingDue);

    /** A written mediation agreement was signed: its judicial confirmation is tracked (business key {@code …/J<id>}). */
    void startJudicialConfirmation(ChildStart start, Instant reminderAt, Instant confirmationDue);

    /** A review or re-review of a written reply was asked for (business key {@code …/V<id>}). */
    void startReplyReview(ChildStart start, String kind, Instant answerDue);

    // ---------------------------------------------------------------- user tasks

    Optional<WorkItem> task(String taskId);

    /** The open tasks of a case: its handling and all the work around it. */
    List<WorkItem> tasksOfCase(String caseNumber);

    /** The open tasks of a contact's review. */
    List<WorkItem> tasksOfContact(long contactId);

    List<WorkItem> assignedTo(String username);

    List<WorkItem> offeredTo(List<String> candidateGroups);

    /** The open tasks of these groups, whoever holds them: what a supervisor oversees. */
    List<WorkItem> openIn(List<String> candidateGroups);

    /**
     * One page of an inbox, chosen, counted and ordered by the database in a fixed number of statements whatever
     * the page's size, from a table of the open tasks kept in the transaction of every task change, with the
     * station their case or contact lies at now and the case's risk (so that a page walks an index in its order).
     */
    InboxPage inbox(InboxQuery query);

    /**
     * The open tasks held by someone and due before {@code until}, in the order of their due date and id, beginning
     * after {@code after} (null: with the first), at most {@code max}: the notifications' reminders (issue 19) read
     * them a page at a time.
     */
    List<WorkItem> heldAndDueBy(java.time.Instant until, WorkItem after, int max);

    /** Takes a task; a conflict when someone else took it first. */
    void claim(String taskId, String username);

    /** Hands a task to a user, or back to its groups (null). */
    void assign(String taskId, String username);

    /**
     * Completes a task, setting the variables its model reads (codes, flags and dates only). A conflict when
     * it was completed meanwhile.
     */
    void complete(String taskId, Map<String, Object> variables);
}
