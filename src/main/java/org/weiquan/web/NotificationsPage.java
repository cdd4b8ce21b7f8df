package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.notification.EmailMode;
import org.weiquan.notification.Notification;
import org.weiquan.notification.NotificationPreference;
import org.weiquan.notification.Notifications;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Her notifications, newest first (read / unread, each opening its task), and her e-mail choice (issue 19).
 */
@Named
@ViewScoped
public class NotificationsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "preferenceForm:";

    @Inject
    Notifications notifications;

    private List<Row> rows = List.of();
    private String email;
    private EmailMode emailMode;

    /** One notification as the page shows it. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String task;
        private final String caseNumber;
        private final String due;
        private final String created;
        private final boolean read;
        private final boolean urgent;
        private final String kind;
        private final String path;

        Row(Notification n) {
            this.id = n.id();
            this.task = n.taskName();
            this.caseNumber = n.caseNumber();
            this.due = n.due() == null ? "" : Rows.time(n.due());
            this.created = Rows.time(n.createdAt());
            this.read = n.isRead();
            this.urgent = n.urgent();
            this.kind = Texts.get("notification.kind." + n.kind().name());
            this.path = n.path();
        }

        public long getId() {
            return id;
        }

        public String getTask() {
            return task;
        }

        public String getCaseNumber() {
            return caseNumber;
        }

        public String getDue() {
            return due;
        }

        public String getCreated() {
            return created;
        }

        public boolean isRead() {
            return read;
        }

        public boolean isUrgent() {
            return urgent;
        }

        public String getKind() {
            return kind;
        }

        public String getPath() {
            return path;
        }
    }

    @PostConstruct
    void load() {
        rows = notifications.mine(100).items().stream().map(Row::new).toList();
        NotificationPreference p = notifications.preference();
        email = p.email();
        emailMode = p.emailMode();
    }

    public List<Row> getRows() {
        return rows;
    }

    /** Marks it read and opens its task (or case). */
    public String open(long id) {
        try {
            Notification n = notifications.markRead(id, true);
            return n.path().replace(".xhtml?", "?").replace(".xhtml", "") + (n.path().contains("?") ? "&" : "?")
                    + "faces-redirect=true";
        } catch (RuntimeException e) {
            Feedback.refused(e);
            return null;
        }
    }

    public void toggle(long id, boolean read) {
        try {
            notifications.markRead(id, read);
            load();
        } catch (RuntimeException e) {
            Feedback.refused(e);
        }
    }

    public void readAll() {
        notifications.markAllRead();
        load();
    }

    public void save() {
        try {
            notifications.choose(email, emailMode);
            Feedback.info("notification.saved");
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> switch (field) {
                case "email" -> FORM + "email";
                case "emailMode" -> FORM + "emailMode";
                default -> null;
            });
        }
    }

    public List<EmailMode> getModes() {
        return Arrays.asList(EmailMode.values());
    }

    public String modeLabel(EmailMode mode) {
        return Texts.get("notification.mode." + mode.name());
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public EmailMode getEmailMode() {
        return emailMode;
    }

    public void setEmailMode(EmailMode emailMode) {
        this.emailMode = emailMode;
    }
}
