package org.weiquan.casework;

import org.weiquan.workflow.WorkItem;

import java.time.Instant;
import java.util.List;

/** A task as the inbox and its form page show it: what it is, for which case, who may do it, by when. */
public record TaskView(String id, CaseTask task, String name, WorkItem.Model model, String caseNumber, Long contactId,
                       String referralKey, String assignee, List<String> candidateGroups, Instant created, Instant due,
                       boolean overdue, String riskLevel) {

    /** The BPMN key, for API clients. */
    public String key() {
        return task.id();
    }
}
