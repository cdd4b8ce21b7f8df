package org.weiquan.workflow;

import java.util.List;

/** One page of an inbox and how many tasks the whole inbox holds. */
public record InboxPage(List<WorkItem> items, long total) {

    public InboxPage {
        items = List.copyOf(items);
    }
}
