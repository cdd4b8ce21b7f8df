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
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.Contact;
import org.weiquan.intake.PetitionType;
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

    /** The station that accepted the case: the one it counts to in the indicators, after a transfer too. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "accepted_station_id")
    private Station acceptedStation;

    @Column(name = "days_to_close", precision = 9, scale = 2)
    private java.math.BigDecimal daysToClose;

    @Column(name = "number_year", nullable = false)
    private int numberYear;

    @Column(name = "number_seq", nullable = false)
    private int numberSeq;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    /*
     * What the matter is about and how it came in, as the contact says: kept on the case as well so that the
     * indicator report reads a year of cases without joining their contacts (see describedByContact).
     */
    @Enumerated(EnumType.STRING)
    @Column(name = "primary_category", length = 40)
    private Category primaryCategory;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "petition_type", length = 16)
    private PetitionType petitionType;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "repeat_of_contact_id")
    private Contact repeatOf;

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

    @Column(length = 64)
    private String mediator;

    @Column(name = "risk_level", length = 8)
    private String riskLevel;

    @Column(name = "extended_due")
    private Instant extendedDue;

    @Column(name = "extension_reason", length = 1000)
    private String extensionReason;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason", length = 32)
    private ClosureReason closureReason;

    @Column(name = "closure_note", length = 1000)
    private String closureNote;

    @Column(name = "closure_requested_at")
    private Instant closureRequestedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by", length = 64)
    private String closedBy;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @Version
    private long version;

    protected Case() {
    }

    private Case(CaseNumber number, Contact contact, Instant acceptedAt, String acceptedBy) {
        this.number = number.value();
        this.station = number.station();
        this.acceptedStation = number.station();
        this.numberYear = number.year();
        this.numberSeq = number.sequence();
        this.contact = Objects.requireNonNull(contact);
        this.acceptedAt = acceptedAt;
        this.acceptedBy = acceptedBy;
        this.status = CaseStatus.OPEN;
        this.stage = CaseStage.HANDLING;
        this.handlingDue = acceptedAt.plus(HANDLING_PERIOD);
        describedByContact();
    }

    /** 受理: the contact becomes this case; the 60-day handling period starts. */
    static Case open(CaseNumber number, Contact contact, Instant acceptedAt, String acceptedBy) {
        return new Case(number, contact, acceptedAt, acceptedBy);
    }

    /** Takes over what the contact now says the matter is about; call it whenever the contact's description changes. */
    public void describedByContact() {
        this.primaryCategory = contact.primaryCategory();
        this.channel = contact.channel();
        this.petitionType = contact.petitionType();
        this.repeatOf = contact.repeatOf();
    }

    public void assignMediator(String username) {
        requireOpen();
        this.mediator = username;
    }

    public void recordRisk(String level) {
        this.riskLevel = level;
    }

    /** The mediator asks to close, with the reason; the supervisor decides. */
    public void requestClosure(ClosureReason reason, String note, Instant at) {
        requireOpen();
        this.closureReason = reason;
        this.closureNote = note;
        this.closureRequestedAt = at;
        this.stage = CaseStage.CLOSURE_REQUESTED;
    }

    /** The supervisor sends the closure request back: handling goes on. */
    public void sendClosureBack() {
        requireOpen();
        this.closureReason = null;
        this.closureNote = null;
        this.closureRequestedAt = null;
        this.stage = CaseStage.HANDLING;
    }

    /** 结案: the supervisor approves; a follow-up visit may come after. */
    public void close(Instant at, String by, boolean followUp) {
        requireOpen();
        if (closureReason == null) {
            throw new IllegalStateException("a case closes with a reason");
        }
        this.status = CaseStatus.CLOSED;
        this.stage = followUp ? CaseStage.FOLLOW_UP : CaseStage.CLOSED;
        this.closedAt = at;
        this.closedBy = by;
        this.daysToClose = daysBetween(acceptedAt, at);
    }

    private static java.math.BigDecimal daysBetween(Instant from, Instant to) {
        return java.math.BigDecimal.valueOf(java.time.Duration.between(from, to).toMinutes())
                .divide(java.math.BigDecimal.valueOf(24 * 60), 2, java.math.RoundingMode.HALF_UP);
    }

    /** The follow-up visit found nothing to do: the case is done. */
    public void completeFollowUp() {
        this.stage = CaseStage.CLOSED;
    }

    /** The problem is back (回访): a new handling round on the same case; counted, and closed again later. */
    public void reopen() {
        this.status = CaseStatus.OPEN;
        this.stage = CaseStage.HANDLING;
        this.closureReason = null;
        this.closureNote = null;
        this.closureRequestedAt = null;
        this.closedAt = null;
        this.closedBy = null;
        this.daysToClose = null;
        this.reopenCount++;
    }

    /** An approved extension (≤ 30 days, 信访工作条例 art. 34) moves the handling deadline. */
    public Instant extend(java.time.Duration by, String reason) {
        requireOpen();
        this.extendedDue = currentDue().plus(by);
        this.extensionReason = reason;
        return extendedDue;
    }

    /** The person withdrew: the case ends, closed as WITHDRAWN. */
    public void withdraw(Instant at, String by) {
        requireOpen();
        this.withdrawnAt = at;
        this.closureReason = ClosureReason.WITHDRAWN;
        this.status = CaseStatus.CLOSED;
        this.stage = CaseStage.CLOSED;
        this.closedAt = at;
        this.closedBy = by;
        this.daysToClose = daysBetween(acceptedAt, at);
    }

    /** Moves the case (and, through the service, its open tasks) to another station. */
    public void transferTo(Station other) {
        requireOpen();
        this.station = other;
    }

    /** The deadline in force: the extended one when an extension was approved. */
    public Instant currentDue() {
        return extendedDue != null ? extendedDue : handlingDue;
    }

    private void requireOpen() {
        if (status != CaseStatus.OPEN) {
            throw new org.weiquan.shared.Conflict("the case is " + status);
        }
    }

    public String mediator() {
        return mediator;
    }

    public String riskLevel() {
        return riskLevel;
    }

    public Instant extendedDue() {
        return extendedDue;
    }

    public ClosureReason closureReason() {
        return closureReason;
    }

    public String closureNote() {
        return closureNote;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public int reopenCount() {
        return reopenCount;
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

    public Station acceptedStation() {
        return acceptedStation;
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
