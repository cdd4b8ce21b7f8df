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
}
