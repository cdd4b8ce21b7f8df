package org.weiquan.protection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.shared.Conflict;

import java.time.Instant;
import java.util.Objects;

/**
 * A version of the risk instrument: drafted, reviewed, then published by the administrator. Its definition
 * (JSON: questions, weights, critical questions, bands) may change only while it is a draft; the published
 * version with the latest publication is the one in use, and assessments keep the id of theirs.
 */
@Entity
@Table(name = "risk_instrument_version")
public class RiskInstrumentVersion {

    /** Where a version stands. */
    public enum State { DRAFT, REVIEWED, PUBLISHED }

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 20000)
    private String definition;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "drafted_at", nullable = false)
    private Instant draftedAt;

    @Column(name = "drafted_by", nullable = false, length = 64)
    private String draftedBy;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    @Column(name = "reviewed_by", length = 64)
    private String reviewedBy;

    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "published_by", length = 64)
    private String publishedBy;

    @Version
    private long version;

    protected RiskInstrumentVersion() {
    }

    RiskInstrumentVersion(String id, String name, String definition, Instant at, String by) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.definition = Objects.requireNonNull(definition);
        this.state = State.DRAFT;
        this.draftedAt = Objects.requireNonNull(at);
        this.draftedBy = Objects.requireNonNull(by);
    }

    /** Changes a draft; a reviewed or published version never changes. */
    void redraft(String newName, String newDefinition, Instant at, String by) {
        if (state != State.DRAFT) {
            throw new Conflict("only a draft can change");
        }
        this.name = Objects.requireNonNull(newName);
        this.definition = Objects.requireNonNull(newDefinition);
        this.draftedAt = at;
        this.draftedBy = by;
    }

    void review(Instant at, String by) {
        if (state != State.DRAFT) {
            throw new Conflict("only a draft can be reviewed");
        }
        state = State.REVIEWED;
        reviewedAt = at;
        reviewedBy = by;
    }

    void publish(Instant at, String by) {
        if (state != State.REVIEWED) {
            throw new Conflict("review the version before publishing it");
        }
        state = State.PUBLISHED;
        publishedAt = at;
        publishedBy = by;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String definition() { return definition; }
    public State state() { return state; }
    public Instant draftedAt() { return draftedAt; }
    public String draftedBy() { return draftedBy; }
    public Instant reviewedAt() { return reviewedAt; }
    public String reviewedBy() { return reviewedBy; }
    public Instant publishedAt() { return publishedAt; }
    public String publishedBy() { return publishedBy; }
    public long version() { return version; }
}
