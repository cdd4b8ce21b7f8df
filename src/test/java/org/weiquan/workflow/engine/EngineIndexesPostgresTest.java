package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.apache.ibatis.mapping.BoundSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.infrastructure.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's own reads that every claim and completion makes find their rows by one index on PostgreSQL, also
 * before the database has gathered statistics of the engine's tables (a new installation, autovacuum off): the
 * statement explained is the engine's, as its mapping builds it. Runs when {@code WEIQUAN_TEST_DB_URL} is set (as CI
 * sets it), in a schema of its own.
 */
@EnabledIfEnvironmentVariable(named = "WEIQUAN_TEST_DB_URL", matches = "jdbc:postgresql:.*")
class EngineIndexesPostgresTest {

    static PGSimpleDataSource dataSource;
    static PGSimpleDataSource admin;
    static String schema;
    static ProcessEngine engine;

    @BeforeAll
    static void database() throws SQLException {
        schema = "engine_indexes_" + ProcessHandle.current().pid();
        admin = TestPostgres.dataSource(System.getenv("WEIQUAN_TEST_DB_URL"), null);
        InboxRowsPostgresTest.execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        dataSource = TestPostgres.dataSource(System.getenv("WEIQUAN_TEST_DB_URL"), schema);
        // the start-up's order: Weiquan's tables, the engine's, then the migrations of the engine's tables
        DatabaseMigrations.configuration(dataSource, true).schemas(schema).load().migrate();
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchema(schema);
        configuration.setDatabaseTablePrefix(schema + ".");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("engine-indexes-" + UUID.randomUUID());
        engine = configuration.buildProcessEngine();
        DatabaseMigrations.engineTables(dataSource).schemas(schema).load().migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (engine != null) {
            engine.close();
        }
        if (admin != null) {
            InboxRowsPostgresTest.execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void anExecutionsVariablesAreReadByOneIndexEvenWithoutStatistics() throws SQLException {
        ListQueryParameterObject parameter = new ListQueryParameterObject();
        parameter.setParameter(Map.of("executionId", "execution-5"));
        String read = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDbSqlSessionFactory()
                .getSqlSessionFactory().getConfiguration().getMappedStatement("selectVariablesByExecutionId")
                .getBoundSql(parameter).getSql().replaceFirst("\\?", "\\$1");
        assertThat(read).contains("TASK_ID_ is null");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // the variables of 20,000 open processes, eight each as an intake's, written in this transaction, so that no
            // statistics of them can exist
            s.execute("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, ACT_ID_, IS_ACTIVE_, IS_CONCURRENT_,"
                    + " IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_, SEQUENCE_COUNTER_) SELECT 'execution-' || g, 1,"
                    + " 'execution-' || g, 'Task_ReviewContact', TRUE, FALSE, TRUE, FALSE, 1, 1"
                    + " FROM generate_series(1, 20000) g");
            s.execute("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, EXECUTION_ID_, PROC_INST_ID_, VAR_SCOPE_,"
                    + " SEQUENCE_COUNTER_, IS_CONCURRENT_LOCAL_, TEXT_) SELECT 'v-' || g || '-' || n, 1, 'string',"
                    + " 'name' || n, 'execution-' || g, 'execution-' || g, 'execution-' || g, 1, FALSE, 'x'"
                    + " FROM generate_series(1, 20000) g, generate_series(1, 8) n");
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            s.execute("PREPARE variables_of_execution(VARCHAR) AS " + read);
            assertThat(TestPostgres.plan(s, "EXPLAIN EXECUTE variables_of_execution('execution-5')"))
                    .contains("wq_variable_execution_ix").doesNotContain("BitmapAnd")
                    .doesNotContain("act_idx_variable_task");
            c.rollback();
        }
    }

    /**
     * The job executor's acquisition of due jobs, which every node runs every few seconds and after every job, reads
     * the due jobs only, not every timer of every open case: the engine has no index on the due date (engine V102).
     */
    @Test
    void theJobExecutorFindsTheDueJobsWithoutReadingEveryTimer() throws SQLException {
        DbSqlSessionFactory sessions = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDbSqlSessionFactory();
        // the parameters the engine's job manager gives the statement, with the engine's default settings
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("now", new java.util.Date());
        parameters.put("alwaysSetDueDate", false);
        parameters.put("deploymentAware", false);
        parameters.put("historyCleanupEnabled", true);
        parameters.put("orderingProperties", List.of());
        parameters.put("applyOrdering", false);
        parameters.put("applyExclusiveOverProcessHierarchies", false);
        BoundSql bound = sessions.getSqlSessionFactory().getConfiguration()
                .getMappedStatement(sessions.mapStatement("selectNextJobsToExecute"))
                .getBoundSql(new ListQueryParameterObject(parameters, 0, 3));
        String acquisition = bound.getSql();
        for (var mapping : bound.getParameterMappings()) {
            String value = mapping.getProperty().endsWith("now") ? "CAST(now() AS TIMESTAMP)"
                    : mapping.getProperty().equals("maxResults") ? "3" : "0";
            acquisition = acquisition.replaceFirst("\\?", value);
        }
        assertThat(acquisition).contains("DUEDATE_");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // the deadlines of 20,000 open contacts and cases, due in fifteen days, and their statistics, all in
            // this transaction
            s.execute("INSERT INTO ACT_RU_JOB (ID_, REV_, TYPE_, EXCLUSIVE_, EXECUTION_ID_, PROCESS_INSTANCE_ID_,"
                    + " RETRIES_, DUEDATE_, HANDLER_TYPE_, SUSPENSION_STATE_, PRIORITY_) SELECT 'job-' || g, 1, 'timer',"
                    + " TRUE, 'execution-' || g, 'execution-' || g, 3, CAST(now() AS TIMESTAMP) + INTERVAL '15' DAY"
                    + " + g * INTERVAL '1' SECOND, 'timer-intermediate-transition', 1, 0"
                    + " FROM generate_series(1, 20000) g");
            s.execute("ANALYZE ACT_RU_JOB");
            assertThat(TestPostgres.plan(s, "EXPLAIN " + acquisition))
                    .contains("wq_job_due_ix").doesNotContainIgnoringCase("Seq Scan on act_ru_job");
            c.rollback();
        }
    }
}
