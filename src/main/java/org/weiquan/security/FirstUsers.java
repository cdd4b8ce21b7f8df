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
