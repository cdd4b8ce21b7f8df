package org.weiquan.workflow;

import java.time.Instant;
import java.util.List;

/** A user task waiting to be done: what it is, who may take it, by when. */
public record OpenTask(String id, String key, String name, String assignee, List<String> candidateGroups,
                       Instant created, Instant due) {
}
