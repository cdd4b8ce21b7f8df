package org.weiquan.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.station.Station;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A person who works in Weiquan: one station, one or more roles, a slow salted password hash. */
@Entity
@Table(name = "app_user")
public class User {

    /** After this many failed logins in a row the account waits (ASVS 6.3.1). */
    static final int FAILURES_BEFORE_LOCK = 5;
    static final Duration LOCK = Duration.ofMinutes(15);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "station_id")
    private Station station;

    @Column(name = "password_hash", nullable = false, length = 400)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "password_set_at", nullable = false)
    private Instant passwordSetAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 16)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    /** The language of the web pages: zh (Simplified Chinese, the default) or en. */
    @Column(nullable = false, length = 8)
    private String language = "zh";

    @Version
    private long version;

    protected User() {
    }

    User(String username, String displayName, Station station, Set<Role> roles, String passwordHash, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.station = station;
        this.roles = EnumSet.copyOf(roles);
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.passwordSetAt = now;
        this.createdAt = now;
    }

    void changePassword(String hash, Instant now) {
        this.passwordHash = hash;
        this.passwordSetAt = now;
        this.failedLogins = 0;
        this.lockedUntil = null;
    }

    void disable() {
        this.enabled = false;
    }

    void enable() {
        this.enabled = true;
    }

    void assignRoles(Set<Role> roles) {
        this.roles = EnumSet.copyOf(roles);
    }

    void recordFailedLogin(Instant now) {
        failedLogins++;
        if (failedLogins >= FAILURES_BEFORE_LOCK) {
            lockedUntil = now.plus(LOCK);
            failedLogins = 0;
        }
    }

    void chooseLanguage(String language) {
        this.language = language;
    }

    public String language() {
        return language;
    }

    void recordLogin() {
        failedLogins = 0;
        lockedUntil = null;
    }

    boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    String passwordHash() {
        return passwordHash;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public Station station() {
        return station;
    }

    public boolean enabled() {
        return enabled;
    }

    public Set<Role> roles() {
        return roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
