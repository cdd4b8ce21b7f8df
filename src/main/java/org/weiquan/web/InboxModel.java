package org.weiquan.web;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.weiquan.casework.CaseTask;
import org.weiquan.casework.TaskInbox;
import org.weiquan.workflow.InboxQuery;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inbox table read a page at a time: the table asks for the rows it shows (20 by default), sorted by the
 * column chosen (risk, then due date, unless another is), narrowed by its filters (kind of task, station).
 */
public class InboxModel extends LazyDataModel<TaskRow> {
    private static final long serialVersionUID = 1L;

    private final transient TaskInbox inbox;
    private final TaskInbox.Scope scope;
    private final List<CaseTask> kinds;
    private long total = -1;
    private List<TaskRow> first;

    /** {@code kinds}: the tasks this table lists at all (all when empty); a kind filter narrows within them. */
    InboxModel(TaskInbox inbox, TaskInbox.Scope scope, List<CaseTask> kinds) {
        this.inbox = inbox;
        this.scope = scope;
        this.kinds = List.copyOf(kinds);
    }

    /** How many tasks the inbox holds, unfiltered (for the headings); read with the first rows. */
    public long getTotal() {
        if (total < 0) {
            TaskInbox.Page page = inbox.page(scope, new TaskInbox.Filter(kinds, null), InboxQuery.Order.RISK, false, 0,
                    TaskInbox.PAGE_SIZE);
            total = page.total();
            first = page.items().stream().map(TaskRow::new).toList();
        }
        return total;
    }

    /** The first task of the inbox's order (the next thing to do), or null. */
    public TaskRow getNext() {
        getTotal();
        return first.isEmpty() ? null : first.get(0);
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        TaskInbox.Filter filter = filter(filterBy);
        if (filter.kinds().equals(kinds) && filter.stationCode() == null) {
            return (int) getTotal();
        }
        return (int) inbox.page(scope, filter, InboxQuery.Order.RISK, false, 0, 1).total();
    }

    @Override
    public List<TaskRow> load(int offset, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        int size = Math.max(1, Math.min(pageSize, TaskInbox.MAX_PAGE_SIZE));
        InboxQuery.Order order = InboxQuery.Order.RISK;
        boolean descending = false;
        for (SortMeta s : sortBy == null ? List.<SortMeta>of() : sortBy.values()) {
            if (s.getOrder() == SortOrder.UNSORTED || s.getField() == null) {
                continue;
            }
            try {
                order = InboxQuery.Order.valueOf(s.getField().toUpperCase(Locale.ROOT));
                descending = s.getOrder() == SortOrder.DESCENDING;
            } catch (IllegalArgumentException e) {
                order = InboxQuery.Order.RISK; // a column this table cannot sort by keeps the inbox's order
            }
            break;
        }
        TaskInbox.Page page = inbox.page(scope, filter(filterBy), order, descending, offset / size, size);
        setRowCount((int) page.total());
        return page.items().stream().map(TaskRow::new).toList();
    }

    /** The table's filters: "kind" (a CaseTask name) and "station" (a station code of the user's scope). */
    private TaskInbox.Filter filter(Map<String, FilterMeta> filterBy) {
        List<CaseTask> chosen = kinds;
        String station = null;
        if (filterBy != null) {
            Object kind = value(filterBy.get("kind"));
            if (kind != null) {
                try {
                    CaseTask k = CaseTask.valueOf(kind.toString());
                    chosen = kinds.isEmpty() || kinds.contains(k) ? List.of(k) : kinds;
                } catch (IllegalArgumentException e) {
                    chosen = kinds;
                }
            }
            Object code = value(filterBy.get("station"));
            station = code == null ? null : code.toString();
        }
        return new TaskInbox.Filter(chosen, station);
    }

    private static Object value(FilterMeta meta) {
        Object v = meta == null ? null : meta.getFilterValue();
        return v == null || v.toString().isBlank() ? null : v;
    }

    @Override
    public String getRowKey(TaskRow row) {
        return row.getId();
    }

    @Override
    public TaskRow getRowData(String rowKey) {
        return null; // rows are not selected
    }
}
