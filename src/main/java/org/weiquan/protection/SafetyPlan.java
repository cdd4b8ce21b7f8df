package org.weiquan.protection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** 安全计划: made with the person within 24 hours of a HIGH danger assessment. */
@Entity
@Table(name = "safety_plan")
public class SafetyPlan {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "safety_plan_seq")
    @SequenceGenerator(name = "safety_plan_seq", sequenceName = "safety_plan_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Column(nullable = false, updatable = false, length = 4000)
    private String plan;

    @Column(name = "made_at", nullable = false, updatable = false)
    private Instant madeAt;

    @Column(name = "made_by", nullable = false, updatable = false, length = 64)
    private String madeBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected SafetyPlan() {
    }

    SafetyPlan(long caseId, String plan, Instant madeAt, String madeBy, Instant recordedAt) {
        this.caseId = caseId;
        this.plan = plan;
        this.madeAt = madeAt;
        this.madeBy = madeBy;
        this.recordedAt = recordedAt;
    }

    public Long id() {
        return id;
    }

    public String plan() {
        return plan;
    }

    public Instant madeAt() {
        return madeAt;
    }

    public String madeBy() {
        return madeBy;
    }
}
