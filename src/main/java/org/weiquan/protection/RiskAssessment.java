package org.weiquan.protection;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.weiquan.casefile.RiskLevel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 危险性评估: the answers to one version of the risk instrument, their score and band. The instrument's id
 * is kept so that an assessment reads the same after the instrument changes.
 */
@Entity
@Table(name = "risk_assessment")
public class RiskAssessment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "risk_assessment_seq")
    @SequenceGenerator(name = "risk_assessment_seq", sequenceName = "risk_assessment_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Column(name = "accepted_station_id", nullable = false, updatable = false)
    private long acceptedStationId;

    @Column(name = "instrument_id", nullable = false, updatable = false, length = 64)
    private String instrumentId;

    @ElementCollection
    @CollectionTable(name = "risk_answer", joinColumns = @JoinColumn(name = "assessment_id"))
    @MapKeyColumn(name = "question_id", length = 16)
    @Column(name = "yes", nullable = false)
    private Map<String, Boolean> answers = new LinkedHashMap<>();

    @Column(nullable = false, updatable = false)
    private int score;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 8)
    private RiskLevel level;

    @Column(name = "assessed_at", nullable = false, updatable = false)
    private Instant assessedAt;

    @Column(name = "assessed_by", nullable = false, updatable = false, length = 64)
    private String assessedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected RiskAssessment() {
    }

    RiskAssessment(long caseId, long acceptedStationId, String instrumentId, Map<String, Boolean> answers, int score,
                   RiskLevel level, Instant assessedAt, String assessedBy, Instant recordedAt) {
        this.caseId = caseId;
        this.acceptedStationId = acceptedStationId;
        this.instrumentId = instrumentId;
        this.answers = new LinkedHashMap<>(answers);
        this.score = score;
        this.level = level;
        this.assessedAt = assessedAt;
        this.assessedBy = assessedBy;
        this.recordedAt = recordedAt;
    }

    public Long id() {
        return id;
    }

    public String instrumentId() {
        return instrumentId;
    }

    public Map<String, Boolean> answers() {
        return Map.copyOf(answers);
    }

    public int score() {
        return score;
    }

    public RiskLevel level() {
        return level;
    }

    public Instant assessedAt() {
        return assessedAt;
    }

    public String assessedBy() {
        return assessedBy;
    }
}
