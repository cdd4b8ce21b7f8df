package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.notification.Notifications;
import org.weiquan.security.User;
import org.weiquan.security.Users;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/** The administrator's list of notifications that could not be delivered, with "send again" (issue 19). */
@Named
@ViewScoped
public class DeadLettersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Navigation navigation;

    @Inject
    Notifications notifications;

    @Inject
    Users users;

    private List<Row> rows = List.of();

    /** One dead letter as the page shows it. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String recipient;
        private final String channel;
        private final String caseNumber;
        private final String task;
        private final int attempts;
        private final String why;
        private final String failedAt;

        /** {@code nameOf} gives the person's display name: a login name is not what an administrator knows her by. */
        Row(Notifications.DeadLetter d, Function<String, String> nameOf) {
            this.id = d.id();
            this.recipient = nameOf.apply(d.recipient());
            this.channel = AdminTexts.get("deadLetters.channel." + d.channel().name());
            this.caseNumber = d.caseNumber();
            this.task = d.taskName();
            this.attempts = d.attempts();
            String known = d.lastError() == null ? null
                    : AdminTexts.find("deadLetters.why." + d.lastError().replaceAll("[^A-Za-z0-9]+", "_"));
            this.why = known != null ? known : d.lastError() != null && d.lastError().matches("HTTP \\d{3}")
                    ? AdminTexts.get("deadLetters.why.http", d.lastError().substring(5)) : AdminTexts.get("deadLetters.why.other");
            this.failedAt = d.failedAt() == null ? "" : Rows.time(d.failedAt());
        }

        public long getId() {
            return id;
        }

        public String getRecipient() {
            return recipient;
        }

        public String getChannel() {
            return channel;
        }

        public String getCaseNumber() {
            return caseNumber;
        }

        public String getTask() {
            return task;
        }

        public int getAttempts() {
            return attempts;
        }

        public String getWhy() {
            return why;
        }

        public String getFailedAt() {
            return failedAt;
        }
    }

    @PostConstruct
    void load() {
        if (navigation.isAdmin()) {
            rows = notifications.deadLetters().stream()
                    .map(d -> new Row(d, u -> users.byUsername(u).map(User::displayName).orElse(u))).toList();
        }
    }

    public List<Row> getRows() {
        return rows;
    }

    public void resend(long id) {
        try {
            notifications.resend(id);
            AdminFeedback.info("deadLetters.resent");
            load();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }
}
