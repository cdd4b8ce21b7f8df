package org.weiquan.casefile;

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
import org.weiquan.shared.Conflict;
import org.weiquan.shared.InvalidInput;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A request to extend a handling round by at most 30 days (信访工作条例 art. 34), decided by the
 * supervisor; the person is told why. The database holds the round's one pending and one approved
 * request in unique columns, so that two requests at once cannot both stand.
 */
@Entity
@Table(name = "extension_request")
public class ExtensionRequest {

    public static final int MAX_DAYS = 30;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "extension_request_seq")
    @SequenceGenerator(name = "extension_request_seq", sequenceName = "extension_request_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "round_id")
    private HandlingRound round;

    @Column(nullable = false)
    private int days;

    @Column(nullable = false, length = 1000)
    private String reason;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "requested_by", nullable = false, length = 64)
    private String requestedBy;

    /** Asked for after the round's deadline had passed: only an explicit late grant may approve it. */
    @Column(nullable = false)
    private boolean late;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private ExtensionStatus status;

    /** The round's id while the request waits: unique, so a round has one pending request at most. */
    @Column(name = "pending_round_id")
    private Long pendingRoundId;

    /** The round's id once approved: unique, so a round is extended once at most. */
    @Column(name = "approved_round_id")
    private Long approvedRoundId;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "decision_comment", length = 2000)
    private String comment;

    @Column(name = "person_told_on")
    private LocalDate personToldOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "person_told_by", length = 8)
    private ToldBy personToldBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Version
    private long version;

    protected ExtensionRequest() {
    }

    ExtensionRequest(HandlingRound round, int days, String reason, Instant requestedAt, String requestedBy, boolean late,
                     Instant recordedAt) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("an extension is 1 to 30 days");
        }
        this.round = round;
        this.days = days;
        this.reason = reason;
        this.requestedAt = requestedAt;
        this.requestedBy = requestedBy;
        this.late = late;
        this.status = ExtensionStatus.REQUESTED;
        this.pendingRoundId = round.id();
        this.recordedAt = recordedAt;
    }

    /** Approves the request; a late request needs {@code grantLate}. The round's deadline moves by the days asked. */
    Instant approve(Instant at, String by, String comment, boolean grantLate) {
        requirePending();
        if (late && !grantLate) {
            throw InvalidInput.of("grantLate", "must be yes: the extension was asked for after the deadline had passed");
        }
        this.status = ExtensionStatus.APPROVED;
        this.pendingRoundId = null;
        this.approvedRoundId = round.id();
        this.decidedAt = at;
        this.decidedBy = by;
        this.comment = comment;
        return round.extendBy(days);
    }

    void refuse(Instant at, String by, String comment) {
        requirePending();
        this.status = ExtensionStatus.REFUSED;
        this.pendingRoundId = null;
        this.decidedAt = at;
        this.decidedBy = by;
        this.comment = comment;
    }

    /** The round ended before a decision: the request has nothing left to extend. */
    void lapse(Instant at) {
        if (status == ExtensionStatus.REQUESTED) {
            this.status = ExtensionStatus.LAPSED;
            this.pendingRoundId = null;
            this.decidedAt = at;
        }
    }

    /** The person was told of the extension and why (信访工作条例 art. 34). */
    public void personTold(LocalDate on, ToldBy how) {
        if (status != ExtensionStatus.APPROVED) {
            throw new Conflict("only an approved extension is told to the person");
        }
        this.personToldOn = on;
        this.personToldBy = how;
    }

    private void requirePending() {
        if (status != ExtensionStatus.REQUESTED) {
            throw new Conflict("the extension request was already decided");
        }
    }

    public Long id() {
        return id;
    }

    public HandlingRound round() {
        return round;
    }

    public int days() {
        return days;
    }

    public String reason() {
        return reason;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public boolean late() {
        return late;
    }

    public ExtensionStatus status() {
        return status;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String comment() {
        return comment;
    }

    public LocalDate personToldOn() {
        return personToldOn;
    }

    public ToldBy personToldBy() {
        return personToldBy;
    }
}
