package org.weiquan.casefile;

import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.Contact;
import org.weiquan.intake.PetitionType;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;
import org.weiquan.station.Station;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 案件: an accepted contact, numbered per station and year. Its work is done in handling rounds (the first
 * from acceptance, another after each reopening), each with its own 60-day deadline; the case keeps the
 * current round's deadline and its final closure in columns of its own, so that search and the indicators
 * read one row per case.
 */
@Entity(name = "CaseFile")
@Table(name = "case_file")
public class Case {

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

    /** Closure date − acceptance date in whole Beijing dates (DESIGN §3), once closed. */
    @Column(name = "days_to_close", precision = 9, scale = 2)
    private java.math.BigDecimal daysToClose;

    @Column(name = "number_year", nullable = false)
    private int numberYear;

    @Column(name = "number_seq", nullable = false)
    private int numberSeq;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    /**
     * The same column as a value, read only, for queries that need the contact's key alone: joined to the contact
     * for it, PostgreSQL may merge-join along the contact's key and walk a million contacts to find the newest case's.
     */
    @Column(name = "contact_id", insertable = false, updatable = false)
    private Long contactKey;

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

    /** The current round's 60-day deadline (a copy of the round's, for search and the reports). */
    @Column(name = "handling_due", nullable = false)
    private Instant handlingDue;

    /** The current round's extended deadline, once an extension was approved (a copy of the round's). */
    @Column(name = "extended_due")
    private Instant extendedDue;

    @Column(length = 64)
    private String mediator;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level", length = 8)
    private RiskLevel riskLevel;

    @Enumerated(EnumType.STRING)
    @Column(name = "closure_reason", length = 32)
    private ClosureReason closureReason;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by", length = 64)
    private String closedBy;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;

    @OneToMany(mappedBy = "aCase", cascade = CascadeType.PERSIST)
    @OrderBy("number")
    private List<HandlingRound> rounds = new ArrayList<>();

    @OneToMany(mappedBy = "aCase", cascade = CascadeType.PERSIST)
    @OrderBy("dueOn")
    private List<FollowUpVisit> followUps = new ArrayList<>();

    @Version
    private long version;

    protected Case() {
    }

    private Case(CaseNumber number, Contact contact, Instant acceptedAt, String acceptedBy, Instant recordedAt) {
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
        describedByContact();
        startRound(acceptedAt, RoundStart.ACCEPTED, null, recordedAt, acceptedBy);
    }

    /** 受理: the contact becomes this case; its first handling round starts, 60 days from acceptance. */
    static Case open(CaseNumber number, Contact contact, Instant acceptedAt, String acceptedBy, Instant recordedAt) {
        return new Case(number, contact, acceptedAt, acceptedBy, recordedAt);
    }

    /** Takes over what the contact now says the matter is about; call it whenever the contact's description changes. */
    public void describedByContact() {
        this.primaryCategory = contact.primaryCategory();
        this.channel = contact.channel();
        this.petitionType = contact.petitionType();
        this.repeatOf = contact.repeatOf();
    }

    private HandlingRound startRound(Instant at, RoundStart reason, String note, Instant recordedAt, String by) {
        HandlingRound round = new HandlingRound(this, rounds.size() + 1, at, reason, note, recordedAt, by);
        rounds.add(round);
        deadlineMoved(round);
        return round;
    }

    /** The round's deadline changed (a new round, an approved extension): the case's copy follows. */
    void deadlineMoved(HandlingRound round) {
        if (round == currentRound()) {
            this.handlingDue = round.dueAt();
            this.extendedDue = round.extendedDueAt();
        }
    }

    public HandlingRound currentRound() {
        return rounds.get(rounds.size() - 1);
    }

    public List<HandlingRound> rounds() {
        return List.copyOf(rounds);
    }

    public void assignMediator(String username) {
        requireOpen();
        this.mediator = username;
    }

    public void recordRisk(RiskLevel level) {
        this.riskLevel = level;
    }

