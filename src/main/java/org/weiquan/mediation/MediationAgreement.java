package org.weiquan.mediation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 调解协议: the agreement a session ended in. A written agreement (调解协议书) may be confirmed by a court
 * when the parties apply jointly within 30 days of its taking effect (人民调解法 art. 33): its due date and
 * confirmation status are kept here and shown on the case.
 */
@Entity
@Table(name = "mediation_agreement")
public class MediationAgreement {

    /** 人民调解法 art. 33: apply for judicial confirmation within 30 days. */
    public static final int JUDICIAL_CONFIRMATION_DAYS = 30;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mediation_agreement_seq")
    @SequenceGenerator(name = "mediation_agreement_seq", sequenceName = "mediation_agreement_seq", allocationSize = 50)
    private Long id;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "session_id")
    private MediationSession session;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 8)
    private AgreementKind kind;

    @Column(nullable = false, updatable = false, length = 4000)
    private String terms;

    @Column(name = "signed_at", nullable = false, updatable = false)
    private Instant signedAt;

    /** The last day to apply for judicial confirmation; written agreements only. */
    @Column(name = "confirmation_due_on", updatable = false)
    private LocalDate confirmationDueOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "confirmation_status", length = 12)
    private ConfirmationStatus confirmationStatus;

    @Column(name = "confirmation_recorded_at")
    private Instant confirmationRecordedAt;

    @Version
    private long version;

    protected MediationAgreement() {
    }

    MediationAgreement(MediationSession session, AgreementKind kind, String terms, Instant signedAt) {
        if (terms == null || terms.isBlank()) {
            throw new IllegalArgumentException("an agreement has terms");
        }
        this.session = session;
        this.caseId = session.caseId();
        this.kind = kind;
        this.terms = terms;
        this.signedAt = signedAt;
        if (kind == AgreementKind.WRITTEN) {
            this.confirmationDueOn = Days.lastDay(Days.deadline(signedAt, JUDICIAL_CONFIRMATION_DAYS));
            this.confirmationStatus = ConfirmationStatus.NOT_APPLIED;
        }
    }

    /** The parties applied to the court, or the court decided, or the window passed. */
    public void confirmation(ConfirmationStatus status, Instant recordedAt) {
        if (kind != AgreementKind.WRITTEN) {
            throw new Conflict("only a written agreement can be confirmed by a court");
        }
        this.confirmationStatus = status;
        this.confirmationRecordedAt = recordedAt;
    }

    /** When the reminder to apply for judicial confirmation is due: five days before the window closes. */
    public LocalDate reminderOn() {
        return confirmationDueOn == null ? null : confirmationDueOn.minusDays(5);
    }

    public Long id() {
        return id;
    }

    public MediationSession session() {
        return session;
    }

    public long caseId() {
        return caseId;
    }

    public AgreementKind kind() {
        return kind;
    }

    public String terms() {
        return terms;
    }

    public Instant signedAt() {
        return signedAt;
    }

    public LocalDate confirmationDueOn() {
        return confirmationDueOn;
    }

    public ConfirmationStatus confirmationStatus() {
        return confirmationStatus;
    }
}
