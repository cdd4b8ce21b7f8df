package org.weiquan.workflow.engine;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
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
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The announcement of a new task, on a real engine (in-memory H2) with the listener added at parse time as
 * {@code ProcessEngineBootstrap} adds it: it carries the process's variables, and reading them costs the database
 * nothing when the instance has just been started with them.
 */
class TaskAnnouncementsTest {

    private final List<WorkAnnounced> announced = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private ProcessEngine engine;

    @BeforeEach
    void engine() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:announcements-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(recordingStatements(h2));
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        configuration.setProcessEngineName("announcements-" + UUID.randomUUID());
        configuration.setCustomPreBPMNParseListeners(new ArrayList<>(List.of(new TaskAnnouncements(new Recorder()))));
        engine = configuration.buildProcessEngine();
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
        WorkItem work = announced.get(0).work();
        assertThat(work.assignee()).isEqualTo("tiaojie");
        assertThat(work.caseNumber()).isEqualTo("QX-0101-2026-0008");
        assertThat(work.model()).isEqualTo(WorkItem.Model.HANDLING);
        assertThat(work.contactId()).isEqualTo(8L);
    }

    /** Every statement the engine prepares, in lower case. */
    private DataSource recordingStatements(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                                    statements.add(sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
                                }
                                return m.invoke(connection, a);
                            });
                });
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
