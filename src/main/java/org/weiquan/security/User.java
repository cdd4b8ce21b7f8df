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
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.station.Station;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A person who works in Weiquan: one station, one or more roles, a slow salted password hash. */
@Entity
@Table(name = "app_user")
// named, so that EclipseLink prepares it once: the same query made per call with its fetch hint was prepared again
// (its SQL built anew) every time, about 4 % of every request's CPU, as every service reads the acting user
@NamedQuery(name = User.BY_USERNAME, query = "SELECT DISTINCT u FROM User u JOIN FETCH u.station LEFT JOIN FETCH u.roles"
        + " WHERE u.username = :username", hints = @QueryHint(name = "eclipselink.left-join-fetch", value = "u.station.parent"))
public class User {

    static final String BY_USERNAME = "User.byUsername";

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

    /**
     * Bumped by every change of what the user may do or prove: password change or reset, disable, role
     * change. Tokens and browser sessions carry the version they were opened with and die when it moves.
     */
    @Column(name = "credential_version", nullable = false)
    private long credentialVersion;

    /** The password was set by an administrator: the user must choose her own at the next login. */
    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

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

    /** The user chose a new password herself: open sessions and tokens end. */
    void changePassword(String hash, Instant now) {
        this.passwordHash = hash;
        this.passwordSetAt = now;
        this.mustChangePassword = false;
        credentialVersion++;
    }

    /** An administrator set the password: it only lets the user choose her own, and everything open ends. */
    void resetPassword(String hash, Instant now) {
        changePassword(hash, now);
        this.mustChangePassword = true;
    }

    void disable() {
        this.enabled = false;
        credentialVersion++;
    }

    void enable() {
        this.enabled = true;
    }

    void assignRoles(Set<Role> roles) {
        if (!this.roles.equals(roles)) {
            this.roles = EnumSet.copyOf(roles);
            credentialVersion++;
        }
    }

    void chooseLanguage(String language) {
        this.language = language;
    }

    public String language() {
        return language;
    }

    public long credentialVersion() {
        return credentialVersion;
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
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
