package org.weiquan.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to the process engine: what is due next for a contact's review, a case's handling and each of
 * its referrals, and the user tasks that say so. Weiquan's tables record what was done; the engine decides
 * what is due. Nothing here names the engine: the adapter in {@code workflow.engine} does. Every call
 * joins the caller's transaction; process variables hold ids, codes, flags and dates only, never personal
 * data. Task keys are the BPMN ids named by {@code casework.CaseTask}.
 */
public interface CaseWorkflow {

    // ---------------------------------------------------------------- 受理审查 (ContactReview)

    /** Starts the acceptance review of a contact (15 days from receipt, or from a transfer). */
    void startReview(ReviewStart review);

    /** The person was told: an overdue review is then not chased. */
    void acknowledged(long contactId);

    boolean underReview(long contactId);

    /**
     * Completes the review with the decision; a transfer to another station hands the review there
     * ({@code transferredTo} not null).
     */
    void reviewDecided(long contactId, String decision, ReviewStart transferredTo);

    // ---------------------------------------------------------------- 案件办理 (CaseHandling)

    /** Starts the handling of an accepted case, in the transaction that accepts it. */
    void startHandling(HandlingStart start);

    /** A closed case handled again outside its follow-up (a failed audit): a new instance for the new round. */
    void restartHandling(HandlingStart start);

    /** The case's handling ended outside the model (closed in a ledger before import). */
    void endHandling(String caseNumber, String why);

    /** An extension was asked for: the supervisor gets the approval task. */
    void extensionRequested(String caseNumber, int days);

    /** The round's deadline moved (an approved extension): every timer and due date of the round follows. */
    void deadlineMoved(String caseNumber, Instant due);

    /** The person withdrew: everything the case waits for ends. */
    void withdrawn(String caseNumber);

    /** The case moved to another station: its open tasks are offered to that station's groups. */
    void transferred(String caseNumber, String fromStation, String toStation, String escalationStation);

    // ---------------------------------------------------------------- 转介 (Referral)

    void startReferral(ReferralStart start);

    /** Ends a referral's process as revoked, when it still runs. */
    void referralRevoked(String referralKey);

    // ---------------------------------------------------------------- user tasks

    Optional<WorkItem> task(String taskId);

    /** The open tasks of a case: its handling and its referrals. */
    List<WorkItem> tasksOfCase(String caseNumber);

    /** The open tasks of a contact's review. */
    List<WorkItem> tasksOfContact(long contactId);

    List<WorkItem> assignedTo(String username);

    List<WorkItem> offeredTo(List<String> candidateGroups);

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
