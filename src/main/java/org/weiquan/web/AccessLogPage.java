package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The administrator's search of the access log: user, case number, action and a period of whole days
 * (Beijing time, both days included); newest first, a page at a time.
 */
@Named
@ViewScoped
public class AccessLogPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int PAGE_SIZE = 50;
    static final String FORM = "accessLogForm:";

    @Inject
    Navigation navigation;

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessLog accessLog;

    @Inject
    org.weiquan.security.Users users;

    private final java.util.Map<String, String> names = new java.util.HashMap<>();

    private String username;
    private String caseNumber;
    private String action;
    private LocalDate from;
    private LocalDate to;
    private int page;
    private List<AdminRows.LogEntry> entries = List.of();

    @PostConstruct
    void load() {
        if (navigation.isAdmin()) {
            run();
        }
    }

    public void search() {
        if (from != null && to != null && to.isBefore(from)) {
            AdminFeedback.error(FORM + "to", "accessLog.toBeforeFrom");
            return;
        }
        page = 0;
        run();
    }

    public void next() {
        if (isHasNext()) {
            page++;
            run();
        }
    }

    public void previous() {
        if (page > 0) {
            page--;
            run();
        }
    }

    private void run() {
        try {
            // the service leaves the role to its callers, as the REST resource does
            String scope = currentActor.get().require(Role.ADMIN).stationPath();
            Instant f = from == null ? null : from.atStartOfDay(StationTime.ZONE).toInstant();
            Instant t = to == null ? null : to.plusDays(1).atStartOfDay(StationTime.ZONE).toInstant();
            entries = accessLog.search(scope, username, caseNumber, action, f, t, page, PAGE_SIZE).stream()
                    .map(e -> new AdminRows.LogEntry(e, this::who)).toList();
        } catch (RuntimeException e) {
            entries = List.of();
            AdminFeedback.refused(e, field -> switch (field) {
                case "action" -> FORM + "action";
                default -> null;
            });
        }
    }

    /** A user as people know her: her display name (the login name only for a user no longer known). */
    String who(String username) {
        return username == null ? "" : names.computeIfAbsent(username,
                u -> users.byUsername(u).map(org.weiquan.security.User::displayName).orElse(u));
    }

    public List<String> getActions() { return Arrays.stream(AccessAction.values()).map(Enum::name).toList(); }
    public String actionLabel(String action) { return AdminTexts.label("accessAction", action); }
    /** A full page may have a next one; an empty next page says so. */
    public boolean isHasNext() { return entries.size() == PAGE_SIZE; }
    public boolean isHasPrevious() { return page > 0; }
    public String getPageLabel() { return AdminTexts.get("accessLog.page", page + 1, entries.size()); }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getCaseNumber() { return caseNumber; }
    public void setCaseNumber(String caseNumber) { this.caseNumber = caseNumber; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public List<AdminRows.LogEntry> getEntries() { return entries; }
}
