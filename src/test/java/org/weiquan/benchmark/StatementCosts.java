package org.weiquan.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each SQL statement cost PostgreSQL during the measured rounds, from {@code pg_stat_statements}, when the
 * server loads it ({@code shared_preload_libraries}; with {@code pg_stat_statements.track_planning = on} for the
 * planning column). The statements that cost most, with how often they ran and their planning and execution time
 * per call: a statement planned anew at every call shows as a planning time near its execution time (this is how
 * the inbox row's insert was found, planned at every task made). Without the module it says so and does nothing.
 */
final class StatementCosts {

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String database;
    private final boolean available;

    StatementCosts(String adminUrl, String adminUser, String adminPassword, String database) {
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.database = database;
        this.available = prepare();
    }

    boolean available() {
        return available;
    }

    /** Forgets what came before: the load and the warm-up round. */
    void reset() throws SQLException {
        if (available) {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    /** The {@code limit} statements of the benchmark's database that took most time since {@link #reset}. */
    List<String> top(int limit) throws SQLException {
        List<String> lines = new ArrayList<>();
        if (!available) {
            lines.add("pg_stat_statements is not loaded (shared_preload_libraries): no statement costs");
            return lines;
        }
        lines.add("| statement (first 110 characters) | calls | planning ms/call | execution ms/call | share of the time |");
        lines.add("|---|---|---|---|---|");
        try (Connection c = admin();
             PreparedStatement s = c.prepareStatement("WITH db AS (SELECT s.* FROM pg_stat_statements s"
                     + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?)"
                     + " SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110), calls, total_plan_time / calls,"
                     + " total_exec_time / calls,"
                     + " (total_plan_time + total_exec_time) / NULLIF((SELECT sum(total_plan_time + total_exec_time) FROM db), 0)"
                     + " FROM db WHERE calls > 0 ORDER BY total_plan_time + total_exec_time DESC LIMIT ?")) {
            s.setString(1, database);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.1f %% |",
                            rs.getString(1).replace('|', '/'), rs.getLong(2), rs.getDouble(3), rs.getDouble(4),
                            100 * rs.getDouble(5)));
                }
            }
        }
        return lines;
    }

    private boolean prepare() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
                if (!rs.next() || !rs.getString(1).contains("pg_stat_statements")) {
                    return false;
                }
            }
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return true;
        } catch (SQLException e) {
            return false; // no rights to create it, or an older server: the table goes without it
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
    }
}
