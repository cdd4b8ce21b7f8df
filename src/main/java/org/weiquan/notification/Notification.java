package org.weiquan.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One thing one user should know: a task offered or handed to her, an escalation, an approval waiting. Names the
 * case by its number and the task by its name — never a person of the case.
 */
@Entity
@Table(name = "notification")
// named, so that EclipseLink builds its SQL once: made per call, the hint that binds its values made it build the SQL
// again at every intake and acceptance (3 % of an intake's CPU in a profile). The values are bound because EclipseLink writes those
// of a query with a subquery into its text unless told, and H2 refuses the boolean written as 1
@NamedQuery(name = Notification.HOLDERS_NOT_YET_TOLD, query = "SELECT u.username FROM User u JOIN u.roles r"
        + " WHERE u.station.code = :c AND r = :role AND u.enabled = true AND NOT EXISTS (SELECT n.id FROM Notification n"
        + " WHERE n.recipient = u.username AND n.eventKey = :k) ORDER BY u.username",
        hints = @QueryHint(name = "eclipselink.jdbc.bind-parameters", value = "true"))
public class Notification {

    /** The enabled holders of a role at a station who were not yet told of an event: {@code c}, {@code role}, {@code k}. */
    static final String HOLDERS_NOT_YET_TOLD = "Notification.holdersNotYetTold";

    /** Why she is told. */
    public enum Kind {
        /** a task handed to her */
        ASSIGNED,
        /** a task offered to her station's group, hers to take */
        OFFERED,
        /** a task she holds is due tomorrow */
        DUE_SOON,
        /** a task she holds is past its due date */
        OVERDUE,
        /** an agency answered a referral of her case */
        REFERRAL_ANSWERED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_seq")
    @SequenceGenerator(name = "notification_seq", sequenceName = "notification_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64)
    private String recipient;

    @Column(name = "event_key", nullable = false, length = 200)
    private String eventKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 24)
    private Kind kind;

    @Column(nullable = false)
    private boolean urgent;

    @Column(name = "case_number", length = 40)
    private String caseNumber;

    @Column(name = "task_id", length = 64)
    private String taskId;

    @Column(name = "task_name", nullable = false, length = 200)
    private String taskName;

    private Instant due;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
    }

    Notification(String recipient, String eventKey, Kind kind, boolean urgent, String caseNumber, String taskId,
                 String taskName, Instant due, Instant createdAt) {
        this.recipient = recipient;
        this.eventKey = eventKey;
        this.kind = kind;
        this.urgent = urgent;
        this.caseNumber = caseNumber;
        this.taskId = taskId;
        this.taskName = taskName == null || taskName.isBlank() ? "待办" : taskName;
        this.due = due;
        this.createdAt = createdAt;
    }

    /** She has seen it; the first reading counts. */
    void read(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    /** Back to unread, as she asked. */
    void unread() {
        readAt = null;
    }

    public Long id() {
        return id;
    }

    public String recipient() {
        return recipient;
    }

    public String eventKey() {
        return eventKey;
    }

    public Kind kind() {
        return kind;
    }

    public boolean urgent() {
        return urgent;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public String taskId() {
        return taskId;
    }

    public String taskName() {
        return taskName;
    }

    public Instant due() {
        return due;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant readAt() {
        return readAt;
    }

    public boolean isRead() {
        return readAt != null;
    }

    /** The page that opens the work, relative to the application: the task, or else the case. */
    public String path() {
        if (taskId != null) {
            return "/app/task.xhtml?id=" + taskId;
        }
        return caseNumber == null ? "/app/index.xhtml" : "/app/case.xhtml?number=" + caseNumber;
    }
}
