package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLinkType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Keeps the inbox's table ({@code inbox_task}, {@code inbox_task_more_group}; V93) in step with the engine's user
 * tasks, so that an inbox page is read from one indexed table of Weiquan's own ({@link InboxSql}): a row when a task
 * is created, its holder, due date and candidate groups again when it changes (claimed, handed on, given back,
 * delegated, its deadline moved), no row once it is completed or deleted (its process cancelled, an interrupting
 * event). Added to every user task of every model at parse time, after {@link AbsentAssignees} and the models' own
 * listeners, so a row holds what the task holds once created. Writes on the engine's own connection, so the row
 * commits or rolls back with the task. Where the case or contact lies and the case's risk are filled from
 * Weiquan's tables here and kept by the database's triggers (V93) when those change.
 *
 * <p>The engine fires no event when a candidate group is added to a task that exists: whoever does so (a
 * transfer) calls {@link #copyGroups}.
 */
class InboxRows extends AbstractBpmnParseListener implements TaskListener {

    /**
     * A task's row, with where the case or, before there is a case, the contact lies now and the case's risk read
     * from Weiquan's tables in the same statement: one text for a case's task, one for a contact's. One text for both
     * (each lookup given the value it needed, the other's NULL) made PostgreSQL plan the statement at every task
     * made: a plan made for the given values leaves out the lookups of a NULL, so it looked cheaper than the plan
     * kept for any values, and was chosen every time (0.37 ms of planning each, more than the insert itself).
     */
    static final String INSERT_CASE_TASK = insertRow(
            "(SELECT c.station_id FROM case_file c WHERE c.number = ?)",
            "(SELECT s.path FROM case_file c JOIN station s ON s.id = c.station_id WHERE c.number = ?)",
            "COALESCE((SELECT c.risk_level FROM case_file c WHERE c.number = ?), CAST(? AS VARCHAR(16)))");
    static final String INSERT_CONTACT_TASK = insertRow(
            "(SELECT k.station_id FROM contact k WHERE k.id = ?)",
            "(SELECT s.path FROM contact k JOIN station s ON s.id = k.station_id WHERE k.id = ?)",
            "CAST(? AS VARCHAR(16))");

    private static String insertRow(String station, String path, String risk) {
        return "INSERT INTO inbox_task (task_id, process_instance_id, task_key, name,"
                + " business_key, case_number, contact_id, referral_key, overdue, process_risk, assignee, due_date, created,"
                + " group_1, group_2, group_3, more_groups, station_id, station_path, risk_rank)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + station + ", " + path + ","
                + " CASE " + risk + " WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END)";
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addTaskListener(TaskListener.EVENTNAME_CREATE, this);
        definition.addTaskListener(TaskListener.EVENTNAME_UPDATE, this);
        definition.addTaskListener(TaskListener.EVENTNAME_COMPLETE, this);
        definition.addTaskListener(TaskListener.EVENTNAME_DELETE, this);
    }

    @Override
    public void notify(DelegateTask task) {
        if (task.getExecution() == null) {
            return; // not a task of a process: the inbox never listed one
        }
        Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
        try {
            switch (task.getEventName()) {
                case TaskListener.EVENTNAME_CREATE -> insert(connection, task);
                case TaskListener.EVENTNAME_UPDATE -> update(connection, task);
                default -> delete(connection, task.getId());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the inbox could not follow task " + task.getId(), e);
        }
    }

    private static void insert(Connection connection, DelegateTask task) throws SQLException {
        // the process instance's own variables, as the inbox read them (a call activity's are its own instance's)
        ExecutionEntity instance = ((ExecutionEntity) task.getExecution()).getProcessInstance();
        Object contactId = instance.getVariableLocal("contactId");
        insert(connection, new NewRow(task.getId(), task.getProcessInstanceId(), task.getTaskDefinitionKey(),
                task.getName(), instance.getBusinessKey(), text(instance.getVariableLocal("caseNumber")),
                contactId instanceof Number n ? n.longValue() : null, text(instance.getVariableLocal("referralKey")),
                text(instance.getVariableLocal("overdue")), text(instance.getVariableLocal("riskLevel")),
                task.getAssignee(), task.getDueDate(), task.getCreateTime() == null ? new Date() : task.getCreateTime(),
                groups(task)));
    }

    /** What a new task's row is made of: the task, its process instance's variables, its candidate groups. */
    record NewRow(String taskId, String processInstanceId, String taskKey, String name, String businessKey,
                  String caseNumber, Long contact, String referralKey, String overdue, String processRisk,
                  String assignee, Date due, Date created, List<String> groups) {
    }

    static void insert(Connection connection, NewRow task) throws SQLException {
        String caseNumber = task.caseNumber();
        try (PreparedStatement row = connection.prepareStatement(caseNumber != null ? INSERT_CASE_TASK : INSERT_CONTACT_TASK)) {
            row.setString(1, task.taskId());
            row.setString(2, task.processInstanceId());
            row.setString(3, task.taskKey());
            row.setString(4, task.name());
            row.setString(5, task.businessKey());
            row.setString(6, caseNumber);
            row.setObject(7, task.contact(), java.sql.Types.BIGINT);
            row.setString(8, task.referralKey());
            row.setString(9, task.overdue());
            row.setString(10, task.processRisk());
            row.setString(11, task.assignee());
            row.setTimestamp(12, timestamp(task.due()));
            row.setTimestamp(13, timestamp(task.created()));
            setGroups(row, 14, task.groups());
            if (caseNumber != null) {
                row.setString(18, caseNumber);
                row.setString(19, caseNumber);
                row.setString(20, caseNumber);
                row.setString(21, task.processRisk());
            } else {
                // the contact's station only before there is a case
                row.setObject(18, task.contact(), java.sql.Types.BIGINT);
                row.setObject(19, task.contact(), java.sql.Types.BIGINT);
                row.setString(20, task.processRisk());
            }
            row.executeUpdate();
            insertGroups(connection, task.taskId(), task.groups());
        }
    }

    /**
     * The row again. A row without a fourth group (every row of today's models) is one statement; one that had more
     * has them replaced.
     */
    private static void update(Connection connection, DelegateTask task) throws SQLException {
        List<String> groups = groups(task);
        if (updateRow(connection, task, groups, " AND more_groups = FALSE") == 1) {
            insertGroups(connection, task.getId(), groups);
        } else if (updateRow(connection, task, groups, "") == 1) {
            replaceGroups(connection, task.getId(), groups);
        }
        // no row: an update fired while the task is still being created (its create listener, after this one,
        // writes the row and its groups with what the task holds then)
    }

    private static int updateRow(Connection connection, DelegateTask task, List<String> groups, String condition)
            throws SQLException {
        try (PreparedStatement row = connection.prepareStatement("UPDATE inbox_task SET assignee = ?, due_date = ?,"
                + " name = ?, group_1 = ?, group_2 = ?, group_3 = ?, more_groups = ? WHERE task_id = ?" + condition)) {
            row.setString(1, task.getAssignee());
            row.setTimestamp(2, timestamp(task.getDueDate()));
            row.setString(3, task.getName());
            setGroups(row, 4, groups);
            row.setString(8, task.getId());
            return row.executeUpdate();
        }
    }

    /** A fourth and later group beside the row. */
    private static void replaceGroups(Connection connection, String taskId, List<String> groups) throws SQLException {
        deleteMoreGroups(connection, taskId);
        insertGroups(connection, taskId, groups);
    }

    /** The first three groups into the row's columns from {@code first} on, and whether there are more. */
    private static void setGroups(PreparedStatement row, int first, List<String> groups) throws SQLException {
        for (int i = 0; i < 3; i++) {
            row.setString(first + i, i < groups.size() ? groups.get(i) : null);
        }
        row.setBoolean(first + 3, groups.size() > 3);
    }

    /** No row, and no group beside it: one statement for a row that had no fourth group. */
    private static void delete(Connection connection, String taskId) throws SQLException {
        if (deleteRow(connection, taskId, " AND more_groups = FALSE") == 0 && deleteRow(connection, taskId, "") == 1) {
            deleteMoreGroups(connection, taskId);
        }
    }

    private static int deleteRow(Connection connection, String taskId, String condition) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement("DELETE FROM inbox_task WHERE task_id = ?" + condition)) {
            row.setString(1, taskId);
            return row.executeUpdate();
        }
    }

    private static void deleteMoreGroups(Connection connection, String taskId) throws SQLException {
        try (PreparedStatement groups = connection.prepareStatement("DELETE FROM inbox_task_more_group WHERE task_id = ?")) {
            groups.setString(1, taskId);
            groups.executeUpdate();
        }
    }

    /**
     * The task's candidate groups again, from the engine's table (after a change the engine fires no event for), on
     * the transaction's connection; the engine's command that changed them has written them already.
     */
    static void copyGroups(Connection connection, String taskId) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (PreparedStatement links = connection.prepareStatement("SELECT DISTINCT GROUP_ID_ FROM ACT_RU_IDENTITYLINK"
                + " WHERE TASK_ID_ = ? AND TYPE_ = 'candidate' AND GROUP_ID_ IS NOT NULL")) {
            links.setString(1, taskId);
            try (ResultSet rs = links.executeQuery()) {
                while (rs.next()) {
                    groups.add(rs.getString(1));
                }
            }
        }
        groups.sort(null);
        try (PreparedStatement row = connection.prepareStatement("UPDATE inbox_task SET group_1 = ?, group_2 = ?,"
                + " group_3 = ?, more_groups = ? WHERE task_id = ?")) {
            setGroups(row, 1, groups);
            row.setString(5, taskId);
            if (row.executeUpdate() == 0) {
                return; // not a task the inbox lists
            }
        }
        replaceGroups(connection, taskId, groups);
    }

    private static List<String> groups(DelegateTask task) {
        return task.getCandidates().stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).distinct().sorted().toList();
    }

    private static void insertGroups(Connection connection, String taskId, List<String> groups) throws SQLException {
        if (groups.size() <= 3) {
            return;
        }
        try (PreparedStatement group = connection.prepareStatement(
                "INSERT INTO inbox_task_more_group (task_id, group_id) VALUES (?, ?)")) {
            for (String id : groups.subList(3, groups.size())) {
                group.setString(1, taskId);
                group.setString(2, id);
                group.addBatch();
            }
            group.executeBatch();
        }
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    private static Timestamp timestamp(Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }
}
