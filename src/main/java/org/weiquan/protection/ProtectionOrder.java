package org.weiquan.protection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 人身安全保护令: the application made on the person's behalf, the court's ruling within 72 hours (24 hours
 * when urgent, 反家庭暴力法 art. 28), an order valid at most 6 months from the ruling (art. 30), and the
 * reminder to renew it 14 days before it expires.
 */
@Entity
@Table(name = "protection_order")
public class ProtectionOrder {

    /** 反家庭暴力法 art. 28. */
    public static final Duration RULING = Duration.ofHours(72);
    public static final Duration URGENT_RULING = Duration.ofHours(24);
    /** 反家庭暴力法 art. 30: valid for at most six months. */
    public static final int MAX_VALID_MONTHS = 6;
    public static final int RENEWAL_REMINDER_DAYS = 14;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "protection_order_seq")
    @SequenceGenerator(name = "protection_order_seq", sequenceName = "protection_order_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private ProtectionOrderStatus status;

    @Column(name = "offered_at", nullable = false, updatable = false)
    private Instant offeredAt;

    @Column(name = "applied_at", updatable = false)
    private Instant appliedAt;

    @Column(updatable = false)
    private boolean urgent;

    @Column(name = "ruling_due_at", updatable = false)
    private Instant rulingDueAt;

    @Column(name = "ruled_at")
    private Instant ruledAt;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false, length = 64)
    private String recordedBy;

    @Column(name = "ruling_recorded_at")
    private Instant rulingRecordedAt;

    @Column(name = "ruling_recorded_by", length = 64)
    private String rulingRecordedBy;

    @Version
    private long version;

    protected ProtectionOrder() {
    }

    private ProtectionOrder(long caseId, ProtectionOrderStatus status, Instant offeredAt, Instant appliedAt,
                            boolean urgent, Instant recordedAt, String recordedBy) {
        this.caseId = caseId;
        this.status = status;
        this.offeredAt = offeredAt;
        this.appliedAt = appliedAt;
        this.urgent = urgent;
        this.rulingDueAt = appliedAt == null ? null : appliedAt.plus(urgent ? URGENT_RULING : RULING);
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** Applied for on the person's behalf: the court rules within 72 hours, 24 when urgent. */
    static ProtectionOrder applied(long caseId, Instant appliedAt, boolean urgent, Instant recordedAt, String by) {
        return new ProtectionOrder(caseId, ProtectionOrderStatus.APPLIED, appliedAt, appliedAt, urgent, recordedAt, by);
    }

    /** Offered; the person chose not to apply. */
    static ProtectionOrder declined(long caseId, Instant offeredAt, Instant recordedAt, String by) {
        return new ProtectionOrder(caseId, ProtectionOrderStatus.DECLINED, offeredAt, null, false, recordedAt, by);
    }

    /**
     * The court's ruling: not before the application; a granted order is valid from the ruling for at most
     * six months. Each problem under its field.
     */
    void ruled(Instant at, boolean granted, LocalDate validUntil, Instant recordedAt, String by) {
        if (status != ProtectionOrderStatus.APPLIED) {
            throw new Conflict("the order's ruling was already recorded");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        checkRuling(appliedAt, at, granted, validUntil, errors);
        errors.throwIfAny();
        this.status = granted ? ProtectionOrderStatus.GRANTED : ProtectionOrderStatus.REFUSED;
        this.ruledAt = at;
        this.validUntil = granted ? validUntil : null;
        this.rulingRecordedAt = recordedAt;
        this.rulingRecordedBy = by;
    }

    static void checkRuling(Instant appliedAt, Instant ruledAt, boolean granted, LocalDate validUntil,
                            InvalidInput.Collector errors) {
        if (ruledAt != null && appliedAt != null && ruledAt.isBefore(appliedAt)) {
            errors.add("ruledAt", "lies before the application (" + Days.dateOf(appliedAt) + ")");
        }
        if (!granted) {
            return;
        }
        if (validUntil == null) {
            errors.add("validUntil", "is required when the order is granted");
        } else if (ruledAt != null) {
            LocalDate ruled = Days.dateOf(ruledAt);
            if (validUntil.isBefore(ruled)) {
                errors.add("validUntil", "lies before the ruling");
            } else if (validUntil.isAfter(ruled.plusMonths(MAX_VALID_MONTHS))) {
                errors.add("validUntil", "a protection order lasts at most 6 months from the ruling (反家庭暴力法 art. 30)");
            }
        }
    }

    /** The day to remind the person that the order can be renewed. */
    public LocalDate renewalReminderOn() {
        return validUntil == null ? null : validUntil.minusDays(RENEWAL_REMINDER_DAYS);
    }

    public Long id() {
        return id;
    }

    public long caseId() {
        return caseId;
    }

    public ProtectionOrderStatus status() {
        return status;
    }

    public Instant offeredAt() {
        return offeredAt;
    }

    public Instant appliedAt() {
        return appliedAt;
    }

    public boolean urgent() {
        return urgent;
    }

    public Instant rulingDueAt() {
        return rulingDueAt;
    }

    public Instant ruledAt() {
        return ruledAt;
    }

    public LocalDate validUntil() {
        return validUntil;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
