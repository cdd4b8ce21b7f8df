package org.weiquan.casefile;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.InvalidInput;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * 结案申请: the mediator asks to close a handling round with a reason (DESIGN §5) and its evidence; the
 * supervisor approves it (the closure date of the indicators) or sends it back. A round has one pending
 * and one approved request at most (unique columns).
 */
@Entity
@Table(name = "closure_request")
public class ClosureRequest {

    /** LOST_CONTACT needs at least this many documented attempts to reach the person. */
    public static final int LOST_CONTACT_ATTEMPTS = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "closure_request_seq")
    @SequenceGenerator(name = "closure_request_seq", sequenceName = "closure_request_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "round_id")
    private HandlingRound round;

    @Column(name = "case_id", nullable = false)
    private long caseId;

    /** The station that accepted the case: the one the closure counts to (DESIGN §5). */
    @Column(name = "accepted_station_id", nullable = false)
    private long acceptedStationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ClosureReason reason;

    @Column(length = 2000)
    private String note;

    @ElementCollection
    @CollectionTable(name = "contact_attempt", joinColumns = @JoinColumn(name = "closure_request_id"))
    @OrderColumn(name = "position")
    private List<ContactAttempt> contactAttempts = new ArrayList<>();

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "requested_by", nullable = false, length = 64)
    private String requestedBy;

    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    private ClosureDecision decision;

    @Column(name = "pending_round_id")
    private Long pendingRoundId;

    @Column(name = "approved_round_id")
    private Long approvedRoundId;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "decision_comment", length = 2000)
    private String comment;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Version
    private long version;

    protected ClosureRequest() {
    }

    ClosureRequest(HandlingRound round, ClosureReason reason, String note, List<ContactAttempt> attempts,
                   Instant requestedAt, String requestedBy, Instant recordedAt) {
        this.round = round;
        this.caseId = round.aCase().id();
        this.acceptedStationId = round.aCase().acceptedStation().id();
        this.reason = reason;
        this.note = note;
        this.contactAttempts = new ArrayList<>(attempts);
        this.requestedAt = requestedAt;
        this.requestedBy = requestedBy;
        this.pendingRoundId = round.id();
        this.recordedAt = recordedAt;
    }

    /**
     * The evidence a reason needs (DESIGN §5), each problem under the field it concerns: an agreement for a
     * mediated closure, a failed mediation for MEDIATION_FAILED_ADVISED, a done referral for
     * REFERRAL_COMPLETED, three documented attempts for LOST_CONTACT, a text for OTHER; no referral still
     * waiting for an answer; the written reply first for letters and harassment complaints.
     */
    public static void checkEvidence(ClosureReason reason, String note, List<ContactAttempt> attempts,
                                     ClosureEvidence evidence, InvalidInput.Collector errors) {
        if (reason == null || evidence.inPaperFile()) {
            return;
        }
        switch (reason) {
            case MEDIATED_WRITTEN -> {
                if (!evidence.writtenAgreement()) {
                    errors.add("closureReason", "needs a written agreement (调解协议书) recorded in a mediation session");
                }
            }
            case MEDIATED_ORAL -> {
                if (!evidence.oralAgreement()) {
                    errors.add("closureReason", "needs an oral agreement recorded in a mediation session");
                }
            }
            case MEDIATION_FAILED_ADVISED -> {
                if (!evidence.mediationFailed()) {
                    errors.add("closureReason", "needs a terminated or refused mediation with the routes explained");
                }
            }
            case REFERRAL_COMPLETED -> {
                if (!evidence.referralDone()) {
                    errors.add("closureReason", "needs a referral recorded as done");
                }
            }
            case LOST_CONTACT -> {
                if (attempts.size() < LOST_CONTACT_ATTEMPTS) {
                    errors.add("contactAttempts", "LOST_CONTACT needs at least " + LOST_CONTACT_ATTEMPTS
                            + " documented contact attempts (date and how)");
                }
            }
            case OTHER -> {
                if (note == null || note.isBlank()) {
                    errors.add("closureNote", "is required when the reason is OTHER");
                }
            }
            default -> {
            }
        }
        if (!evidence.unansweredReferrals().isEmpty()) {
            errors.add("referrals", String.join("，", evidence.unansweredReferrals())
                    + " still wait(s) for the agency's answer: record it or revoke the referral first");
        }
        if (evidence.needsWrittenReply() && !evidence.writtenReplySent()) {
            errors.add("closureReason", "a letter or harassment complaint closes only after the written reply (书面答复)");
        }
    }

    void approve(Instant at, String by, String comment) {
        requirePending();
        this.decision = ClosureDecision.APPROVED;
        this.pendingRoundId = null;
        this.approvedRoundId = round.id();
        this.decidedAt = at;
        this.decidedBy = by;
        this.comment = comment;
    }

    void sendBack(Instant at, String by, String comment) {
        requirePending();
        this.decision = ClosureDecision.SENT_BACK;
        this.pendingRoundId = null;
        this.decidedAt = at;
        this.decidedBy = by;
        this.comment = comment;
    }

    private void requirePending() {
        if (decision != null) {
            throw new Conflict("the closure request was already decided");
        }
    }

    public boolean pending() {
        return decision == null;
    }

    public Long id() {
        return id;
    }

    public HandlingRound round() {
        return round;
    }

    public ClosureReason reason() {
        return reason;
    }

    public String note() {
        return note;
    }

    public List<ContactAttempt> contactAttempts() {
        return List.copyOf(contactAttempts);
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public ClosureDecision decision() {
        return decision;
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
}
