package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weiquan on a database where another schema already holds an engine's tables (a second application's, the
 * benchmark's bare engine's): its engine creates and uses its own, in the schema its connections work in.
 */
class EngineSchemaTest {

    @Test
    void anotherSchemasEngineTablesDoNotStopTheEngineCreatingItsOwn() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA NEIGHBOUR");
            s.execute("CREATE TABLE NEIGHBOUR.ACT_RU_EXECUTION (ID_ VARCHAR(64) PRIMARY KEY)");
            s.execute("CREATE TABLE NEIGHBOUR.ACT_GE_PROPERTY (NAME_ VARCHAR(64) PRIMARY KEY, VALUE_ VARCHAR(300),"
                    + " REV_ INTEGER)");
        }

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(h2);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        ProcessEngineBootstrap.tablesInTheConnectionsSchema(configuration, h2);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("schema-" + UUID.randomUUID());
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            assertThat(tables(h2, "PUBLIC")).as("the engine's own tables").contains("ACT_RU_TASK", "ACT_GE_PROPERTY");
            assertThat(tables(h2, "NEIGHBOUR")).as("the neighbour's, untouched")
                    .containsExactlyInAnyOrder("ACT_RU_EXECUTION", "ACT_GE_PROPERTY");
            assertThat(engine.getTaskService().createTaskQuery().count()).isZero();
            engine.getRepositoryService().createDeployment()
                    .addClasspathResource("bpmn/ContactReview.bpmn").deploy();
            assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    private static List<String> tables(JdbcDataSource h2, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = h2.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, schema, "ACT_%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
