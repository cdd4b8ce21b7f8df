package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens for API clients: 256 random bits, handed out once; only their SHA-256 is stored.
 * A token lapses after 30 idle minutes or 8 hours, whichever comes first, and at logout.
 */
@ApplicationScoped
public class ApiTokens {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(8);
    /** last_used_at is written at most this often, so that reads do not all become writes. */
    static final Duration TOUCH = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** This bean through its proxy, for the writes of {@link #holderOf} to run in transactions. */
    @Inject
    ApiTokens self;

    @Transactional
    public String issue(User user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO api_token (token_hash, user_id, created_at, last_used_at, expires_at, "
                        + "credential_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, sha256(token)).setParameter(2, user.id())
                .setParameter(3, java.sql.Timestamp.from(now)).setParameter(4, java.sql.Timestamp.from(now))
                .setParameter(5, java.sql.Timestamp.from(now.plus(LIFETIME))).setParameter(6, user.credentialVersion())
                .executeUpdate();
        return token;
    }

    /**
     * Who holds a live token: her user name, the name people see, her station (with what a registration at it needs)
     * and roles, as stored at this request.
     */
    public record Holder(String username, String displayName, String stationCode, String stationPath, Set<Role> roles,
                         Actor.Home home) {
    }

    /**
     * Who holds a live token; touches it (idle timeout). A token opened before the user's password, roles or state
     * last changed (another credential version) is dead.
     *
     * <p>The check runs before every API request, so it is one read outside any transaction, with the holder's
     * station, its parent's code and her roles joined (one row per role): a transaction of its own cost a BEGIN and a
     * COMMIT each time, and reading the user as an entity afterwards another statement; the service acts on what this
     * read found ({@link CurrentActor}), a registration at her station too ({@link Actor.Home}). The rare writes (the touch at most once a minute, the removal
     * of a dead token) go through this bean's proxy, each in a transaction of its own.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Holder> holderOf(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT u.username, t.last_used_at, t.expires_at, u.enabled, "
                        + "CASE WHEN t.credential_version = u.credential_version THEN 1 ELSE 0 END, r.role, "
                        + "u.display_name, s.code, s.path, s.id, s.name, "
                        + "CASE WHEN s.closed_at IS NULL THEN 0 ELSE 1 END, COALESCE(p.code, s.code) "
                        + "FROM api_token t JOIN app_user u ON u.id = t.user_id JOIN station s ON s.id = u.station_id "
                        + "LEFT JOIN station p ON p.id = s.parent_id "
                        + "LEFT JOIN app_user_role r ON r.user_id = u.id WHERE t.token_hash = ?1")
                .setParameter(1, hash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        Instant now = clock.instant();
        Instant lastUsed = instant(row[1]);
        Instant expires = instant(row[2]);
        boolean enabled = Boolean.TRUE.equals(row[3]);
        boolean current = ((Number) row[4]).intValue() == 1;
        if (!enabled || !current || now.isAfter(expires) || now.isAfter(lastUsed.plus(IDLE))) {
            self.forget(hash);
            return Optional.empty();
        }
        if (now.isAfter(lastUsed.plus(TOUCH))) {
            self.touch(hash, now);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object[] r : rows) {
            if (r[5] != null) {
                roles.add(Role.valueOf((String) r[5]));
            }
        }
        Actor.Home home = new Actor.Home(((Number) row[9]).longValue(), (String) row[10],
                ((Number) row[11]).intValue() == 1, (String) row[12]);
        return Optional.of(new Holder((String) row[0], (String) row[6], (String) row[7], (String) row[8], roles, home));
    }

    /** For {@link #holderOf} (through the proxy, so in a transaction): the token was used now. */
    @Transactional
    public void touch(String hash, Instant now) {
        em.createNativeQuery("UPDATE api_token SET last_used_at = ?1 WHERE token_hash = ?2")
                .setParameter(1, java.sql.Timestamp.from(now)).setParameter(2, hash).executeUpdate();
    }

    /** For {@link #holderOf}: a dead token is removed. */
    @Transactional
    public void forget(String hash) {
        revokeHash(hash);
    }

    @Transactional
    public void revoke(String token) {
        revokeHash(sha256(token));
    }

    @Transactional
    public void revokeAllOf(User user) {
        em.createNativeQuery("DELETE FROM api_token WHERE user_id = ?1").setParameter(1, user.id()).executeUpdate();
    }

    private void revokeHash(String hash) {
        em.createNativeQuery("DELETE FROM api_token WHERE token_hash = ?1").setParameter(1, hash).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected time type " + value.getClass().getName());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
