package org.weiquan.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import java.util.Map;

/**
 * Password hashing with Jakarta Security's PBKDF2 (HMAC-SHA256, salted, 210 000 iterations: slow on
 * purpose, ASVS 11.4.2). What a password must be is {@link PasswordPolicy}'s business.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Pbkdf2PasswordHash hash;

    /** A hash no password is checked against for real: an unknown user costs the same time as a known one. */
    private String decoy;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = hash.generate("decoy-password-for-equal-timing".toCharArray());
    }

    String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    boolean matches(String password, String stored) {
        return stored != null && hash.verify(password.toCharArray(), stored);
    }

    /** Spends the time of one check, for a user who does not exist. */
    void matchesNothing(String password) {
        hash.verify((password == null ? "" : password).toCharArray(), decoy);
    }
}
