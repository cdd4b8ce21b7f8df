package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/** Checks and stores a new user; never logs the password. */
@ApplicationScoped
public class UserFactory {

    private static final Logger LOG = Logger.getLogger("org.weiquan.security.admin");
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");

    @Inject
    Users users;

    @Inject
    Stations stations;

    @Inject
    Passwords passwords;

    @Inject
    PasswordPolicy policy;

    @Inject
    Clock clock;

    /**
     * Creates a user at a station within {@code scopePath}; the caller has checked who may do this (an
     * administrator, or start-up before anyone can log in). Joins the caller's transaction.
     */
    public User create(UserAdministration.NewUser input, String scopePath, String by) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String username = input.username() == null ? null : input.username().strip();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add("username", "must be 3 to 64 characters: lower-case letters, digits, . _ -, starting with a letter");
        }
        if (input.displayName() == null || input.displayName().isBlank()) {
            errors.add("displayName", "is required");
        } else if (input.displayName().strip().length() > 100) {
            errors.add("displayName", "is longer than 100 characters");
        }
        Station station = null;
        if (input.stationCode() == null || input.stationCode().isBlank()) {
            errors.add("stationCode", "is required");
        } else {
            station = stations.byCode(input.stationCode().strip()).filter(s -> s.path().startsWith(scopePath)).orElse(null);
            if (station == null) {
                errors.add("stationCode", "no station in your scope has this code");
            }
        }
        Set<Role> roles = roles(errors, input.roles());
        errors.throwIfAny();
        policy.check("password", input.password(), username);
        if (users.byUsername(username).isPresent()) {
            throw new Conflict("a user with this name exists");
        }
        User user = new User(username, input.displayName().strip(), station, roles, passwords.hash(input.password()),
                clock.instant());
        users.add(user);
        LOG.info(by + " created user " + username + " at " + station.code() + " with roles " + roles);
        return user;
    }

    /**
     * The roles named, checked for separation of duties (ASVS 8.2.x): an administrator manages users and
     * reads no case file, so ADMIN never comes together with INTAKE, MEDIATOR or SUPERVISOR.
     */
    static Set<Role> roles(InvalidInput.Collector errors, java.util.List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null || names.isEmpty()) {
            errors.add("roles", "at least one of INTAKE, MEDIATOR, SUPERVISOR, ADMIN");
            return roles;
        }
        for (int i = 0; i < names.size(); i++) {
            try {
                roles.add(Role.valueOf(String.valueOf(names.get(i)).strip()));
            } catch (IllegalArgumentException e) {
                errors.add("roles[" + i + "]", "must be one of INTAKE, MEDIATOR, SUPERVISOR, ADMIN");
            }
        }
        if (roles.contains(Role.ADMIN) && roles.size() > 1) {
            errors.add("roles", "ADMIN cannot be combined with INTAKE, MEDIATOR or SUPERVISOR: an administrator "
                    + "reads no case file (separation of duties)");
        }
        return roles;
    }
}
