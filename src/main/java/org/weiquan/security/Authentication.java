package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.Unauthenticated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks a user name and password, throttling failures per account and per client address, and hands
 * out API tokens. A failure says the same whatever was wrong, so that user names cannot be probed.
 */
@Stateless
public class Authentication {

    private static final Logger LOG = Logger.getLogger("org.weiquan.security.login");
    /** Hashing a password we do not have still costs the same time: no timing hint that a user exists. */
    private static final String DUMMY = "dummy-password-for-equal-timing";

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    AddressThrottle addresses;

    @Inject
    ApiTokens tokens;

    @Inject
    Clock clock;

    /** Returns the user when name and password are right; otherwise throws {@link Unauthenticated}. */
    public User verify(String username, String password, String address) {
        Duration wait = addresses.waitFor(address);
        if (wait != null) {
            LOG.warning("login throttled for address " + address);
            throw new Unauthenticated("too many failed logins from this address; try again later",
                    Math.max(1, wait.toSeconds()));
        }
        Instant now = clock.instant();
        Optional<User> found = username == null ? Optional.empty() : users.byUsername(username.strip());
        if (found.isPresent() && found.get().isLocked(now)) {
            addresses.recordFailure(address);
            LOG.warning("login refused for locked account " + found.get().username() + " from " + address);
            throw new Unauthenticated("too many failed logins for this account; try again later",
                    Math.max(1, Duration.between(now, found.get().lockedUntil()).toSeconds()));
        }
        boolean ok = found.isPresent() && password != null && passwords.matches(password, found.get().passwordHash())
                && found.get().enabled();
        if (found.isEmpty()) {
            passwords.matches(password == null ? DUMMY : password, passwords.hash(DUMMY));
        }
        if (!ok) {
            found.ifPresent(u -> u.recordFailedLogin(now));
            addresses.recordFailure(address);
            LOG.warning("failed login for " + (found.isPresent() ? found.get().username() : "an unknown user")
                    + " from " + address);
            throw new Unauthenticated("user name or password is wrong, or the account is disabled", 0);
        }
        found.get().recordLogin();
        LOG.info("login " + found.get().username() + " from " + address);
        return found.get();
    }

    /** Logs in an API client: a bearer token for the next requests. */
    public String issueToken(String username, String password, String address) {
        return tokens.issue(verify(username, password, address));
    }
}