    /** Asks for the current round's one extension (≤ 30 days, 信访工作条例 art. 34); the supervisor decides. */
    public ExtensionRequest requestExtension(int days, String reason, Instant at, String by, Instant recordedAt) {
        requireOpen();
        return currentRound().requestExtension(days, reason, at, by, recordedAt);
    }

    /** The supervisor approves the request: the round's deadline moves by its days. */
    public Instant approveExtension(ExtensionRequest request, Instant at, String by, String comment, boolean grantLate) {
        requireOpen();
        return request.approve(at, by, comment, grantLate);
    }

    public void refuseExtension(ExtensionRequest request, Instant at, String by, String comment) {
        requireOpen();
        request.refuse(at, by, comment);
    }

    /** The mediator asks to close the current round, with the reason; the supervisor decides. */
    public ClosureRequest requestClosure(ClosureReason reason, String note, List<ContactAttempt> attempts, Instant at,
                                         String by, Instant recordedAt) {
        requireOpen();
        if (reason == ClosureReason.WITHDRAWN) {
            throw new Conflict("a withdrawal is recorded as such, not requested as a closure");
        }
        ClosureRequest request = currentRound().requestClosure(reason, note, attempts, at, by, recordedAt);
        this.stage = CaseStage.CLOSURE_REQUESTED;
        return request;
    }

    /** The supervisor sends the closure request back: handling goes on. */
    public void sendClosureBack(Instant at, String by, String comment) {
        requireOpen();
        pendingClosure().sendBack(at, by, comment);
        this.stage = CaseStage.HANDLING;
    }

    /**
     * 结案: the supervisor approves the closure; the round ends. A follow-up visit is scheduled {@code followUpDays}
     * after the closure date when the case's category calls for one.
     */
    public Optional<FollowUpVisit> approveClosure(Instant at, String by, String comment, int followUpDays) {
        requireOpen();
        ClosureRequest request = pendingClosure();
        request.approve(at, by, comment);
        HandlingRound round = currentRound();
        round.end(at);
        this.status = CaseStatus.CLOSED;
        this.closedAt = at;
        this.closedBy = by;
        this.closureReason = request.reason();
        this.daysToClose = java.math.BigDecimal.valueOf(Days.between(acceptedAt, at));
        if (!FollowUpPolicy.followsUp(primaryCategory)) {
            this.stage = CaseStage.CLOSED;
            return Optional.empty();
        }
        this.stage = CaseStage.FOLLOW_UP;
        LocalDate closedOn = Days.dateOf(at);
        FollowUpVisit visit = new FollowUpVisit(this, round, closedOn, FollowUpPolicy.dueOn(closedOn, followUpDays));
        followUps.add(visit);
        return Optional.of(visit);
    }

    /**
     * A follow-up visit of the last closure that the category does not call for but that took place (a ledger
     * records one): due on the given date.
     */
    public FollowUpVisit scheduleFollowUp(LocalDate dueOn) {
        if (status != CaseStatus.CLOSED || closedAt == null || withdrawnAt != null) {
            throw new Conflict("a follow-up visit follows a closure");
        }
        return dueFollowUp().orElseGet(() -> {
            FollowUpVisit visit = new FollowUpVisit(this, currentRound(), Days.dateOf(closedAt), dueOn);
            followUps.add(visit);
            return visit;
        });
    }

    private ClosureRequest pendingClosure() {
        return currentRound().pendingClosure()
                .orElseThrow(() -> new Conflict("no closure request of this case waits for a decision"));
    }

    /**
     * The follow-up visit was made; when the problem is back the case reopens for a new round of its own,
     * otherwise it is done. Returns the new round when there is one.
     */
    public Optional<HandlingRound> recordFollowUp(FollowUpVisit visit, Instant at, FollowUpResult result,
                                                  AgreementPerformed performed, boolean problemBack, String note,
                                                  String by, Instant recordedAt) {
        if (visit.aCase() != this) {
            throw new IllegalArgumentException("the visit belongs to another case");
        }
        boolean back = visit.record(at, result, performed, problemBack, note, by, recordedAt);
        if (back) {
            return Optional.of(reopen(at, RoundStart.REOPENED_AFTER_FOLLOW_UP, null, by, recordedAt));
        }
        if (status == CaseStatus.CLOSED) {
            this.stage = CaseStage.CLOSED;
        }
        return Optional.empty();
    }

