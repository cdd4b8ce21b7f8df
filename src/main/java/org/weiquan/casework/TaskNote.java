package org.weiquan.casework;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** What was done about a chase, a reminder or a warning (督办, 提醒, 预警), as the one who did it wrote. */
@Entity
@Table(name = "task_note")
public class TaskNote {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_note_seq")
    @SequenceGenerator(name = "task_note_seq", sequenceName = "task_note_seq", allocationSize = 50)
    private Long id;

    @Column(name = "contact_id", nullable = false, updatable = false)
    private long contactId;

    @Column(name = "case_id", updatable = false)
    private Long caseId;

    @Column(name = "task_key", nullable = false, updatable = false, length = 64)
    private String taskKey;

    @Column(nullable = false, updatable = false, length = 2000)
    private String note;

    @Column(name = "written_at", nullable = false, updatable = false)
    private Instant writtenAt;

    @Column(name = "written_by", nullable = false, updatable = false, length = 64)
    private String writtenBy;

    protected TaskNote() {
    }

    TaskNote(long contactId, Long caseId, CaseTask task, String note, Instant writtenAt, String writtenBy) {
        this.contactId = contactId;
        this.caseId = caseId;
        this.taskKey = task.id();
        this.note = note;
        this.writtenAt = writtenAt;
        this.writtenBy = writtenBy;
    }

    public Long id() {
        return id;
    }

    public CaseTask task() {
        return CaseTask.byId(taskKey).orElse(null);
    }

    public String note() {
        return note;
    }

    public Instant writtenAt() {
        return writtenAt;
    }

    public String writtenBy() {
        return writtenBy;
    }
}
