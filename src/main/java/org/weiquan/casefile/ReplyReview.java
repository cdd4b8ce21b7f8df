package org.weiquan.casefile;

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
import org.weiquan.station.Station;

import java.time.Instant;
import java.time.LocalDate;

/**
 * 复查 / 复核: the person asks the level above to review a written reply within 30 days of receiving it, and
 * may ask for a re-review of the review's answer within 30 days of that; each is answered within 30 days
 * (信访工作条例 art. 35-36).
 */
@Entity
@Table(name = "reply_review")
public class ReplyReview {

    /** 信访工作条例 art. 35-36: 30 days to ask, 30 days to answer. */
    public static final int REQUEST_DAYS = 30;
    public static final int ANSWER_DAYS = 30;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "reply_review_seq")
    @SequenceGenerator(name = "reply_review_seq", sequenceName = "reply_review_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    private Case aCase;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private ReviewKind kind;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "reply_id")
    private WrittenReply reply;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "earlier_review_id")
    private ReplyReview earlier;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "reviewing_station_id")
    private Station reviewingStation;

    @Column(name = "accepted_station_id", nullable = false)
    private long acceptedStationId;

    @Column(name = "requested_on", nullable = false)
    private LocalDate requestedOn;

    @Column(nullable = false, length = 2000)
    private String reason;

    @Column(name = "answer_due_at", nullable = false)
    private Instant answerDueAt;

    @Column(name = "answered_on")
    private LocalDate answeredOn;

    private Boolean upheld;

    @Column(length = 4000)
    private String answer;

    @Column(name = "answered_by", length = 64)
    private String answeredBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    @Version
    private long version;

    protected ReplyReview() {
    }

    ReplyReview(Case aCase, ReviewKind kind, WrittenReply reply, ReplyReview earlier, Station reviewingStation,
                LocalDate requestedOn, String reason, Instant recordedAt, String recordedBy) {
        this.aCase = aCase;
        this.kind = kind;
        this.reply = reply;
        this.earlier = earlier;
        this.reviewingStation = reviewingStation;
        this.acceptedStationId = aCase.acceptedStationId();
        this.requestedOn = requestedOn;
        this.reason = reason;
        this.answerDueAt = Days.deadline(requestedOn, ANSWER_DAYS);
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    /** The last day the person may ask for a review of a reply received on {@code receivedOn}. */
    public static LocalDate lastDayToAsk(LocalDate receivedOn) {
        return receivedOn.plusDays(REQUEST_DAYS);
    }

    void answer(LocalDate on, boolean upheld, String answer, String by) {
        if (answeredOn != null) {
            throw new Conflict("the " + (kind == ReviewKind.REVIEW ? "review" : "re-review") + " was already answered");
        }
        this.answeredOn = on;
        this.upheld = upheld;
        this.answer = answer;
        this.answeredBy = by;
    }

    public boolean isAnswered() {
        return answeredOn != null;
    }

    public Long id() {
        return id;
    }

    public Case aCase() {
        return aCase;
    }

    public ReviewKind kind() {
        return kind;
    }

    public WrittenReply reply() {
        return reply;
    }

    public Station reviewingStation() {
        return reviewingStation;
    }

    public LocalDate requestedOn() {
        return requestedOn;
    }

    public String reason() {
        return reason;
    }

    public Instant answerDueAt() {
        return answerDueAt;
    }

    public LocalDate answeredOn() {
        return answeredOn;
    }

    public Boolean upheld() {
        return upheld;
    }

    public String answer() {
        return answer;
    }

    public String answeredBy() {
        return answeredBy;
    }

    /** The business key of its process: the case number and the review's id. */
    public String key() {
        return aCase.number() + "/V" + id;
    }
}
