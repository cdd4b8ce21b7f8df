package org.weiquan.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.infrastructure.TestPostgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Idempotency-Key's claim on PostgreSQL, where a request with the same key may be running on another node: it
 * is one statement, waits at most 10 s for the request that holds the key, and leaves the transaction's lock
 * timeout as it found it. Runs when {@code WEIQUAN_TEST_DB_URL} is set (as CI sets it), in a schema of its own.
 */
@EnabledIfEnvironmentVariable(named = "WEIQUAN_TEST_DB_URL", matches = "jdbc:postgresql:.*")
class IdempotencyClaimPostgresTest {

    static PGSimpleDataSource dataSource;
    static String schema;

    @BeforeAll
    static void database() throws SQLException {
        schema = "idempotency_" + ProcessHandle.current().pid();
        dataSource = TestPostgres.dataSource(System.getenv("WEIQUAN_TEST_DB_URL"), null);
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        dataSource.setCurrentSchema(schema);
        DatabaseMigrations.configuration(dataSource, true).schemas(schema).load().migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (dataSource != null) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void aClaimIsOneStatementAndLeavesTheTransactionsLockTimeoutAsItWas() throws SQLException {
        String key = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            execute(c, "SET LOCAL lock_timeout = '3s'");
            List<String> sent = new ArrayList<>();
            assertThat(IdempotentRequests.claimOnPostgres(counting(c, sent), "jiedai", key, Instant.now(), "node-a"))
                    .isTrue();
            assertThat(sent).hasSize(1);
            assertThat(show(c)).isEqualTo("3s"); // the request's own statements wait as they did
            c.commit();
        }
        assertThat(rowsOf(key, "node-a")).isEqualTo(1);
    }

    @Test
    void aLiveKeyIsNotTakenAndAnExpiredOneIsTakenOver() throws SQLException {
        String key = UUID.randomUUID().toString();
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            assertThat(IdempotentRequests.claimOnPostgres(c, "jiedai", key, now.minus(Duration.ofHours(1)), "node-a")).isTrue();
            c.setAutoCommit(false);
            execute(c, "SET LOCAL lock_timeout = '3s'");
            assertThat(IdempotentRequests.claimOnPostgres(c, "jiedai", key, now, "node-b")).isFalse();
            assertThat(show(c)).isEqualTo("3s"); // put back when nothing was claimed too
            c.commit();
            assertThat(IdempotentRequests.claimOnPostgres(c, "jiedai", key, now.plus(IdempotentRequests.KEPT), "node-b"))
                    .isTrue();
            c.commit();
        }
        assertThat(rowsOf(key, "node-b")).isEqualTo(1);
    }

    @Test
    void aClaimWaitsAtMostTenSecondsForTheRequestHoldingTheKey() throws SQLException {
        String key = UUID.randomUUID().toString();
        try (Connection holder = dataSource.getConnection(); Connection waiter = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            waiter.setAutoCommit(false);
            assertThat(IdempotentRequests.claimOnPostgres(holder, "jiedai", key, Instant.now(), "node-a")).isTrue();
            long started = System.nanoTime();
            assertThatThrownBy(() -> IdempotentRequests.claimOnPostgres(waiter, "jiedai", key, Instant.now(), "node-b"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            double waited = (System.nanoTime() - started) / 1e9;
            assertThat(waited).isBetween(9.0, 60.0);
            waiter.rollback();
            holder.rollback();
        }
    }

    /** The connection, recording the SQL of every statement it is asked to prepare or run. */
    private static Connection counting(Connection c, List<String> sent) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                sent.add(args == null ? "statement" : String.valueOf(args[0]));
            }
            return method.invoke(c, args);
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static String show(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The key's rows that the node named holds. */
    private static long rowsOf(String key, String node) throws SQLException {
        try (Connection c = dataSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "SELECT count(*) FROM idempotency_key WHERE idem_key = ? AND node = ?")) {
            s.setString(1, key);
            s.setString(2, node);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String... sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (String q : sql) {
                execute(c, q);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
