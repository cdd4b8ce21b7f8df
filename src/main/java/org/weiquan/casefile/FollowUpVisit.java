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

import java.time.Instant;
import java.time.LocalDate;

/**
 * 回访: due some days after an approved closure (family disputes and domestic violence, see
 * {@link FollowUpPolicy}); records whether the person is satisfied, whether the agreement was kept and
 * whether the problem is back — which reopens the case for a new handling round.
 */
@Entity
@Table(name = "follow_up_visit")
public class FollowUpVisit {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "follow_up_visit_seq")
    @SequenceGenerator(name = "follow_up_visit_seq", sequenceName = "follow_up_visit_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    private Case aCase;

    /** The round whose closure this visit follows. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "round_id")
    private HandlingRound round;

    @Column(name = "accepted_station_id", nullable = false)
    private long acceptedStationId;

    /** The date of the closure it follows: the period it belongs to (DESIGN §5). */
    @Column(name = "closed_on", nullable = false)
    private LocalDate closedOn;

    @Column(name = "due_on", nullable = false)
    private LocalDate dueOn;

    @Column(name = "visited_at")
    private Instant visitedAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private FollowUpResult result;

    @Enumerated(EnumType.STRING)
    @Column(name = "agreement_performed", length = 16)
    private AgreementPerformed agreementPerformed;

    @Column(name = "problem_back")
    private Boolean problemBack;

    @Column(length = 2000)
    private String note;

    @Column(name = "visited_by", length = 64)
    private String visitedBy;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    /** Set when the visit will not happen: the case was withdrawn or reopened before it fell due. */
    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Version
    private long version;

    protected FollowUpVisit() {
    }

    FollowUpVisit(Case aCase, HandlingRound round, LocalDate closedOn, LocalDate dueOn) {
        this.aCase = aCase;
        this.round = round;
        this.acceptedStationId = aCase.acceptedStation().id();
        this.closedOn = closedOn;
        this.dueOn = dueOn;
    }

    /** The visit took place (or the person could not be reached); returns whether the problem is back. */
    boolean record(Instant at, FollowUpResult result, AgreementPerformed performed, boolean problemBack, String note,
                   String by, Instant recordedAt) {
        if (isDone()) {
            throw new Conflict("the follow-up visit was already recorded");
        }
        if (cancelledAt != null) {
            throw new Conflict("the follow-up visit was cancelled");
        }
        if (result == FollowUpResult.UNREACHABLE && problemBack) {
            throw new IllegalArgumentException("an unreachable person cannot report the problem back");
        }
        this.visitedAt = at;
        this.result = result;
        this.agreementPerformed = performed;
        this.problemBack = problemBack;
        this.note = note;
        this.visitedBy = by;
        this.recordedAt = recordedAt;
        return problemBack;
    }

    void cancel(Instant at) {
        if (!isDone()) {
            this.cancelledAt = at;
        }
    }

    public boolean isDone() {
        return visitedAt != null;
    }

    public boolean isDue() {
        return visitedAt == null && cancelledAt == null;
    }

    public Long id() {
        return id;
    }

    public LocalDate closedOn() {
        return closedOn;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public Instant visitedAt() {
        return visitedAt;
    }

    public FollowUpResult result() {
        return result;
    }

    public AgreementPerformed agreementPerformed() {
        return agreementPerformed;
    }

    public Boolean problemBack() {
        return problemBack;
    }

    public String note() {
        return note;
    }

    public String visitedBy() {
        return visitedBy;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    Case aCase() {
        return aCase;
    }

    public int roundNumber() {
        return round.number();
    }
}
