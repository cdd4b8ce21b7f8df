package org.weiquan.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A user task waiting to be done: which task of which model (its BPMN key), for which contact or case (and which
 * piece of its work: the business key), who may take it, by when; for a chase, which deadline passed; and, when it
 * was read from the inbox, the path of the station its case (or contact) lies at now ({@code stationPath}, null
 * otherwise).
 */
public record WorkItem(String id, String taskKey, String name, Model model, String businessKey,
                       String caseNumber, Long contactId, String referralKey, String assignee,
                       List<String> candidateGroups, Instant created, Instant due, String riskLevel, String overdue,
                       String stationPath) {

    /** A task as the engine tells it, without where its case lies. */
    public WorkItem(String id, String taskKey, String name, Model model, String businessKey,
                    String caseNumber, Long contactId, String referralKey, String assignee,
                    List<String> candidateGroups, Instant created, Instant due, String riskLevel, String overdue) {
        this(id, taskKey, name, model, businessKey, caseNumber, contactId, referralKey, assignee, candidateGroups,
                created, due, riskLevel, overdue, null);
    }

    /** The same task held by {@code username} (null: offered to its groups again), as a claim leaves it. */
    public WorkItem heldBy(String username) {
        return new WorkItem(id, taskKey, name, model, businessKey, caseNumber, contactId, referralKey, username,
                candidateGroups, created, due, riskLevel, overdue, stationPath);
    }

    /** The model a task belongs to. */
    public enum Model {
        REVIEW,
        HANDLING,
        REFERRAL
    }
}
