package org.weiquan.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A user's choice of e-mail: the address notifications go to (used for nothing else) and how often. */
@Entity
@Table(name = "notification_preference")
public class NotificationPreference {

    @Id
    @Column(length = 64)
    private String username;

    @Column(length = 254)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(name = "email_mode", nullable = false, length = 24)
    private EmailMode emailMode;

    @Version
    private long version;

    protected NotificationPreference() {
    }

    NotificationPreference(String username) {
        this.username = username;
        this.emailMode = EmailMode.URGENT_AND_DIGEST;
    }

    void choose(String email, EmailMode mode) {
        this.email = email;
        this.emailMode = mode;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public EmailMode emailMode() {
        return emailMode;
    }

    /** E-mail goes to her at all. */
    public boolean wantsEmail() {
        return email != null && emailMode != EmailMode.OFF;
    }
}
