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

import java.time.Instant;

/**
 * 强制报告: harm to a minor or a person without capacity reported to the police at once
 * (未成年人保护法 art. 11; 反家庭暴力法 art. 14).
 */
@Entity
@Table(name = "mandatory_report")
public class MandatoryReport {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mandatory_report_seq")
    @SequenceGenerator(name = "mandatory_report_seq", sequenceName = "mandatory_report_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Column(name = "reported_to", nullable = false, updatable = false, length = 200)
    private String reportedTo;

    @Column(name = "reported_at", nullable = false, updatable = false)
    private Instant reportedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 8)
    private ReportMethod method;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, updatable = false, length = 64)
    private String recordedBy;

    protected MandatoryReport() {
    }

    MandatoryReport(long caseId, String reportedTo, Instant reportedAt, ReportMethod method, Instant recordedAt,
                    String recordedBy) {
        this.caseId = caseId;
        this.reportedTo = reportedTo;
        this.reportedAt = reportedAt;
        this.method = method;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    public Long id() {
        return id;
    }

    public String reportedTo() {
        return reportedTo;
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    public ReportMethod method() {
        return method;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
