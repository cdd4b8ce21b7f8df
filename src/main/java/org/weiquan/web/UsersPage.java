package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.UserAdministration;
import org.weiquan.shared.Conflict;
import org.weiquan.station.StationService;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The users of the administrator's station subtree: create one, reset a password, disable and enable —
 * all through {@link UserAdministration}, which checks the role and the scope. Passwords are held only
 * for the request that uses them.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "usersForm:";

    @Inject
    Navigation navigation;

    @Inject
    CurrentActor currentActor;

    @Inject
    UserAdministration administration;

    @Inject
    StationService stationService;

    private List<AdminRows.UserRow> users = List.of();
    private String filter;
    private List<AdminRows.Station> stations = List.of();

    private String username;
    private String displayName;
    private String stationCode;
    private List<String> roles = new ArrayList<>();
    private String password;

    private String resetUsername;
    private String newPassword;

    @PostConstruct
    void load() {
        if (navigation.isAdmin()) {
            stations = AdminRows.subtree(stationService.tree(), navigation.getStationCode());
            reload();
        }
    }

    private void reload() {
        users = administration.list().stream().map(AdminRows.UserRow::new).toList();
    }

    public void create() {
        try {
            User created = administration.create(new UserAdministration.NewUser(username, displayName, stationCode,
                    roles == null ? List.of() : List.copyOf(roles), password));
            AdminFeedback.info("users.created", created.username(), created.displayName());
            username = null;
            displayName = null;
            stationCode = null;
            roles = new ArrayList<>();
            reload();
        } catch (RuntimeException e) {
            if (Feedback.unwrap(e) instanceof Conflict) {
                AdminFeedback.error(FORM + "username", "users.exists");
            } else {
                AdminFeedback.refused(e, field -> switch (field.replaceAll("\\[\\d+]", "")) {
                    case "username" -> FORM + "username";
                    case "displayName" -> FORM + "displayName";
                    case "stationCode" -> FORM + "station";
                    case "roles" -> FORM + "roles";
                    case "password" -> FORM + "password";
                    default -> null;
                });
            }
        } finally {
            password = null;
        }
    }

    public void startReset(String username) {
        resetUsername = username;
        newPassword = null;
    }

    public void cancelReset() {
        resetUsername = null;
        newPassword = null;
    }

    public void resetPassword() {
        try {
            administration.resetPassword(resetUsername, newPassword);
            AdminFeedback.info("users.passwordReset", nameOf(resetUsername));
            resetUsername = null;
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> "password".equals(field) ? FORM + "newPassword" : null);
        } finally {
            newPassword = null;
        }
    }

    public void disable(String username) {
        try {
            administration.disable(username);
            AdminFeedback.info("users.disabledDone", nameOf(username));
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void enable(String username) {
        try {
            administration.enable(username);
            AdminFeedback.info("users.enabledDone", nameOf(username));
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    /** The logged-in administrator, who may not disable themself. */
    public boolean isSelf(String username) {
        return currentActor.get().username().equals(username);
    }

    /** A user as people know her (her display name); the login name shows only in the table's own column. */
    public String nameOf(String username) {
        return users.stream().filter(u -> u.getUsername().equals(username)).map(AdminRows.UserRow::getDisplayName)
                .findFirst().orElse(username);
    }

    /** The users whose user name, name or station contains the filter text (all when it is blank). */
    public List<AdminRows.UserRow> getUsers() {
        if (filter == null || filter.isBlank()) {
            return users;
        }
        String f = filter.strip().toLowerCase(Texts.locale());
        return users.stream().filter(u -> u.getUsername().contains(f) || u.getDisplayName().toLowerCase(Texts.locale()).contains(f)
                || u.getStationCode().toLowerCase(Texts.locale()).contains(f) || u.getStationName().contains(f)).toList();
    }

    /** A new filter shows its first page. */
    public void filtered() {
        if (jakarta.faces.context.FacesContext.getCurrentInstance().getViewRoot()
                .findComponent(FORM + "users") instanceof org.primefaces.component.datatable.DataTable table) {
            table.setFirst(0);
        }
    }

    public String getCount() { return AdminTexts.get("users.count", getUsers().size(), users.size()); }
    public String getFilter() { return filter; }
    public void setFilter(String filter) { this.filter = filter; }
    public List<AdminRows.Station> getStations() { return stations; }
    public List<String> getRoleNames() { return Arrays.stream(Role.values()).map(Enum::name).toList(); }
    public String roleLabel(String role) { return AdminTexts.label("userRole", role); }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getStationCode() { return stationCode; }
    public void setStationCode(String stationCode) { this.stationCode = stationCode; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> roles) { this.roles = roles; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getResetUsername() { return resetUsername; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
}
