package org.weiquan.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.weiquan.shared.InvalidInput;

import java.util.Map;

/**
 * Password hashing with Jakarta Security's PBKDF2 (HMAC-SHA256, salted, 210 000 iterations: slow on
 * purpose, ASVS 11.4.2) and the password rules of ASVS 6.2: at least 12 characters, not the user name,
 * not one character repeated; no composition rules.
 */
@ApplicationScoped
public class Passwords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    @Inject
    Pbkdf2PasswordHash hash;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    boolean matches(String password, String stored) {
        return stored != null && hash.verify(password.toCharArray(), stored);
    }

    /** Refuses weak passwords, naming the field; never repeats the password. */
    static void check(String field, String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw InvalidInput.of(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw InvalidInput.of(field, "must have at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().distinct().count() < 4) {
            throw InvalidInput.of(field, "is too simple: use more different characters");
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            throw InvalidInput.of(field, "must not contain the user name");
        }
    }
}
