package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.util.List;
import java.util.logging.Logger;

/** Creates the first administrator and the demo users, once, under the start-up lock. */
@Stateless
public class FirstUsers {

    private static final Logger LOG = Logger.getLogger(FirstUsers.class.getName());

    /** The demo users (README): user name, name, station, roles. All share {@link #DEMO_PASSWORD}. */
    static final List<List<String>> DEMO = List.of(
            List.of("jiedai", "接待员 王芳", "QX-0101", "INTAKE"),
            List.of("tiaojie", "调解员 刘敏", "QX-0101", "MEDIATOR"),
            List.of("zhuren", "主任 陈静", "QX-01", "SUPERVISOR"),
            List.of("hexi", "河西接待调解 赵丽", "QX-0201", "INTAKE,MEDIATOR"),
            List.of("xianfulian", "县妇联 孙红", "QX", "SUPERVISOR"),
            List.of("admin", "管理员 周强", "QX", "ADMIN"));
    /** Demo mode only; printed in the README. Never used outside demo mode. */
    static final String DEMO_PASSWORD = "weiquan-demo-2026";

    @Inject
    StartupLock lock;

    @Inject
    Users users;

    @Inject
    Stations stations;

    @Inject
    UserFactory factory;

    @Inject
    Passwords passwords;

    public boolean anyAdministrator() {
        return users.anyWithRole(Role.ADMIN);
    }

    public void firstAdministrator(String username, String password) {
        lock.acquire();
        if (users.anyWithRole(Role.ADMIN)) {
            return;
        }
        Station root = stations.all().get(0);
        factory.create(new UserAdministration.NewUser(username, "管理员", root.code(), List.of("ADMIN"),
                password), "/", "start-up");
        LOG.info("First administrator " + username + " created at " + root.code());
    }

    /**
     * Outside demo mode the published demo password must open nothing: a demo user left from an earlier
     * demo run who still has it is disabled (ASVS 6.3.2, no default accounts).
     */
    public void disableDemoPasswords() {
        lock.acquire();
        for (List<String> demo : DEMO) {
            users.byUsername(demo.get(0)).filter(User::enabled)
                    .filter(u -> passwords.matches(DEMO_PASSWORD, u.passwordHash()))
                    .ifPresent(u -> {
                        u.disable();
                        LOG.warning("Demo user " + u.username() + " still had the public demo password and was "
                                + "disabled (not in demo mode): an administrator can reset its password and enable it.");
                    });
        }
    }

    public void demoUsers() {
        lock.acquire();
        for (List<String> demo : DEMO) {
            if (users.byUsername(demo.get(0)).isEmpty() && stations.byCode(demo.get(2)).isPresent()) {
                factory.create(new UserAdministration.NewUser(demo.get(0), demo.get(1), demo.get(2),
                        List.of(demo.get(3).split(",")), DEMO_PASSWORD), "/", "demo");
            }
        }
    }
}
