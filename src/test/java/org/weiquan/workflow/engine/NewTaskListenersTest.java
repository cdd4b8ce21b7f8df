package org.weiquan.workflow.engine;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weiquan.workflow.WorkAnnounced;
import org.weiquan.workflow.WorkItem;

import javax.sql.DataSource;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine's listeners do when a task is made, on a real engine (in-memory H2, with the inbox's tables of
 * {@link InboxFixture}) with the listeners added at parse time as {@code ProcessEngineBootstrap} adds them: the
 * announcement carries the process's variables, and reading them costs the database nothing when the instance has
 * just been started with them; the inbox's row is one statement, placed where the contact or the case lies.
 */
class NewTaskListenersTest {

    private final List<WorkAnnounced> announced = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private ProcessEngine engine;
    private DataSource h2;

    @BeforeEach
    void engine() throws SQLException {
        JdbcDataSource h2 = InboxFixture.database("announcements");
        InboxFixture.sql(h2, "INSERT INTO station VALUES (3, 'A村', '/1/2/3/'), (4, 'B村', '/1/2/4/')");
        InboxFixture.sql(h2, "INSERT INTO contact VALUES (7, 3), (9, 3)");
        InboxFixture.sql(h2, "INSERT INTO case_file VALUES (1, 'QX-0102-2026-0009', 4, 'MEDIUM')");
        this.h2 = h2;
        engine = InboxFixture.engine(h2, statements, new TaskAnnouncements(new Recorder()), new InboxRows());
        BpmnModelInstance model = Bpmn.createExecutableProcess("Review").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Review").name("受理审查").camundaCandidateGroups("station:QX-0101:INTAKE")
                .endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("Review.bpmn", model).deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aNewTaskIsAnnouncedWithItsProcessVariablesWithoutReadingVariablesBack() {
        statements.clear();
        engine.getRuntimeService().startProcessInstanceByKey("Review", "contact-7",
                Variables.createVariables().putValue("contactId", 7L).putValue("riskLevel", "HIGH"));

        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).created()).as("announced as made just now").isTrue();
        WorkItem work = announced.get(0).work();
        assertThat(work.taskKey()).isEqualTo("Task_Review");
        assertThat(work.contactId()).isEqualTo(7L);
        assertThat(work.riskLevel()).isEqualTo("HIGH");
        assertThat(work.model()).isEqualTo(WorkItem.Model.REVIEW);
        assertThat(work.candidateGroups()).containsExactly("station:QX-0101:INTAKE");
        assertThat(statements).as("the start's statements").isNotEmpty()
                .noneMatch(sql -> sql.contains("from act_ru_variable"));
    }

    @Test
    void aTaskHandedToSomeoneIsAnnouncedWithTheVariablesTheProcessHasSince() {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("Review", "contact-8",
                Variables.createVariables().putValue("contactId", 8L)).getId();
        engine.getRuntimeService().setVariable(instance, "caseNumber", "QX-0101-2026-0008");
        String task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult().getId();
        announced.clear();

        engine.getTaskService().setAssignee(task, "tiaojie");

        assertThat(announced).hasSize(1);
        assertThat(announced.get(0).created()).as("an older task, whose holder may have been told of it before").isFalse();
        WorkItem work = announced.get(0).work();
        assertThat(work.assignee()).isEqualTo("tiaojie");
        assertThat(work.caseNumber()).isEqualTo("QX-0101-2026-0008");
        assertThat(work.model()).isEqualTo(WorkItem.Model.HANDLING);
        assertThat(work.contactId()).isEqualTo(8L);
    }

    @Test
    void aNewTasksInboxRowIsOneStatementPlacedWhereItsContactLies() throws SQLException {
        statements.clear();
        String instance = engine.getRuntimeService().startProcessInstanceByKey("Review", "contact-9",
                Variables.createVariables().putValue("contactId", 9L).putValue("riskLevel", "HIGH")).getId();

        assertThat(statements.stream().filter(sql -> sql.contains("inbox_task"))).as("statements on the inbox's table")
                .hasSize(1).allMatch(sql -> sql.startsWith("insert into inbox_task"));
        assertThat(inboxRow(instance)).isEqualTo("3 /1/2/3/ 0");
    }

    @Test
    void aCasesTaskIsPlacedWhereTheCaseLiesWithTheCasesRisk() throws SQLException {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("Review", "QX-0102-2026-0009",
                Variables.createVariables().putValue("contactId", 9L).putValue("caseNumber", "QX-0102-2026-0009")
                        .putValue("riskLevel", "HIGH")).getId();

        assertThat(inboxRow(instance)).as("the case's station and its own risk, not the contact's nor the process's")
                .isEqualTo("4 /1/2/4/ 1");
    }

    /** The station, its path and the risk rank of the instance's row in the inbox. */
    private String inboxRow(String processInstance) throws SQLException {
        try (Connection c = h2.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT station_id, station_path, risk_rank FROM inbox_task"
                     + " WHERE process_instance_id = ?")) {
            q.setString(1, processInstance);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("a row").isTrue();
                return rs.getLong(1) + " " + rs.getString(2) + " " + rs.getInt(3);
            }
        }
    }

    /** The CDI event as the listener fires it; the application's observers are not part of this test. */
    private final class Recorder implements Event<WorkAnnounced> {
        @Override
        public void fire(WorkAnnounced event) {
            announced.add(event);
        }

        @Override
        public <U extends WorkAnnounced> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends WorkAnnounced> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<WorkAnnounced> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends WorkAnnounced> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends WorkAnnounced> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
