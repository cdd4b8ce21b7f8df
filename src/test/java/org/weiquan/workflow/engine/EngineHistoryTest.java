package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's history of a process, under Weiquan's configuration: kept five years ({@code historyTimeToLive} 1825
 * days) from the process's end, and nothing written for that when a process ends.
 */
class EngineHistoryTest {

    private static final Instant STARTED = Instant.parse("2026-03-02T01:00:00Z");
    private static final Instant ENDED = STARTED.plus(2 * 365, ChronoUnit.DAYS);

    private final List<String> statements = new ArrayList<>();
    private ProcessEngine engine;

    @BeforeEach
    void engine() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(InboxFixture.recording(h2, statements));
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("history-" + UUID.randomUUID());
        ProcessEngineBootstrap.historyKeptFromTheEnd(configuration);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("Review.bpmn",
                Bpmn.createExecutableProcess("Review").camundaHistoryTimeToLive(1825)
                        .startEvent().userTask("Task_Review").endEvent().done()).deploy();
    }

    @AfterEach
    void close() {
        ClockUtil.reset();
        engine.close();
    }

    @Test
    void aProcessEndsWithoutWritingARemovalTimeIntoItsHistory() {
        ClockUtil.setCurrentTime(Date.from(STARTED));
        String process = engine.getRuntimeService().startProcessInstanceByKey("Review").getId();
        ClockUtil.setCurrentTime(Date.from(ENDED));
        String task = engine.getTaskService().createTaskQuery().processInstanceId(process).singleResult().getId();

        statements.clear();
        engine.getTaskService().complete(task);

        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count()).isEqualTo(1);
        assertThat(statements.stream().map(s -> s.toUpperCase(Locale.ROOT)))
                .as("the end of a process, %d statements", statements.size())
                .noneMatch(s -> s.startsWith("UPDATE") && s.contains("REMOVAL_TIME_"));
    }

    @Test
    void theHistoryOfAProcessIsKeptFiveYearsFromItsEndNotFromItsStart() {
        ClockUtil.setCurrentTime(Date.from(STARTED));
        String process = engine.getRuntimeService().startProcessInstanceByKey("Review").getId();
        ClockUtil.setCurrentTime(Date.from(ENDED));
        engine.getTaskService().complete(
                engine.getTaskService().createTaskQuery().processInstanceId(process).singleResult().getId());

        cleanUpOn(ENDED.plus(1824, ChronoUnit.DAYS));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count())
                .as("five years after the start, a day short of five years after the end").isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().count()).isEqualTo(1);

        cleanUpOn(ENDED.plus(1826, ChronoUnit.DAYS));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count())
                .as("a day past five years after the end").isZero();
        assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().count()).isZero();
    }

    /** A history cleanup started by hand on that day, as an operator would: the engine's job, run once. */
    private void cleanUpOn(Instant day) {
        ClockUtil.setCurrentTime(Date.from(day));
        Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
        engine.getManagementService().executeJob(cleanup.getId());
    }
}
