package org.weiquan.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A database-wide lock for start-up work that must happen once even when several nodes start
 * together: the row lock is held until the caller's transaction ends, so a second node waits, then
 * sees what the first one did.
 */
@ApplicationScoped
public class StartupLock {

    @PersistenceContext
    EntityManager em;

    /** The lock held on a connection of its own until {@link #close()}. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the same lock on a connection of its own, outside the container's transactions, for start-up
     * work that runs its own transactions (the process engine's tables and model deployment). A second node
     * waits here until the first is done; a node that dies holding the lock releases it with its connection.
     */
    public static Held holdOutsideTransactions() {
        DatabaseSettings settings = DatabaseSettings.fromConfig();
        try {
            java.sql.Connection connection = ConfiguredDataSource.create(settings).getConnection();
            try (java.sql.Statement s = connection.createStatement()) {
                connection.setAutoCommit(false);
                if (settings.isPostgres()) {
                    s.execute("SET LOCAL lock_timeout = '300s'"); // a wait is bounded: another node's start-up
                }
                s.executeQuery("SELECT id FROM startup_lock WHERE id = 1 FOR UPDATE").close();
            } catch (java.sql.SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return () -> {
                try (connection) {
                    connection.rollback();
                } catch (java.sql.SQLException e) {
                    // the lock goes with the connection in any case
                }
            };
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(settings.unreachableMessage(e), e);
        }
    }

    /** Must run inside a transaction; returns once this node holds the lock. */
    public void acquire() {
        em.createNativeQuery("SELECT id FROM startup_lock WHERE id = 1 FOR UPDATE").getResultList();
    }

    /** Whether a named piece of start-up data was already loaded, with the given checksum. */
    public boolean isLoaded(String name, String checksum) {
        return !em.createNativeQuery("SELECT name FROM seed_log WHERE name = ?1 AND checksum = ?2")
                .setParameter(1, name).setParameter(2, checksum)
                .getResultList().isEmpty();
    }

    /** A seed file packaged with the application ({@code seeds/…}); its absence is a packaging error. */
    public static byte[] readSeed(String resource) {
        try (java.io.InputStream in = StartupLock.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The checksum under which a seed file is recorded as loaded. */
    public static String checksum(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void recordLoaded(String name, String checksum) {
        em.createNativeQuery("DELETE FROM seed_log WHERE name = ?1").setParameter(1, name).executeUpdate();
        em.createNativeQuery("INSERT INTO seed_log (name, checksum, loaded_at) VALUES (?1, ?2, CURRENT_TIMESTAMP)")
                .setParameter(1, name).setParameter(2, checksum).executeUpdate();
    }
}
