package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Slows password guessing without letting anyone lock a real user out and without telling whether an
 * account exists (ASVS 6.3.1, 6.3.8). Failed logins are counted, in the database so that every node
 * sees them, for what was typed as the user name — existing or not — in three ways:
 * <ul>
 *   <li>one account from one address: after {@value #PAIR_FREE} failures each further one makes that
 *       address wait twice as long for that account (2 s, 4 s, 8 s … 15 min); the user at her own
 *       computer is not held back by a stranger elsewhere;</li>
 *   <li>one account from any address (guessing spread over many addresses): after
 *       {@value #ACCOUNT_FREE} failures the same doubling, except from the addresses the user has
 *       logged in from before;</li>
 *   <li>one address whatever the account (trying many accounts): after {@value #ADDRESS_FREE}
 *       failures the same doubling.</li>
 * </ul>
 * A waiting attempt is answered at once, without checking the password. Counts are written in their
 * own transaction: the failed request itself rolls back.
 */
@Stateless
public class LoginThrottle {

    static final int PAIR_FREE = 3;
    static final int ACCOUNT_FREE = 10;
    static final int ADDRESS_FREE = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(2);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Failures older than this are forgotten (an address: after an hour of quiet). */
    static final Duration ACCOUNT_MEMORY = Duration.ofHours(24);
    static final Duration ADDRESS_MEMORY = Duration.ofHours(1);
    private static final String ANY = "*";

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** How long this attempt must wait, or {@link Duration#ZERO} when the password may be checked. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Duration waitFor(String username, String address) {
        String account = accountKey(username);
        String from = address(address);
        Instant now = clock.instant();
        Duration wait = remaining(row(ANY, from, false), now);
        Row pair = row(account, from, false);
        wait = longer(wait, remaining(pair, now));
        if (pair == null || pair.knownAt() == null) {
            wait = longer(wait, remaining(row(account, ANY, false), now));
        }
        return wait;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(String username, String address) {
        String account = accountKey(username);
        String from = address(address);
        Instant now = clock.instant();
        em.createNativeQuery("DELETE FROM login_throttle WHERE known_at IS NULL AND last_failure_at < ?1")
                .setParameter(1, Timestamp.from(now.minus(ACCOUNT_MEMORY))).executeUpdate();
        fail(account, from, PAIR_FREE, ACCOUNT_MEMORY, now);
        fail(account, ANY, ACCOUNT_FREE, ACCOUNT_MEMORY, now);
        fail(ANY, from, ADDRESS_FREE, ADDRESS_MEMORY, now);
    }

    /** The right password: this account's counts start afresh and the address becomes one she uses. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordSuccess(String username, String address) {
        String account = accountKey(username);
        String from = address(address);
        Instant now = clock.instant();
        if (row(account, from, true) == null) {
            em.createNativeQuery("INSERT INTO login_throttle (account_key, address, failures, known_at) "
                    + "VALUES (?1, ?2, 0, ?3)").setParameter(1, account).setParameter(2, from)
                    .setParameter(3, Timestamp.from(now)).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE login_throttle SET failures = 0, blocked_until = NULL, known_at = ?3 "
                    + "WHERE account_key = ?1 AND address = ?2").setParameter(1, account).setParameter(2, from)
                    .setParameter(3, Timestamp.from(now)).executeUpdate();
        }
        em.createNativeQuery("UPDATE login_throttle SET failures = 0, blocked_until = NULL "
                + "WHERE account_key = ?1 AND address = ?2").setParameter(1, account).setParameter(2, ANY)
                .executeUpdate();
    }

    private void fail(String account, String address, int free, Duration memory, Instant now) {
        Row current = row(account, address, true);
        int failures = current == null || current.lastFailureAt() == null
                || current.lastFailureAt().isBefore(now.minus(memory)) ? 1 : current.failures() + 1;
        Duration wait = waitAfter(failures, free);
        // no wait yet: blocked until now, which is no wait (a bound null has no type on PostgreSQL)
        Timestamp blocked = Timestamp.from(now.plus(wait));
        if (current == null) {
            em.createNativeQuery("INSERT INTO login_throttle (account_key, address, failures, last_failure_at, "
                            + "blocked_until) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, account).setParameter(2, address).setParameter(3, failures)
                    .setParameter(4, Timestamp.from(now)).setParameter(5, blocked).executeUpdate();
        } else {
            em.createNativeQuery("UPDATE login_throttle SET failures = ?3, last_failure_at = ?4, blocked_until = ?5 "
                            + "WHERE account_key = ?1 AND address = ?2")
                    .setParameter(1, account).setParameter(2, address).setParameter(3, failures)
                    .setParameter(4, Timestamp.from(now)).setParameter(5, blocked).executeUpdate();
        }
    }

    /** No wait for the first {@code free} - 1 failures, then 2 s, doubling up to 15 minutes. */
    static Duration waitAfter(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - free, 20);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private record Row(int failures, Instant lastFailureAt, Instant blockedUntil, Instant knownAt) {
    }

    private Row row(String account, String address, boolean forUpdate) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT failures, last_failure_at, blocked_until, known_at "
                        + "FROM login_throttle WHERE account_key = ?1 AND address = ?2" + (forUpdate ? " FOR UPDATE" : ""))
                .setParameter(1, account).setParameter(2, address).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Row(((Number) r[0]).intValue(), instant(r[1]), instant(r[2]), instant(r[3]));
    }

    private static Duration remaining(Row row, Instant now) {
        if (row == null || row.blockedUntil() == null || !row.blockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, row.blockedUntil());
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What was typed is not kept, only its hash: people type passwords into the user name field. */
    static String accountKey(String username) {
        String typed = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(typed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        return address.length() > 64 ? address.substring(0, 64) : address;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected time type " + value.getClass().getName());
    }
}
