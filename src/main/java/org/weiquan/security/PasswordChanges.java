package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.time.Clock;
import java.util.logging.Logger;

/**
 * A user replaces her password with one she chose: checked against the {@link PasswordPolicy}, different
 * from the current one; every open session and token of hers ends. The caller has made sure it is her
 * (the current password, or a reset one proved in this browser session).
 */
@Stateless
public class PasswordChanges {

    private static final Logger LOG = Logger.getLogger("org.weiquan.security.login");

    @Inject
    Users users;

    @Inject
    Passwords passwords;

    @Inject
    PasswordPolicy policy;

    @Inject
    ApiTokens tokens;

    @Inject
    Clock clock;

    /** For the browser: the user proved her reset password at the login form of this session. */
    public User replaceResetPassword(String username, String newPassword, String address) {
        User user = users.byUsername(username).filter(User::mustChangePassword)
                .orElseThrow(() -> new NotFound("user " + username));
        replace(user, newPassword, address);
        return user;
    }

    /** For a user whose current password was just checked (a business method: called through the EJB proxy). */
    public void replace(User user, String newPassword, String address) {
        policy.check("newPassword", newPassword, user.username());
        if (passwords.matches(newPassword, user.passwordHash())) {
            throw InvalidInput.of("newPassword", "must differ from the current password");
        }
        tokens.revokeAllOf(user);
        user.changePassword(passwords.hash(newPassword), clock.instant());
        LOG.info(user.username() + " chose a new password, from " + address);
    }
}
