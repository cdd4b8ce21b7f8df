package org.weiquan.workflow.engine;

import org.weiquan.workflow.InboxQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statements of one inbox page, on the engine's task table joined with the variables that name a task's case
 * or contact and with Weiquan's case, contact and station tables, so that the database filters by the station
 * the case lies at now, counts and orders (risk from the case, else from the engine's copy) in one statement each:
 * the count, the page, and the candidate groups of the page's tasks. Plain SQL that PostgreSQL and H2 both read.
 */
final class InboxSql {

    /** The variables read with each task; all live on the process instance (start or call-activity variables). */
    private static final String FROM = " FROM ACT_RU_TASK t"
            + " JOIN ACT_RU_EXECUTION pi ON pi.ID_ = t.PROC_INST_ID_"
            + " LEFT JOIN ACT_RU_VARIABLE vc ON vc.EXECUTION_ID_ = t.PROC_INST_ID_ AND vc.NAME_ = 'caseNumber'"
            + " LEFT JOIN ACT_RU_VARIABLE vk ON vk.EXECUTION_ID_ = t.PROC_INST_ID_ AND vk.NAME_ = 'contactId'"
            + " LEFT JOIN case_file c ON c.number = vc.TEXT_"
            + " LEFT JOIN contact k ON vc.TEXT_ IS NULL AND k.id = vk.LONG_"
            + " JOIN station s ON s.id = COALESCE(c.station_id, k.station_id)";

    private static final String MORE_VARIABLES =
            " LEFT JOIN ACT_RU_VARIABLE vr ON vr.EXECUTION_ID_ = t.PROC_INST_ID_ AND vr.NAME_ = 'referralKey'"
            + " LEFT JOIN ACT_RU_VARIABLE vl ON vl.EXECUTION_ID_ = t.PROC_INST_ID_ AND vl.NAME_ = 'riskLevel'"
            + " LEFT JOIN ACT_RU_VARIABLE vo ON vo.EXECUTION_ID_ = t.PROC_INST_ID_ AND vo.NAME_ = 'overdue'";

    static final String RISK = "COALESCE(c.risk_level, vl.TEXT_)";

    private static final String RISK_RANK = "CASE " + RISK
            + " WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END";

    private static final String TIES = RISK_RANK + ", t.DUE_DATE_ ASC NULLS LAST, t.CREATE_TIME_, t.ID_";

    final String count;
    final String page;
    final List<Object> parameters;

    InboxSql(InboxQuery q) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE s.path LIKE ?");
        params.add(q.scopePath() + "%");
        if (q.stationPath() != null && !q.stationPath().isBlank()) {
            where.append(" AND s.path LIKE ?");
            params.add(q.stationPath() + "%");
        }
        if (q.assignee() != null) {
            where.append(" AND t.ASSIGNEE_ = ?");
            params.add(q.assignee());
        }
        if (q.unassignedOnly()) {
            where.append(" AND t.ASSIGNEE_ IS NULL");
        }
        if (!q.candidateGroups().isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_")
                    .append(" AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IN (").append(marks(q.candidateGroups().size()))
                    .append("))");
            params.addAll(q.candidateGroups());
        }
        if (!q.taskKeys().isEmpty()) {
            where.append(" AND t.TASK_DEF_KEY_ IN (").append(marks(q.taskKeys().size())).append(")");
            params.addAll(q.taskKeys());
        }
        count = "SELECT COUNT(*)" + FROM + where;
        page = "SELECT t.ID_, t.TASK_DEF_KEY_, t.NAME_, t.ASSIGNEE_, t.CREATE_TIME_, t.DUE_DATE_, pi.BUSINESS_KEY_,"
                + " vc.TEXT_, vk.LONG_, vr.TEXT_, " + RISK + ", vo.TEXT_"
                + FROM + MORE_VARIABLES + where + " ORDER BY " + orderBy(q.order(), q.descending())
                + " OFFSET " + q.offset() + " ROWS FETCH FIRST " + q.limit() + " ROWS ONLY";
        parameters = Collections.unmodifiableList(params);
    }

    static String orderBy(InboxQuery.Order order, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        return switch (order) {
            case RISK -> RISK_RANK + (descending ? " DESC" : " ASC") + ", t.DUE_DATE_ ASC NULLS LAST, t.CREATE_TIME_, t.ID_";
            case DUE -> "t.DUE_DATE_" + direction + " NULLS LAST, " + TIES;
            case CREATED -> "t.CREATE_TIME_" + direction + ", " + TIES;
            case CASE -> "vc.TEXT_" + direction + " NULLS LAST, " + TIES;
            case STATION -> "s.path" + direction + ", " + TIES;
        };
    }

    /** The candidate groups of the page's tasks, in one statement. */
    static String groupsOf(int tasks) {
        return "SELECT TASK_ID_, GROUP_ID_ FROM ACT_RU_IDENTITYLINK WHERE TYPE_ = 'candidate' AND GROUP_ID_ IS NOT NULL"
                + " AND TASK_ID_ IN (" + marks(tasks) + ")";
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
