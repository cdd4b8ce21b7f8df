package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * The administrator's work on users: create, reset a password, change roles, disable, enable, list —
 * within the administrator's station subtree. Every change is logged (without the password). A reset,
 * a role change and a disable end the user's open sessions and tokens; a reset password only lets the
 * user choose her own. An administrator changes no roles of her own, and never combines ADMIN with a
 * case role (separation of duties).
 */
@Stateless
public class UserAdministration {

    private static final Logger LOG = Logger.getLogger("org.weiquan.security.admin");

    @Inject
    Users users;

    @Inject
    UserFactory factory;

    @Inject
    Passwords passwords;

    @Inject
    PasswordPolicy policy;

    @Inject
    ApiTokens tokens;

    @Inject
    CurrentActor currentActor;

    @Inject
    Clock clock;

    public record NewUser(String username, String displayName, String stationCode, List<String> roles, String password) {
    }

    public User create(NewUser input) {
        Actor admin = currentActor.get().require(Role.ADMIN);
        return factory.create(input, admin.stationPath(), admin.username());
    }

    public User resetPassword(String username, String newPassword) {
        Actor admin = currentActor.get().require(Role.ADMIN);
        User user = inScope(username, admin);
        policy.check("password", newPassword, user.username());
        user.resetPassword(passwords.hash(newPassword), clock.instant());
        tokens.revokeAllOf(user);
        LOG.info(admin.username() + " reset the password of " + user.username());
        return user;
    }

    public User changeRoles(String username, List<String> roleNames) {
        Actor admin = currentActor.get().require(Role.ADMIN);
        User user = inScope(username, admin);
        if (user.username().equals(admin.username())) {
            throw new Forbidden("you cannot change your own roles: another administrator must");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        java.util.Set<Role> roles = UserFactory.roles(errors, roleNames);
        errors.throwIfAny();
        user.assignRoles(roles);
        tokens.revokeAllOf(user);
        LOG.info(admin.username() + " gave " + user.username() + " the roles " + roles);
        return user;
    }

    public User disable(String username) {
        Actor admin = currentActor.get().require(Role.ADMIN);
        User user = inScope(username, admin);
        if (user.username().equals(admin.username())) {
            throw new Conflict("you cannot disable yourself");
        }
        user.disable();
        tokens.revokeAllOf(user);
        LOG.info(admin.username() + " disabled " + username);
        return user;
    }

    public User enable(String username) {
        Actor admin = currentActor.get().require(Role.ADMIN);
        User user = inScope(username, admin);
        user.enable();
        LOG.info(admin.username() + " enabled " + username);
        return user;
    }

    public List<User> list() {
        Actor admin = currentActor.get().require(Role.ADMIN);
        return users.inSubtree(admin.stationPath());
    }

    private User inScope(String username, Actor admin) {
        return users.byUsername(username).filter(u -> admin.sees(u.station().path()))
                .orElseThrow(() -> new NotFound("user " + username));
    }
}
