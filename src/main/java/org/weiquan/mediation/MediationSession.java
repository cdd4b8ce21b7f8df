package org.weiquan.mediation;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * 调解会谈: one session of a case's mediation — when, who attended, what was said, how it ended. A session
 * that ends in an agreement carries it ({@link MediationAgreement}).
 */
@Entity
@Table(name = "mediation_session")
public class MediationSession {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mediation_session_seq")
    @SequenceGenerator(name = "mediation_session_seq", sequenceName = "mediation_session_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    /** The station that accepted the case: the one the session counts to in the indicators. */
    @Column(name = "accepted_station_id", nullable = false, updatable = false)
    private long acceptedStationId;

    @Column(name = "round_no", nullable = false, updatable = false)
    private int roundNumber;

    @Column(name = "session_no", nullable = false, updatable = false)
    private int sessionNumber;

    @Column(name = "held_at", nullable = false, updatable = false)
    private Instant heldAt;

    @Column(nullable = false, updatable = false, length = 64)
    private String mediator;

    @Column(nullable = false, updatable = false, length = 2000)
    private String attendees;

    @Column(updatable = false, length = 4000)
    private String notes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 20)
    private MediationOutcome outcome;

    @Column(name = "next_step", updatable = false, length = 2000)
    private String nextStep;

    @Column(name = "routes_explained", updatable = false, length = 2000)
    private String routesExplained;

    @OneToOne(mappedBy = "session", cascade = CascadeType.PERSIST)
    private MediationAgreement agreement;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false, length = 64)
    private String recordedBy;

    protected MediationSession() {
    }

    MediationSession(long caseId, long acceptedStationId, int roundNumber, int sessionNumber, Instant heldAt,
                     String mediator, String attendees, String notes, MediationOutcome outcome, String nextStep,
                     String routesExplained, Instant recordedAt, String recordedBy) {
        if (!outcome.isAgreement() && outcome.concludes() && (routesExplained == null || routesExplained.isBlank())) {
            throw new IllegalArgumentException("a mediation that ends without agreement tells the parties their routes");
        }
        this.caseId = caseId;
        this.acceptedStationId = acceptedStationId;
        this.roundNumber = roundNumber;
        this.sessionNumber = sessionNumber;
        this.heldAt = heldAt;
        this.mediator = mediator;
        this.attendees = attendees;
        this.notes = notes;
        this.outcome = outcome;
        this.nextStep = nextStep;
        this.routesExplained = routesExplained;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** Ends the session with the agreement reached (its outcome says written or oral); signed when it was held. */
    MediationAgreement concludeWithAgreement(String terms) {
        if (!outcome.isAgreement()) {
            throw new IllegalStateException("the session did not end in an agreement");
        }
        this.agreement = new MediationAgreement(this, outcome == MediationOutcome.WRITTEN_AGREEMENT
                ? AgreementKind.WRITTEN : AgreementKind.ORAL, terms, heldAt);
        return agreement;
    }

    public Long id() {
        return id;
    }

    public long caseId() {
        return caseId;
    }

    public int roundNumber() {
        return roundNumber;
    }

    public int sessionNumber() {
        return sessionNumber;
    }

    public Instant heldAt() {
        return heldAt;
    }

    public String mediator() {
        return mediator;
    }

    public String attendees() {
        return attendees;
    }

    public String notes() {
        return notes;
    }

    public MediationOutcome outcome() {
        return outcome;
    }

    public String nextStep() {
        return nextStep;
    }

    public String routesExplained() {
        return routesExplained;
    }

    public MediationAgreement agreement() {
        return agreement;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
