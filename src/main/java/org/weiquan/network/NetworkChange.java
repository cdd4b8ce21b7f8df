package org.weiquan.network;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** One change of the network: what (a station or an agency, by code), how, who, when, before and after. Never updated. */
@Entity
@Table(name = "network_change")
public class NetworkChange {

    /** What was changed. */
    public enum Subject { STATION, AGENCY }

    /** How it was changed. */
    public enum Kind { CREATED, EDITED, MOVED, CLOSED, DEACTIVATED, REACTIVATED, IMPORTED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "network_change_seq")
    @SequenceGenerator(name = "network_change_seq", sequenceName = "network_change_seq", allocationSize = 50)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Subject subject;

    @Column(nullable = false, length = 32)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_kind", nullable = false, length = 16)
    private Kind kind;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by", nullable = false, length = 64)
    private String changedBy;

    @Column(name = "before_text", length = 2000)
    private String before;

    @Column(name = "after_text", length = 2000)
    private String after;

    protected NetworkChange() {
    }

    NetworkChange(Subject subject, String code, Kind kind, Instant at, String by, String before, String after) {
        this.subject = Objects.requireNonNull(subject);
        this.code = Objects.requireNonNull(code);
        this.kind = Objects.requireNonNull(kind);
        this.changedAt = Objects.requireNonNull(at);
        this.changedBy = Objects.requireNonNull(by);
        this.before = before;
        this.after = after;
    }

    public Subject subject() { return subject; }
    public String code() { return code; }
    public Kind kind() { return kind; }
    public Instant changedAt() { return changedAt; }
    public String changedBy() { return changedBy; }
    /** The recorded state before the change ({@code field: value} lines), or null for a creation. */
    public String before() { return before; }
    /** The recorded state after the change. */
    public String after() { return after; }
}
