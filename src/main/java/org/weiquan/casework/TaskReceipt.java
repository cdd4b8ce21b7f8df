package org.weiquan.casework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The receipt of a completed task of a case: which task, who completed it, when, and which record it
 * produced (a mediation session, a referral, …). What was recorded lives in that record, not here. The task's
 * id is unique: a second completion of the same task stops at it.
 */
@Entity
@Table(name = "task_record")
public class TaskReceipt {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_record_seq")
    @SequenceGenerator(name = "task_record_seq", sequenceName = "task_record_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    @Column(name = "accepted_station_id", nullable = false, updatable = false)
    private long acceptedStationId;

    @Column(name = "task_id", nullable = false, updatable = false, unique = true, length = 64)
    private String taskId;

    @Column(name = "task_key", nullable = false, updatable = false, length = 64)
    private String taskKey;

    @Column(name = "completed_at", nullable = false, updatable = false)
    private Instant completedAt;

    @Column(name = "completed_by", nullable = false, updatable = false, length = 64)
    private String completedBy;

    @Column(name = "record_type", updatable = false, length = 32)
    private String recordType;

    @Column(name = "record_id", updatable = false)
    private Long recordId;

    protected TaskReceipt() {
    }

    TaskReceipt(long caseId, long acceptedStationId, String taskId, CaseTask task, Instant completedAt,
                String completedBy, String recordType, Long recordId) {
        this.caseId = caseId;
        this.acceptedStationId = acceptedStationId;
        this.taskId = taskId;
        this.taskKey = task.id();
        this.completedAt = completedAt;
        this.completedBy = completedBy;
        this.recordType = recordType;
        this.recordId = recordId;
    }

    public String taskId() {
        return taskId;
    }

    public CaseTask task() {
        return CaseTask.byId(taskKey).orElse(null);
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String completedBy() {
        return completedBy;
    }

    public String recordType() {
        return recordType;
    }

    public Long recordId() {
        return recordId;
    }

    public long caseId() {
        return caseId;
    }
}
