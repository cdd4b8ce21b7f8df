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
            + " i.case_number, i.contact_id, i.referral_key, i.risk_rank, i.overdue, i.group_1, i.group_2, i.group_3,"
            + " i.station_path";
    static final int COLUMN_COUNT = 16;

    /** One task's row by its id, and whether it has more than three groups (the column after {@link #COLUMNS}). */
    static final String ONE = "SELECT " + COLUMNS + ", i.more_groups FROM inbox_task i WHERE i.task_id = ?";

    /** The open task of a contact's own review (its tasks before a case is opened carry no case number). */
    static final String REVIEW_TASK_OF_CONTACT = "SELECT i.task_id FROM inbox_task i WHERE i.contact_id = ?"
            + " AND i.case_number IS NULL AND i.task_key = ?";

    final String count;
    /** The page's rows ({@link #COLUMNS}) and whether each has more than three groups (the column after them). */
    final String page;
    final List<Object> parameters;

    InboxSql(InboxQuery q) {
        this(q, false);
    }

    InboxSql(InboxQuery q, boolean postgres) {
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
            // one array, not a mark per group: a county supervisor's inbox names some thousand groups, and the
            // statement's text (and the database's plan of it) is then the same for every list. On PostgreSQL as a
            // table, so that each row's groups are looked up in a hash of the list even in a plan made for any
            // list (= ANY of a parameter compares with each of its groups: seconds for a county); H2 answers
            // nothing for a subquery over a parameter's UNNEST, and has no such plans
            String[] groups = q.candidateGroups().toArray(String[]::new);
            String list = postgres ? " IN (SELECT unnest(CAST(? AS VARCHAR[])))" : " = ANY (?)";
            where.append(" AND (i.group_1").append(list).append(" OR i.group_2").append(list)
                    .append(" OR i.group_3").append(list).append(" OR i.more_groups AND i.task_id IN")
                    .append(" (SELECT m.task_id FROM inbox_task_more_group m WHERE m.group_id").append(list).append("))");
            params.addAll(List.of(groups, groups, groups, groups));
        }
        if (!q.taskKeys().isEmpty()) {
            where.append(" AND i.task_key IN (").append(marks(q.taskKeys().size())).append(")");
            params.addAll(q.taskKeys());
        }
        count = "SELECT COUNT(*) FROM inbox_task i" + where;
        page = "SELECT " + COLUMNS + ", i.more_groups FROM inbox_task i" + where
                + " ORDER BY " + orderBy(q.order(), q.descending())
                + " OFFSET " + q.offset() + " ROWS FETCH FIRST " + q.limit() + " ROWS ONLY";
        parameters = Collections.unmodifiableList(params);
    }

    /**
     * Paths whose prefix is {@code path}, as a range of the path's index. A station's path is ids and slashes
     * ({@code /1/5/17/}): the range's end is the prefix with its last character raised by one, and it is written
     * into the statement, so that the database plans for how much of the network the scope is even when it reuses a
     * plan (a plan made for unknown values guessed a few rows for a county's 100,000 and joined them one by one:
     * seconds). Any other path is a parameter and a LIKE.
     */
    private static void within(StringBuilder where, List<Object> params, String path) {
        if (path.matches("[0-9/]+")) {
            char last = path.charAt(path.length() - 1);
            String end = path.substring(0, path.length() - 1) + (char) (last + 1);
            where.append("i.station_path >= '").append(path).append("' AND i.station_path < '").append(end).append("'");
        } else {
            where.append("i.station_path LIKE ?");
            params.add(path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
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

    /**
     * A page of the tasks someone holds that are due before a time ({@code ?}), in the order of due date and id, after
     * a given task's due date and id ({@code ?, ?, ?}) when {@code after}; each row with whether it has more than three
     * groups (the column after {@link #COLUMNS}).
     */
    static String heldAndDueBy(boolean after, int max) {
        return "SELECT " + COLUMNS + ", i.more_groups FROM inbox_task i WHERE i.assignee IS NOT NULL AND i.due_date < ?"
                + (after ? " AND (i.due_date > ? OR i.due_date = ? AND i.task_id > ?)" : "")
                + " ORDER BY i.due_date, i.task_id FETCH FIRST " + max + " ROWS ONLY";
    }

    /** The fourth and later candidate groups of the page's tasks, in one statement (the first three are in the row). */
    static String moreGroupsOf(int tasks) {
        return "SELECT task_id, group_id FROM inbox_task_more_group WHERE task_id IN (" + marks(tasks) + ")";
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
