package org.weiquan.station;

import jakarta.persistence.Column;
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

import java.util.Objects;

/** A node of the station hierarchy. Its path lists the ids from the root, so a subtree is a prefix. */
@Entity
@Table(name = "station")
public class Station {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "station_seq")
    @SequenceGenerator(name = "station_seq", sequenceName = "station_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 32)
    private String code;

    @Column(nullable = false, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private StationLevel level;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    private Station parent;

    @Column(nullable = false, length = 1000)
    private String path;

    @Column(length = 200)
    private String address;

    @Column(length = 40)
    private String phone;

    @Column(name = "opening_hours", length = 100)
    private String openingHours;

    @Column(name = "staff_contact", length = 100)
    private String staffContact;

    @Column(name = "closed_at")
    private java.time.Instant closedAt;

    @Column(name = "closed_by", length = 64)
    private String closedBy;

    @Version
    private long version;

    protected Station() {
    }

    private Station(String code, String name, StationLevel level, Station parent) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.level = Objects.requireNonNull(level);
        this.parent = parent;
        this.path = "";
    }

    public static Station county(String code, String name) {
        return new Station(code, name, StationLevel.COUNTY, null);
    }

    /** A new station under this one; the level must fit the hierarchy. */
    public Station openChild(String code, String name, StationLevel level) {
        if (!this.level.mayHaveChild(level)) {
            throw new IllegalArgumentException("a " + level + " station cannot sit under a " + this.level);
        }
        return new Station(code, name, level, this);
    }

    /** Gives the station another name; its code, cases and users stay. */
    public void rename(String newName) {
        this.name = Objects.requireNonNull(newName);
    }

    /** Where and when people find the station, and whom to ask there. */
    public void describe(String address, String phone, String openingHours, String staffContact) {
        this.address = address;
        this.phone = phone;
        this.openingHours = openingHours;
        this.staffContact = staffContact;
    }

    /**
     * Moves the station (and, by its path, everything below it) under another parent. The caller rewrites
     * the paths of the subtree in the same transaction ({@link Stations#movePaths}).
     *
     * @return the station's path before the move
     */
    public String moveUnder(Station newParent) {
        if (newParent == null) {
            throw new IllegalArgumentException("a station moves under another station");
        }
        if (contains(newParent)) {
            throw new IllegalArgumentException("a station cannot move under itself or a station below it");
        }
        if (!newParent.level.mayHaveChild(level)) {
            throw new IllegalArgumentException("a " + level + " station cannot sit under a " + newParent.level);
        }
        String before = path;
        this.parent = newParent;
        this.path = newParent.path + id + "/";
        return before;
    }

    /** Closes the station: it takes no new contacts; its cases and history stay where they are. */
    public void close(java.time.Instant at, String by) {
        if (closedAt != null) {
            throw new IllegalStateException("the station is already closed");
        }
        this.closedAt = Objects.requireNonNull(at);
        this.closedBy = Objects.requireNonNull(by);
    }

    /** True once the administrator closed the station. */
    public boolean isClosed() {
        return closedAt != null;
    }

    /** True when a station of this level may sit directly under {@code parent}. */
    public boolean fitsUnder(Station parent) {
        return parent.level.mayHaveChild(level);
    }

    /** Rewrites the path of a station below one that moved from {@code oldPrefix} to {@code newPrefix}. */
    void rebase(String oldPrefix, String newPrefix) {
        if (!path.startsWith(oldPrefix)) {
            throw new IllegalStateException("station " + code + " is not below the station that moved");
        }
        this.path = newPrefix + path.substring(oldPrefix.length());
    }

    /** Called once the id is known (after persist and flush): fixes the subtree path. */
    void placeInTree() {
        this.path = (parent == null ? "/" : parent.path) + id + "/";
    }

    /** True when {@code other} is this station or lies below it. */
    public boolean contains(Station other) {
        return other.path.startsWith(this.path);
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public StationLevel level() {
        return level;
    }

    public Station parent() {
        return parent;
    }

    public String path() {
        return path;
    }

    public String address() {
        return address;
    }

    public String phone() {
        return phone;
    }

    public String openingHours() {
        return openingHours;
    }

    public String staffContact() {
        return staffContact;
    }

    public java.time.Instant closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public long version() {
        return version;
    }
}
