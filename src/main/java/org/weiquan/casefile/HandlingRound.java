package org.weiquan.casefile;

import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * 办理轮次: one round of handling from acceptance (or a reopening) to its approved closure, with its own
 * 60-day deadline (信访工作条例 art. 34: from acceptance, or from the reopening, whatever the case is doing),
 * at most one extension of at most 30 days, and its closure request and approval.
 */
@Entity
@Table(name = "handling_round")
public class HandlingRound {

    /** 信访工作条例 art. 34: handle within 60 days. */
    public static final int HANDLING_DAYS = 60;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "handling_round_seq")
    @SequenceGenerator(name = "handling_round_seq", sequenceName = "handling_round_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    private Case aCase;

    @Column(name = "round_no", nullable = false)
    private int number;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "start_reason", nullable = false, length = 24)
    private RoundStart startReason;

    @Column(name = "start_note", length = 1000)
    private String startNote;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "extended_due_at")
    private Instant extendedDueAt;

    /** When the round's closure was approved (or the case withdrawn): it is over. */
    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    @OneToMany(mappedBy = "round", cascade = CascadeType.PERSIST)
    @OrderBy("requestedAt")
    private List<ExtensionRequest> extensions = new ArrayList<>();

    @OneToMany(mappedBy = "round", cascade = CascadeType.PERSIST)
    @OrderBy("requestedAt")
    private List<ClosureRequest> closures = new ArrayList<>();

    @Version
    private long version;

    protected HandlingRound() {
    }

    HandlingRound(Case aCase, int number, Instant startedAt, RoundStart startReason, String startNote,
                  Instant recordedAt, String recordedBy) {
        this.aCase = aCase;
        this.number = number;
        this.startedAt = startedAt;
        this.startReason = startReason;
        this.startNote = startNote;
        this.dueAt = Days.deadline(startedAt, HANDLING_DAYS);
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** The deadline in force: the extended one once an extension was approved. */
    public Instant currentDue() {
        return extendedDueAt != null ? extendedDueAt : dueAt;
    }

    public boolean isOpen() {
        return endedAt == null;
    }

    /**
     * Asks for the round's one extension. Refused while another request waits or once the round was
     * extended; a request after the deadline has passed is marked late and needs an explicit late grant.
     */
    ExtensionRequest requestExtension(int days, String reason, Instant at, String by, Instant recordedAt) {
        requireOpen();
        if (extensions.stream().anyMatch(e -> e.status() == ExtensionStatus.APPROVED)) {
            throw new Conflict("this handling round was already extended once (信访工作条例 art. 34)");
        }
        if (pendingExtension().isPresent()) {
            throw new Conflict("an extension request of this round already waits for the supervisor");
        }
        ExtensionRequest request = new ExtensionRequest(this, days, reason, at, by, !at.isBefore(currentDue()),
                recordedAt);
        extensions.add(request);
        return request;
    }

    /** Moves the deadline by the approved days; called by the approved request. */
    Instant extendBy(int days) {
        this.extendedDueAt = dueAt.plus(Duration.ofDays(days));
        aCase.deadlineMoved(this);
        return extendedDueAt;
    }

    ClosureRequest requestClosure(ClosureReason reason, String note, List<ContactAttempt> attempts, Instant at, String by,
                                  Instant recordedAt) {
        requireOpen();
        if (pendingClosure().isPresent()) {
            throw new Conflict("a closure request of this round already waits for the supervisor");
        }
        ClosureRequest request = new ClosureRequest(this, reason, note, attempts, at, by, recordedAt);
        closures.add(request);
        return request;
    }

    /** The round is over: its closure was approved, or the case withdrawn. A pending extension lapses. */
    void end(Instant at) {
        this.endedAt = at;
        extensions.forEach(e -> e.lapse(at));
    }

    public Optional<ExtensionRequest> pendingExtension() {
        return extensions.stream().filter(e -> e.status() == ExtensionStatus.REQUESTED).findFirst();
    }

    public Optional<ExtensionRequest> approvedExtension() {
        return extensions.stream().filter(e -> e.status() == ExtensionStatus.APPROVED).findFirst();
    }

    public Optional<ClosureRequest> pendingClosure() {
        return closures.stream().filter(ClosureRequest::pending).findFirst();
    }

    public Optional<ClosureRequest> approvedClosure() {
        return closures.stream().filter(c -> c.decision() == ClosureDecision.APPROVED).findFirst();
    }

    private void requireOpen() {
        if (!isOpen()) {
            throw new Conflict("this handling round is over");
        }
    }

    public Long id() {
        return id;
    }

    Case aCase() {
        return aCase;
    }

    public int number() {
        return number;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public RoundStart startReason() {
        return startReason;
    }

    public String startNote() {
        return startNote;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant extendedDueAt() {
        return extendedDueAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public List<ExtensionRequest> extensions() {
        return List.copyOf(extensions);
    }

    public List<ClosureRequest> closures() {
        return List.copyOf(closures);
    }
}
