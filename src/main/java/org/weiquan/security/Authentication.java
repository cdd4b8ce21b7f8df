package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.Unauthenticated;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Checks a user name and password through the {@link LoginThrottle}, hands out API tokens, and lets a
 * user replace her password. Every failure, and every wait, answers the same whether or not the account
 * exists, so that user names cannot be probed; an unknown name costs the same hashing time as a known one.
 */
@Stateless
public class Authentication {

    private static final Logger LOG = Logger.getLogger("org.weiquan.security.login");
    /** The answer to every wrong user name, wrong password or disabled account alike. */
    static final String WRONG = "user name or password is wrong, or the account is disabled";

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    PasswordChanges changes;

    @Inject
    LoginThrottle throttle;

    @Inject
    ApiTokens tokens;


    /**
     * Returns the user when name and password are right — also when she must first choose a new
     * password (the caller decides what she may then do); otherwise throws {@link Unauthenticated}.
     */
    public User verify(String username, String password, String address) {
        Duration wait = throttle.waitFor(username, address);
        if (!wait.isZero()) {
            LOG.warning("login attempt held back (too many failures) from " + address);
            throw new Unauthenticated("too many failed logins; try again later", Math.max(1, wait.toSeconds()));
        }
        Optional<User> found = username == null || username.length() > 64 ? Optional.empty()
                : users.byUsername(username.strip());
        boolean ok;
        if (found.isPresent()) {
            ok = password != null && passwords.matches(password, found.get().passwordHash()) && found.get().enabled();
        } else {
            passwords.matchesNothing(password);
            ok = false;
        }
        if (!ok) {
            throttle.recordFailure(username, address);
            LOG.warning("failed login for " + (found.isPresent() ? found.get().username() : "an unknown user")
                    + " from " + address);
            throw new Unauthenticated(WRONG, 0);
        }
        throttle.recordSuccess(username, address);
        LOG.info("login " + found.get().username() + " from " + address);
        return found.get();
    }

    /** Logs in an API client: a bearer token for the next requests — unless the password was only a reset one. */
    public String issueToken(String username, String password, String address) {
        User user = verify(username, password, address);
        if (user.mustChangePassword()) {
            throw new PasswordChangeRequired();
        }
        return tokens.issue(user);
    }

    /**
     * The user replaces her password (a reset one, or her own): checked like a login, the new one against
     * the password policy. Every open session and token ends; the answer is a token for the new one.
     */
    public String changePassword(String username, String password, String newPassword, String address) {
        User user = verify(username, password, address);
        changes.replace(user, newPassword, address);
        return tokens.issue(user);
    }

    /** The right password, but set by an administrator: it only lets the user choose her own (ASVS 6.4.x). */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static class PasswordChangeRequired extends Forbidden {
        public PasswordChangeRequired() {
            super("this password was set by an administrator: choose your own with POST /api/auth/password");
        }
    }
}
