package org.weiquan.referral;

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
import org.weiquan.shared.Days;
import org.weiquan.station.PartnerAgency;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * 转介: a case referred to a partner agency with the person's consent, numbered within its case
 * (R1, R2 …); its answer is due after the agency kind's period ({@link AnswerPeriod}); each transition
 * keeps who, when and why. Nothing is ever deleted: a revoked referral stays in the file.
 */
@Entity
@Table(name = "referral")
public class Referral {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "referral_seq")
    @SequenceGenerator(name = "referral_seq", sequenceName = "referral_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Column(name = "case_number", nullable = false, updatable = false, length = 48)
    private String caseNumber;

    @Column(name = "referral_no", nullable = false, updatable = false)
    private int number;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "agency_code")
    private PartnerAgency agency;

    /** Part of the urgent path of a HIGH-danger case. */
    @Column(nullable = false, updatable = false)
    private boolean urgent;

    @Column(name = "consent_recorded_at", nullable = false, updatable = false)
    private Instant consentRecordedAt;

    @Column(name = "sent_at", nullable = false, updatable = false)
    private Instant sentAt;

    @Column(name = "sent_by", nullable = false, updatable = false, length = 64)
    private String sentBy;

    @Column(name = "answer_due_at", nullable = false, updatable = false)
    private Instant answerDueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private ReferralStatus status;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "answered_by", length = 64)
    private String answeredBy;

    @Column(name = "answer_note", length = 2000)
    private String answerNote;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(name = "done_by", length = 64)
    private String doneBy;

    @Column(length = 2000)
    private String outcome;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by", length = 64)
    private String revokedBy;

    @Column(name = "revoke_reason", length = 1000)
    private String revokeReason;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Version
    private long version;

    protected Referral() {
    }

    Referral(long caseId, String caseNumber, int number, PartnerAgency agency, boolean urgent, Instant sentAt,
             String sentBy, Instant recordedAt) {
        this.caseId = caseId;
        this.caseNumber = caseNumber;
        this.number = number;
        this.agency = agency;
        this.urgent = urgent;
        this.consentRecordedAt = sentAt;
        this.sentAt = sentAt;
        this.sentBy = sentBy;
        this.answerDueAt = Days.deadline(sentAt, AnswerPeriod.days(agency.kind(), urgent));
        this.status = ReferralStatus.REQUESTED;
        this.recordedAt = recordedAt;
    }

    /** The business key of the referral's process: the case number and the referral's number. */
    public String key() {
        return caseNumber + "/R" + number;
    }

    public void accept(Instant at, String by, String note) {
        requireState(EnumSet.of(ReferralStatus.REQUESTED), "accepted");
        answered(ReferralStatus.ACCEPTED, at, by, note);
    }

    public void reject(Instant at, String by, String note) {
        requireState(EnumSet.of(ReferralStatus.REQUESTED), "rejected");
        answered(ReferralStatus.REJECTED, at, by, note);
    }

    private void answered(ReferralStatus to, Instant at, String by, String note) {
        this.status = to;
        this.answeredAt = at;
        this.answeredBy = by;
        this.answerNote = note;
    }

    /** The agency did what it took on. */
    public void done(Instant at, String by, String outcome) {
        requireState(EnumSet.of(ReferralStatus.ACCEPTED), "done");
        this.status = ReferralStatus.DONE;
        this.doneAt = at;
        this.doneBy = by;
        this.outcome = outcome;
    }

    /** Withdrawn before it ended (the person withdrew consent, the case ended). */
    public void revoke(Instant at, String by, String reason) {
        requireState(EnumSet.of(ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED), "revoked");
        this.status = ReferralStatus.REVOKED;
        this.revokedAt = at;
        this.revokedBy = by;
        this.revokeReason = reason;
    }

    private void requireState(Set<ReferralStatus> allowed, String what) {
        if (!allowed.contains(status)) {
            throw new Conflict("referral R" + number + " is " + status + " and cannot be " + what);
        }
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public Long id() {
        return id;
    }

    public long caseId() {
        return caseId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public int number() {
        return number;
    }

    public PartnerAgency agency() {
        return agency;
    }

    public boolean urgent() {
        return urgent;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public String sentBy() {
        return sentBy;
    }

    public Instant answerDueAt() {
        return answerDueAt;
    }

    public ReferralStatus status() {
        return status;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public String answeredBy() {
        return answeredBy;
    }

    public String answerNote() {
        return answerNote;
    }

    public Instant doneAt() {
        return doneAt;
    }

    public String outcome() {
        return outcome;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public String revokeReason() {
        return revokeReason;
    }
}
