package org.weiquan.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.cluster.NodeSettings;
import org.weiquan.infrastructure.DatabaseSettings;
import org.weiquan.privacy.PersonalDataCipher;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The table of Idempotency-Keys ({@code idempotency_key}): claimed at the start of a request, completed with
 * its answer before the request's transaction commits, read back for a retry. Every call but {@link #find}
 * runs in the caller's transaction.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** How long a key is remembered; a retry after that is a new request. */
    static final Duration KEPT = Duration.ofHours(24);
    private static final String CONTEXT = "idempotency_key.response_body";

    @Inject
    DataSource dataSource;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    Clock clock;

    private final boolean postgres = DatabaseSettings.fromConfig().isPostgres();
    private final String node = NodeSettings.fromConfig().name();

    /** The first answer to a request, as stored. */
    record Answer(String requestHash, int status, String headers, byte[] body) {
    }

    /**
     * Takes the key for this request, in the caller's transaction. False when another request holds it: a
     * request with the same key still running on any node makes this wait (on PostgreSQL at most 10 s, then
     * SQLState 55P03) until it ends; if it committed, the key is taken.
     */
    boolean claim(String username, String key) throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (postgres) {
                return claimOnPostgres(c, username, key, now, node);
            }
            try (PreparedStatement expired = c.prepareStatement(
                    "DELETE FROM idempotency_key WHERE username = ? AND idem_key = ? AND created_at < ?")) {
                expired.setString(1, username);
                expired.setString(2, key);
                expired.setTimestamp(3, Timestamp.from(now.minus(KEPT)));
                expired.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO idempotency_key (username, idem_key, created_at, node) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, username);
                insert.setString(2, key);
                insert.setTimestamp(3, Timestamp.from(now));
                insert.setString(4, node);
                insert.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
            return true;
        }
    }

    /**
     * The claim on PostgreSQL, in one statement where H2 needs two. It waits at most 10 s for a request that holds the
     * key ({@code lock_timeout}, set for this statement and then put back as it was, so that the request's own
     * statements wait as before); it takes an expired row over ({@code ON CONFLICT … WHERE}) and touches no row when
     * a live one holds the key, so the transaction stays usable either way. The statement's parts run in order: the
     * {@code waiting} row first (the insert reads it), the insert when the outer query counts it, the setting put
     * back last.
     */
    static final String CLAIM_ON_POSTGRES = "WITH waiting AS MATERIALIZED ("
            + "SELECT current_setting('lock_timeout') AS before, set_config('lock_timeout', '10s', true) AS now),"
            + " claimed AS (INSERT INTO idempotency_key (username, idem_key, created_at, node)"
            + " SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMPTZ), CAST(? AS VARCHAR) FROM waiting"
            + " ON CONFLICT (username, idem_key) DO UPDATE SET created_at = EXCLUDED.created_at,"
            + " node = EXCLUDED.node, request_hash = NULL, response_status = NULL,"
            + " response_headers = NULL, response_body = NULL WHERE idempotency_key.created_at < ? RETURNING 1)"
            + " SELECT (SELECT count(*) FROM claimed), set_config('lock_timeout', (SELECT before FROM waiting), true)";

    static boolean claimOnPostgres(Connection c, String username, String key, Instant now, String node)
            throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(CLAIM_ON_POSTGRES)) {
            claim.setString(1, username);
            claim.setString(2, key);
            claim.setTimestamp(3, Timestamp.from(now));
            claim.setString(4, node);
            claim.setTimestamp(5, Timestamp.from(now.minus(KEPT)));
            try (ResultSet rs = claim.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    /** Records the answer with the key, in the request's transaction (so both commit, or neither). */
    void complete(String username, String key, String requestHash, int status, String headers, byte[] body)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE idempotency_key SET request_hash = ?, "
                     + "response_status = ?, response_headers = ?, response_body = ? WHERE username = ? AND idem_key = ?")) {
            update.setString(1, requestHash);
            update.setInt(2, status);
            update.setString(3, headers);
            String sealed = cipher.encrypt(Base64.getEncoder().encodeToString(body), CONTEXT);
            update.setBytes(4, sealed.getBytes(StandardCharsets.US_ASCII));
            update.setString(5, username);
            update.setString(6, key);
            if (update.executeUpdate() != 1) {
                throw new SQLException("the claimed Idempotency-Key row is gone", "40001");
            }
        }
    }

    /** The committed answer for a key, unless it is older than 24 hours; outside any transaction. */
    Optional<Answer> find(String username, String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT request_hash, response_status, response_headers, "
                     + "response_body FROM idempotency_key WHERE username = ? AND idem_key = ? AND created_at >= ?")) {
            select.setString(1, username);
            select.setString(2, key);
            select.setTimestamp(3, Timestamp.from(clock.instant().minus(KEPT)));
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                String sealed = new String(rs.getBytes(4), StandardCharsets.US_ASCII);
                byte[] body = Base64.getDecoder().decode(cipher.decrypt(sealed, CONTEXT));
                return Optional.of(new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), body));
            }
        }
    }

    /** Forgets the keys older than 24 hours; returns how many. */
    int purge() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_key WHERE created_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(KEPT)));
            return delete.executeUpdate();
        }
    }
}