    /** The follow-up visit still to make, if any. */
    public Optional<FollowUpVisit> dueFollowUp() {
        return followUps.stream().filter(FollowUpVisit::isDue).findFirst();
    }

    public List<FollowUpVisit> followUps() {
        return List.copyOf(followUps);
    }

    /**
     * 重新办理: a closed case gets a new handling round with its own 60 days from now (a problem back at the
     * follow-up, a failed closure audit); counted, and closed again later.
     */
    public HandlingRound reopen(Instant at, RoundStart reason, String note, String by, Instant recordedAt) {
        if (status != CaseStatus.CLOSED || withdrawnAt != null) {
            throw new Conflict("only a closed case can be reopened");
        }
        followUps.forEach(f -> f.cancel(at));
        this.status = CaseStatus.OPEN;
        this.stage = CaseStage.HANDLING;
        this.closureReason = null;
        this.closedAt = null;
        this.closedBy = null;
        this.daysToClose = null;
        this.reopenCount++;
        return startRound(at, reason, note, recordedAt, by);
    }

    /** The person withdrew: the case ends at once, closed as WITHDRAWN; nothing is left to visit. */
    public void withdraw(Instant at, String by) {
        if (withdrawnAt != null) {
            throw new Conflict("the case was already withdrawn");
        }
        if (status == CaseStatus.OPEN) {
            currentRound().end(at);
            currentRound().pendingClosure().ifPresent(c -> c.sendBack(at, by, null));
            this.closureReason = ClosureReason.WITHDRAWN;
            this.closedAt = at;
            this.closedBy = by;
            this.daysToClose = java.math.BigDecimal.valueOf(Days.between(acceptedAt, at));
        }
        followUps.forEach(f -> f.cancel(at));
        this.withdrawnAt = at;
        this.status = CaseStatus.CLOSED;
        this.stage = CaseStage.CLOSED;
    }

    /**
     * Moves the case to another station; its open work moves with it (the service moves the tasks) and the new
     * station assigns its own mediator.
     */
    public void transferTo(Station other) {
        requireOpen();
        this.station = other;
        this.mediator = null;
    }

    /** Letters and harassment complaints are answered in writing before they close (书面答复). */
    public boolean needsWrittenReply() {
        return channel == Channel.LETTER || primaryCategory == Category.SEXUAL_HARASSMENT;
    }

    /** Family disputes and domestic violence get a follow-up visit after closure. */
    public boolean needsFollowUp() {
        return FollowUpPolicy.followsUp(primaryCategory);
    }

    /** A domestic-violence case, by its primary or another category: its danger is assessed. */
    public boolean isDomesticViolence() {
        return primaryCategory == Category.DOMESTIC_VIOLENCE
                || contact.otherCategories().contains(Category.DOMESTIC_VIOLENCE);
    }

    /** The deadline in force: the current round's, extended when an extension was approved. */
    public Instant currentDue() {
        return extendedDue != null ? extendedDue : handlingDue;
    }

    private void requireOpen() {
        if (status != CaseStatus.OPEN) {
            throw new Conflict("the case is " + status);
        }
    }

    public String mediator() {
        return mediator;
    }

    public RiskLevel riskLevel() {
        return riskLevel;
    }

    public Instant extendedDue() {
        return extendedDue;
    }

    public ClosureReason closureReason() {
        return closureReason;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
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

    /**
     * The contact's id: the timeline and the access log are kept per contact. Read from the case's own column, so
     * that writing them does not load the contact and its categories; a case made in this transaction has it from its
     * contact.
     */
    public long contactId() {
        return contactKey != null ? contactKey : contact.id();
    }

    /** When the contact was received. */
    public Instant receivedAt() {
        return contact.receivedAt();
    }

    public long acceptedStationId() {
        return acceptedStation.id();
    }

    /** The code of the station that has the case now. */
    public String stationCode() {
        return station.code();
    }

    public Category primaryCategory() {
        return primaryCategory;
    }

    public Channel channel() {
        return channel;
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
