package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import org.weiquan.infrastructure.WeiquanDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test helper (PostgreSQL): a transaction whose database connection is cut just before the container commits it,
 * as when the database restarts between a request's last statement and its commit. As an enterprise bean's
 * transaction here; {@link Transactional} as a CDI bean's (the API token check's kind).
 */
@Stateless
public class CommitLost {

    /** The same, in a transaction of the {@code @Transactional} interceptor. */
    @ApplicationScoped
    @jakarta.transaction.Transactional
    public static class Transactional {

        @Resource(lookup = WeiquanDatabase.JNDI_NAME)
        DataSource dataSource;

        public void workThenLoseTheConnection() throws Exception {
            cut(dataSource);
        }
    }

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    public void workThenLoseTheConnection() throws Exception {
        cut(dataSource);
    }

    static void cut(DataSource dataSource) throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        int backend;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getInt(1);
        }
        // from a thread outside this transaction, so on another connection: end this transaction's server process
        CompletableFuture.runAsync(() -> terminate(dataSource, backend)).get(20, TimeUnit.SECONDS);
    }

    private static void terminate(DataSource dataSource, int backend) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement end = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                end.setInt(1, backend);
                end.execute();
            }
            try (PreparedStatement alive = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?")) {
                alive.setInt(1, backend);
                for (int i = 0; i < 100; i++) {
                    try (ResultSet rs = alive.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            return;
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            throw new IllegalStateException("backend " + backend + " still runs after 5 s");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
