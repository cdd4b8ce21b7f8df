package org.weiquan.casefile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** What a completed task recorded (its form) and its outcome, kept with the case; one per task. */
@Entity
@Table(name = "task_record")
public class TaskRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_record_seq")
    @SequenceGenerator(name = "task_record_seq", sequenceName = "task_record_seq", allocationSize = 50)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private long caseId;

    /** The station that accepted the case: the one the record counts to in the indicators, as the case does. */
    @Column(name = "accepted_station_id", nullable = false, updatable = false)
    private long acceptedStationId;

    @Column(name = "task_id", nullable = false, updatable = false, unique = true, length = 64)
    private String taskId;

    @Column(name = "task_key", nullable = false, updatable = false, length = 64)
    private String taskKey;

    @Column(updatable = false, length = 32)
    private String outcome;

    @Column(name = "completed_at", nullable = false, updatable = false)
    private Instant completedAt;

    @Column(name = "completed_by", nullable = false, updatable = false, length = 64)
    private String completedBy;

    @Column(nullable = false, updatable = false, length = 8000)
    private String data;

    protected TaskRecord() {
    }

    TaskRecord(Case aCase, String taskId, String taskKey, String outcome, Instant completedAt, String completedBy,
               String data) {
        this.caseId = aCase.id();
        this.acceptedStationId = aCase.acceptedStation().id();
        this.taskId = taskId;
        this.taskKey = taskKey;
        this.outcome = outcome;
        this.completedAt = completedAt;
        this.completedBy = completedBy;
        this.data = data;
    }

    public String taskId() {
        return taskId;
    }

    public String taskKey() {
        return taskKey;
    }

    public String outcome() {
        return outcome;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String completedBy() {
        return completedBy;
    }

    public String data() {
        return data;
    }
}
