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

import java.time.Instant;
import java.time.LocalDate;

/**
 * 书面答复: the written reply to a letter or a harassment complaint (信访工作条例 art. 32–34). The person
 * may ask for a review of it within 30 days (art. 35).
 */
@Entity
@Table(name = "written_reply")
public class WrittenReply {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "written_reply_seq")
    @SequenceGenerator(name = "written_reply_seq", sequenceName = "written_reply_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    private Case aCase;

    @Column(name = "round_no", nullable = false)
    private int roundNumber;

    @Column(name = "sent_on", nullable = false)
    private LocalDate sentOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "sent_by_means", nullable = false, length = 16)
    private ReplyMeans means;

    @Column(nullable = false, length = 2000)
    private String summary;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "recorded_by", nullable = false, length = 64)
    private String recordedBy;

    protected WrittenReply() {
    }

    WrittenReply(Case aCase, LocalDate sentOn, ReplyMeans means, String summary, Instant recordedAt, String recordedBy) {
        this.aCase = aCase;
        this.roundNumber = aCase.currentRound().number();
        this.sentOn = sentOn;
        this.means = means;
        this.summary = summary;
        this.recordedAt = recordedAt;
        this.recordedBy = recordedBy;
    }

    public Long id() {
        return id;
    }

    public int roundNumber() {
        return roundNumber;
    }

    public LocalDate sentOn() {
        return sentOn;
    }

    public ReplyMeans means() {
        return means;
    }

    public String summary() {
        return summary;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
