package org.weiquan.infrastructure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node on a PostgreSQL server that keeps no table statistics (autovacuum or track_counts off) says so at start, in
 * one line that names the settings and what to do; a server that keeps them gets no warning.
 */
class StatisticsWarningTest {

    @Test
    void aServerThatKeepsItsStatisticsGetsNoWarning() {
        assertThat(DatabaseMigrations.statisticsWarning("on", "on")).isEmpty();
    }

    @Test
    void aServerWithoutAutovacuumOrCountsIsNamedWithWhatToDo() {
        assertThat(DatabaseMigrations.statisticsWarning("off", "on")).hasValueSatisfying(w -> assertThat(w)
                .contains("autovacuum = off").contains("track_counts = on").contains("ANALYZE")
                .contains("Running on PostgreSQL"));
        assertThat(DatabaseMigrations.statisticsWarning("on", "off")).hasValueSatisfying(w -> assertThat(w)
                .contains("track_counts = off"));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "WEIQUAN_TEST_DB_URL", matches = "jdbc:postgresql:.*")
    void theWarningFollowsTheServersOwnSettings() throws SQLException {
        try (Connection c = TestPostgres.dataSource(System.getenv("WEIQUAN_TEST_DB_URL"), null).getConnection();
             Statement s = c.createStatement()) {
            String autovacuum;
            try (ResultSet rs = s.executeQuery("SHOW autovacuum")) {
                rs.next();
                autovacuum = rs.getString(1);
            }
            try (ResultSet rs = s.executeQuery(DatabaseMigrations.STATISTICS_SETTINGS)) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(autovacuum);
                assertThat(DatabaseMigrations.statisticsWarning(rs.getString(1), rs.getString(2)).isPresent())
                        .isEqualTo(!"on".equals(autovacuum) || !"on".equals(rs.getString(2)));
            }
        }
    }
}
