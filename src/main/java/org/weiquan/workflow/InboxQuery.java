package org.weiquan.workflow;

import java.util.List;

/**
 * Which open tasks an inbox shows and in what order, one page of them: held by {@code assignee} (when given),
 * offered to one of {@code candidateGroups} (when given; only those nobody holds when {@code unassignedOnly}),
 * whose case — or contact, before there is a case — lies now at a station whose path starts with
 * {@code scopePath} (and with {@code stationPath}, a narrower filter, when given), of the task keys named (all when
 * empty). The database chooses, counts and orders them, so that a page costs the same however many tasks wait.
 */
public record InboxQuery(String assignee, List<String> candidateGroups, boolean unassignedOnly, String scopePath,
                         String stationPath, List<String> taskKeys, Order order, boolean descending, int offset,
                         int limit) {

    public InboxQuery {
        if (scopePath == null || scopePath.isBlank()) {
            throw new IllegalArgumentException("an inbox needs a scope");
        }
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("a page needs offset >= 0 and limit >= 1");
        }
        candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
        taskKeys = taskKeys == null ? List.of() : List.copyOf(taskKeys);
        order = order == null ? Order.RISK : order;
    }

    /**
     * The first key of the order; ties are broken by risk (HIGH first), then due date (none last), then creation.
     * RISK: HIGH, MEDIUM, LOW, none (descending: the other way round); DUE: the earliest first; CREATED: the oldest
     * first; CASE: by case number (a contact's tasks after); STATION: by the station's place in the network.
     */
    public enum Order {
        RISK,
        DUE,
        CREATED,
        CASE,
        STATION
    }
}
