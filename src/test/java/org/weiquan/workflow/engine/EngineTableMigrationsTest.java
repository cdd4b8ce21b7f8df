package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.weiquan.infrastructure.DatabaseMigrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up order on an empty H2 database (the quick-start's): Weiquan's migrations, then the engine creates its
 * tables, then the migrations of the engine's tables add their indexes — and a restart changes nothing.
 */
class EngineTableMigrationsTest {

    @Test
    void theTaskParentIndexIsAddedOnceTheEngineHasCreatedItsTables() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        DatabaseMigrations.configuration(h2, false).load().migrate();
        assertThat(indexes(h2)).as("no engine table yet").isZero();

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(h2);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName("migrations-" + UUID.randomUUID());
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            var first = DatabaseMigrations.engineTables(h2).load().migrate();
            assertThat(first.migrationsExecuted).as("V80's index, V94's inbox back-fill, …").isGreaterThanOrEqualTo(2);
            assertThat(indexes(h2)).isEqualTo(1);
            var again = DatabaseMigrations.engineTables(h2).load().migrate();
            assertThat(again.migrationsExecuted).as("a restart").isZero();
            assertThat(indexes(h2)).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    private static long indexes(JdbcDataSource h2) throws SQLException {
        try (Connection c = h2.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES"
                     + " WHERE INDEX_NAME = 'WQ_TASK_PARENT_IX' AND TABLE_NAME = 'ACT_RU_TASK'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
