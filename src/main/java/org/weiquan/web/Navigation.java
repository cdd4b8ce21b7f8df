package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;

/** Who is looking at the page: the menu shows only what the user's roles allow. */
@Named
@RequestScoped
public class Navigation {

    @Inject
    CurrentActor currentActor;

    @Inject
    Users users;

    private User user;

    Actor actor() {
        return currentActor.get();
    }

    private User user() {
        if (user == null) {
            user = users.byUsername(actor().username()).orElseThrow();
        }
        return user;
    }

    public String getUserLine() {
        return Texts.get("nav.user", user().displayName(), user().station().name());
    }

    public String getDisplayName() {
        return user().displayName();
    }

    public String getStationName() {
        return user().station().name();
    }

    public String getStationCode() {
        return actor().stationCode();
    }

    public boolean isIntake() {
        return actor().has(Role.INTAKE);
    }

    public boolean isMediator() {
        return actor().has(Role.MEDIATOR);
    }

    public boolean isSupervisor() {
        return actor().has(Role.SUPERVISOR);
    }

    public boolean isAdmin() {
        return actor().has(Role.ADMIN);
    }

    /** Works tasks: mediators and supervisors. */
    public boolean isCaseWorker() {
        return isMediator() || isSupervisor();
    }

    /** May open case files. */
    public boolean isCaseRole() {
        return actor().hasCaseRole();
    }
}
