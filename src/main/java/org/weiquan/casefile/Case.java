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
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.intake.Contact;
import org.weiquan.station.Station;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** 案件: an accepted contact, numbered per station and year, handled within 60 days. */
@Entity(name = "CaseFile")
@Table(name = "case_file")
public class Case {

    /** 信访工作条例 art. 34: handle within 60 days of acceptance. */
    public static final Duration HANDLING_PERIOD = Duration.ofDays(60);

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_seq")
    @SequenceGenerator(name = "case_seq", sequenceName = "case_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 48)
    private String number;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "station_id")
    private Station station;

    @Column(name = "number_year", nullable = false)
    private int numberYear;

    @Column(name = "number_seq", nullable = false)
    private int numberSeq;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    @Column(name = "accepted_at", nullable = false)
    private Instant acceptedAt;

    @Column(name = "accepted_by", nullable = false, length = 64)
    private String acceptedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private CaseStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private CaseStage stage;

    @Column(name = "handling_due", nullable = false)
    private Instant handlingDue;

    @Version
    private long version;

    protected Case() {
    }

    private Case(CaseNumber number, Contact contact, Instant acceptedAt, String acceptedBy) {
        this.number = number.value();
        this.station = number.station();
        this.numberYear = number.year();
        this.numberSeq = number.sequence();
        this.contact = Objects.requireNonNull(contact);
        this.acceptedAt = acceptedAt;
        this.acceptedBy = acceptedBy;
        this.status = CaseStatus.OPEN;
        this.stage = CaseStage.HANDLING;
        this.handlingDue = acceptedAt.plus(HANDLING_PERIOD);
    }

    /** 受理: the contact becomes this case; the 60-day handling period starts. */
    static Case open(CaseNumber number, Contact contact, Instant acceptedAt, String acceptedBy) {
        return new Case(number, contact, acceptedAt, acceptedBy);
    }

    public Long id() {
        return id;
    }

    public String number() {
        return number;
    }

    public Station station() {
        return station;
    }

    public Contact contact() {
        return contact;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public String acceptedBy() {
        return acceptedBy;
    }

    public CaseStatus status() {
        return status;
    }

    public CaseStage stage() {
        return stage;
    }

    public Instant handlingDue() {
        return handlingDue;
    }

    public long version() {
        return version;
    }
}
