package org.weiquan.intake;

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
import org.weiquan.station.Station;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** 接待登记: a letter, visit, call or message, registered before anyone decides what it is. */
@Entity
@Table(name = "contact")
public class Contact {

    /** 信访工作条例 art. 22: decide on acceptance within 15 days of receipt. */
    public static final Duration REVIEW_PERIOD = Duration.ofDays(15);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_seq")
    @SequenceGenerator(name = "contact_seq", sequenceName = "contact_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "station_id")
    private Station station;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Channel channel;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(nullable = false, length = 4000)
    private String summary;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ContactStatus status;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "registered_by", nullable = false, length = 64)
    private String registeredBy;

    @Version
    private long version;

    protected Contact() {
    }

    private Contact(Station station, Channel channel, Instant receivedAt, String summary, Instant registeredAt,
                    String registeredBy) {
        this.station = Objects.requireNonNull(station);
        this.channel = Objects.requireNonNull(channel);
        this.receivedAt = Objects.requireNonNull(receivedAt);
        this.summary = Objects.requireNonNull(summary);
        this.registeredAt = Objects.requireNonNull(registeredAt);
        this.registeredBy = Objects.requireNonNull(registeredBy);
        this.status = ContactStatus.AWAITING_REVIEW;
    }

    /** Registers what reached the station; the acceptance review starts from here. */
    public static Contact register(Station station, Channel channel, Instant receivedAt, String summary,
                                   Instant registeredAt, String registeredBy) {
        return new Contact(station, channel, receivedAt, summary, registeredAt, registeredBy);
    }

    /** The acceptance decision is due 15 days after the contact was received, not after it was typed in. */
    public Instant reviewDue() {
        return receivedAt.plus(REVIEW_PERIOD);
    }

    public Long id() {
        return id;
    }

    public Station station() {
        return station;
    }

    public Channel channel() {
        return channel;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String summary() {
        return summary;
    }

    public ContactStatus status() {
        return status;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String registeredBy() {
        return registeredBy;
    }

    public long version() {
        return version;
    }
}
