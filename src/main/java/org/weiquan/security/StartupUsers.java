package org.weiquan.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.shared.InvalidInput;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * The users that exist before anyone can log in: the first administrator, from
 * {@code WEIQUAN_ADMIN_USER} and {@code WEIQUAN_ADMIN_PASSWORD} (only while no administrator exists),
 * and, in demo mode only, the demo users listed in the README. There is no built-in password.
 */
@Singleton
@Startup
@DependsOn("StationSeedLoader")
public class StartupUsers {

    private static final Logger LOG = Logger.getLogger(StartupUsers.class.getName());

    @Inject
    DatabaseMigrations database;

    @Inject
    FirstUsers firstUsers;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void create() {
        if (!database.isReady()) {
            return;
        }
        Config config = ConfigProvider.getConfig(getClass().getClassLoader());
        Optional<String> adminUser = config.getOptionalValue("weiquan.admin.user", String.class);
        Optional<String> adminPassword = config.getOptionalValue("weiquan.admin.password", String.class);
        if (adminUser.isPresent() && adminPassword.isPresent()) {
            try {
                firstUsers.firstAdministrator(adminUser.get(), adminPassword.get());
            } catch (RuntimeException e) {
                // a weak password must not stop the start: say which setting to fix, never the password
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof InvalidInput)) {
                    cause = cause.getCause();
                }
                LOG.severe("The first administrator was not created: " + (cause instanceof InvalidInput invalid
                        ? invalid.getMessage() : cause.getClass().getSimpleName())
                        + " -- fix WEIQUAN_ADMIN_USER / WEIQUAN_ADMIN_PASSWORD and restart.");
            }
        }
        if (config.getOptionalValue("weiquan.demo", Boolean.class).orElse(false)) {
            firstUsers.demoUsers();
            return;
        }
        firstUsers.disableDemoPasswords();
        if (!firstUsers.anyAdministrator()) {
            LOG.warning("No administrator exists: set WEIQUAN_ADMIN_USER and WEIQUAN_ADMIN_PASSWORD and restart"
                    + " to create the first one.");
        }
    }
}
