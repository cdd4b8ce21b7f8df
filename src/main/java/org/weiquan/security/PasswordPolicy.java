package org.weiquan.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.shared.InvalidInput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be (ASVS 6.2): at least 12 characters and at most 128, not one of the common
 * passwords found in breaches (the list shipped as {@code common-passwords.txt}, also with a year or
 * digits added at the end), not containing the user name or the name of this system, and — outside demo
 * mode — not the demo password that the README publishes. No composition rules. Messages never repeat
 * the password.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    static final String LIST = "common-passwords.txt";
    /** Context-specific words (ASVS 6.2.11): the first thing an attacker tries here. */
    static final String SYSTEM_NAME = "weiquan";

    private Set<String> common = Set.of();
    private boolean demo;

    @PostConstruct
    void load() {
        demo = ConfigProvider.getConfig(getClass().getClassLoader()).getOptionalValue("weiquan.demo", Boolean.class)
                .orElse(false);
        common = commonPasswords();
    }

    /** Refuses a weak password, naming the field; never repeats the password. */
    public void check(String field, String password, String username) {
        check(field, password, username, common, demo);
    }

    static void check(String field, String password, String username, Set<String> common, boolean demo) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw InvalidInput.of(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw InvalidInput.of(field, "must have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (!demo && lower.contains(FirstUsers.DEMO_PASSWORD)) {
            throw InvalidInput.of(field, "is the demo password, which is public: choose another");
        }
        if (password.chars().distinct().count() < 4) {
            throw InvalidInput.of(field, "is too simple: use more different characters");
        }
        if (lower.contains(SYSTEM_NAME) && !(demo && lower.equals(FirstUsers.DEMO_PASSWORD))) {
            throw InvalidInput.of(field, "must not contain the name of this system");
        }
        if (username != null && !username.isBlank() && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            throw InvalidInput.of(field, "must not contain the user name");
        }
        if (isCommon(lower, common)) {
            throw InvalidInput.of(field, "is one of the most common passwords found in breaches: choose another");
        }
    }

    /**
     * In the list as it is, or once the digits and signs people add at either end ("2026!", "123") are
     * taken off — as long as what is left is still a long list entry, not a short word.
     */
    static boolean isCommon(String lower, Set<String> common) {
        if (common.contains(lower)) {
            return true;
        }
        String core = lower.replaceAll("^[^\\p{L}]+", "").replaceAll("[^\\p{L}]+$", "");
        return core.length() >= 8 && !core.equals(lower) && common.contains(core);
    }

    static Set<String> commonPasswords() {
        Set<String> list = new HashSet<>(60_000);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the application");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    list.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(list);
    }
}
