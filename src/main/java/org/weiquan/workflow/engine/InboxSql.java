package org.weiquan.workflow.engine;

import org.weiquan.workflow.InboxQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statements of one inbox page, on the inbox's own table ({@code inbox_task}, one row per open user task, kept
 * by {@link InboxRows} and the database's triggers; V93): the count, the page, and the candidate groups of the
 * page's tasks, one statement each whatever the inbox's size. The table holds the station a task's case (or
 * contact) lies at now and the risk rank (the case's risk, else the process's), so that the database walks an
 * index in the page's order (risk then due date; due date; a holder's tasks; one station's) and stops at the page's
 * end instead of joining the engine's tables and sorting every task of the scope. A scope is a range of station
 * paths (a prefix), which an index serves with any plan, generic ones included. Plain SQL that PostgreSQL and H2
 * both read.
 */
final class InboxSql {

    private static final String TIES = "i.risk_rank, i.due_date ASC NULLS LAST, i.created, i.task_id";

    /** The columns of a page's row, in the order {@link CamundaCaseWorkflow#inbox} reads them. */
    static final String COLUMNS = "i.task_id, i.task_key, i.name, i.assignee, i.created, i.due_date, i.business_key,"
            + " i.case_number, i.contact_id, i.referral_key, i.risk_rank, i.overdue";

    final String count;
    final String page;
    final List<Object> parameters;

    InboxSql(InboxQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE ");
        within(where, params, q.scopePath());
        if (q.stationPath() != null && !q.stationPath().isBlank()) {
            where.append(" AND ");
            within(where, params, q.stationPath());
        }
        if (q.assignee() != null) {
            where.append(" AND i.assignee = ?");
            params.add(q.assignee());
        }
        if (q.unassignedOnly()) {
            where.append(" AND i.assignee IS NULL");
        }
        if (!q.candidateGroups().isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM inbox_task_group g WHERE g.task_id = i.task_id")
                    .append(" AND g.group_id IN (").append(marks(q.candidateGroups().size())).append("))");
            params.addAll(q.candidateGroups());
        }
        if (!q.taskKeys().isEmpty()) {
            where.append(" AND i.task_key IN (").append(marks(q.taskKeys().size())).append(")");
            params.addAll(q.taskKeys());
        }
        count = "SELECT COUNT(*) FROM inbox_task i" + where;
        page = "SELECT " + COLUMNS + " FROM inbox_task i" + where + " ORDER BY " + orderBy(q.order(), q.descending())
                + " OFFSET " + q.offset() + " ROWS FETCH FIRST " + q.limit() + " ROWS ONLY";
        parameters = Collections.unmodifiableList(params);
    }

    /**
     * Paths whose prefix is {@code path}: as a range, which an index on the path serves whether or not the planner
     * sees the value (a LIKE with a parameter it does not see is a scan), and the LIKE that says what is meant.
     * Paths are ids and slashes ({@code /1/5/17/}), so the range's end is the prefix with its last character
     * raised by one.
     */
    private static void within(StringBuilder where, List<Object> params, String path) {
        char last = path.charAt(path.length() - 1);
        where.append("i.station_path >= ? AND i.station_path < ? AND i.station_path LIKE ?");
        params.add(path);
        params.add(path.substring(0, path.length() - 1) + (char) (last + 1));
        params.add(path + "%");
    }

    static String orderBy(InboxQuery.Order order, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        return switch (order) {
            case RISK -> "i.risk_rank" + direction + ", i.due_date ASC NULLS LAST, i.created, i.task_id";
            case DUE -> "i.due_date" + direction + " NULLS LAST, " + TIES;
            case CREATED -> "i.created" + direction + ", " + TIES;
            case CASE -> "i.case_number" + direction + " NULLS LAST, " + TIES;
            case STATION -> "i.station_path" + direction + ", " + TIES;
        };
    }

    /** The candidate groups of the page's tasks, in one statement. */
    static String groupsOf(int tasks) {
        return "SELECT task_id, group_id FROM inbox_task_group WHERE task_id IN (" + marks(tasks) + ")";
    }

    /** The inbox's risk rank as the level it stands for (3: none). */
    static String riskLevel(Object rank) {
        if (!(rank instanceof Number n)) {
            return null;
        }
        return switch (n.intValue()) {
            case 0 -> "HIGH";
            case 1 -> "MEDIUM";
            case 2 -> "LOW";
            default -> null;
        };
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
