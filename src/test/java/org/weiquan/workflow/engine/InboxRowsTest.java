package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's row follows its task through a claim and a completion, on a real engine (in-memory H2 with the inbox's
 * tables of {@link InboxFixture}): one statement each for a task offered to up to three groups, and a task offered to
 * more keeps its further groups beside the row until it is gone.
 */
class InboxRowsTest {

    private final List<String> statements = new ArrayList<>();
    private ProcessEngine engine;
    private DataSource h2;

    @BeforeEach
    void engine() throws SQLException {
        JdbcDataSource h2 = InboxFixture.database("inbox-rows");
        InboxFixture.sql(h2, "INSERT INTO station VALUES (3, 'A村', '/1/2/3/')");
        InboxFixture.sql(h2, "INSERT INTO contact VALUES (7, 3)");
        this.h2 = h2;
        engine = InboxFixture.engine(h2, statements, new InboxRows());
        engine.getRepositoryService().createDeployment()
                .addModelInstance("Review.bpmn", Bpmn.createExecutableProcess("Review").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Review").camundaCandidateGroups("station:QX-0101:supervisor")
                        .endEvent().done())
                .addModelInstance("Wide.bpmn", Bpmn.createExecutableProcess("Wide").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("Task_Wide").camundaCandidateGroups("g1,g2,g3,g4,g5")
                        .endEvent().done())
                .deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aClaimAndACompletionEachWriteTheInboxOnce() throws SQLException {
        String task = taskOf("Review");

        statements.clear();
        engine.getTaskService().claim(task, "zhuren");
        assertThat(inboxStatements()).as("the claim's statements on the inbox's tables")
                .hasSize(1).allMatch(sql -> sql.startsWith("update inbox_task"));
        assertThat(row(task)).isEqualTo("zhuren station:QX-0101:supervisor false");

        statements.clear();
        engine.getTaskService().complete(task);
        assertThat(inboxStatements()).as("the completion's statements on the inbox's tables")
                .hasSize(1).allMatch(sql -> sql.startsWith("delete from inbox_task"));
        assertThat(row(task)).isNull();
    }

    @Test
    void aTaskOfferedToMoreThanThreeGroupsKeepsTheRestBesideItsRowUntilItIsGone() throws SQLException {
        String task = taskOf("Wide");
        assertThat(row(task)).isEqualTo("null g1 true");
        assertThat(moreGroups(task)).containsExactly("g4", "g5");

        engine.getTaskService().claim(task, "zhuren");
        assertThat(row(task)).isEqualTo("zhuren g1 true");
        assertThat(moreGroups(task)).as("not written twice").containsExactly("g4", "g5");

        engine.getTaskService().deleteCandidateGroup(task, "g5");
        engine.getTaskService().deleteCandidateGroup(task, "g4");
        engine.getTaskService().setAssignee(task, "tiaojie"); // an update of the task after its groups shrank
        assertThat(row(task)).isEqualTo("tiaojie g1 false");
        assertThat(moreGroups(task)).as("three groups left: none beside the row").isEmpty();

        engine.getTaskService().addCandidateGroup(task, "g6");
        engine.getTaskService().setAssignee(task, null);
        assertThat(row(task)).isEqualTo("null g1 true");
        assertThat(moreGroups(task)).containsExactly("g6");

        engine.getTaskService().complete(task);
        assertThat(row(task)).isNull();
        assertThat(moreGroups(task)).isEmpty();
    }

    private String taskOf(String process) {
        String instance = engine.getRuntimeService().startProcessInstanceByKey(process, "contact-7",
                Variables.createVariables().putValue("contactId", 7L)).getId();
        return engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
    }

    private List<String> inboxStatements() {
        return statements.stream().filter(sql -> sql.contains("inbox_task")).toList();
    }

    /** The row's holder, first group and whether it has more; null when there is no row. */
    private String row(String task) throws SQLException {
        try (Connection c = h2.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT assignee, group_1, more_groups FROM inbox_task WHERE task_id = ?")) {
            q.setString(1, task);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) : null;
            }
        }
    }

    private List<String> moreGroups(String task) throws SQLException {
        List<String> groups = new ArrayList<>();
        try (Connection c = h2.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT group_id FROM inbox_task_more_group WHERE task_id = ?"
                     + " ORDER BY group_id")) {
            q.setString(1, task);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    groups.add(rs.getString(1));
                }
            }
        }
        return groups;
    }
}
