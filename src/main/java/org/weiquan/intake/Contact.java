package org.weiquan.intake;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.QueryHint;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.weiquan.shared.Conflict;
import org.weiquan.station.Station;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** 接待登记: a letter, visit, call or message, registered before anyone decides what it is. */
@Entity
@Table(name = "contact")
// named, so that EclipseLink builds their SQL once: made per call, their hint made it build the SQL again at every claim
// and decision. A contact this transaction has read already is taken from it, as a find would
@NamedQueries({
        @NamedQuery(name = Contact.WITH_STATION, query = "SELECT c FROM Contact c JOIN FETCH c.station WHERE c.id = :id",
                hints = @QueryHint(name = "eclipselink.cache-usage", value = "CheckCacheByExactPrimaryKey")),
        @NamedQuery(name = Contact.FOR_ACCEPTANCE, query = "SELECT c FROM Contact c JOIN FETCH c.station"
                + " LEFT JOIN FETCH c.otherCategories WHERE c.id = :id",
                hints = @QueryHint(name = "eclipselink.cache-usage", value = "CheckCacheByExactPrimaryKey"))})
public class Contact {

    static final String WITH_STATION = "Contact.withStation";
    static final String FOR_ACCEPTANCE = "Contact.forAcceptance";

    /** 信访工作条例 art. 22: decide on acceptance within 15 days of receipt. */
    public static final int REVIEW_DAYS = 15;

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
    @Column(name = "petition_type", length = 16)
    private PetitionType petitionType;

    @Enumerated(EnumType.STRING)
    @Column(name = "primary_category", length = 40)
    private Category primaryCategory;

    // read when asked for: a review's decision, a timeline entry or a case task's claim loads the contact without
    // needing them
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "contact_category", joinColumns = @JoinColumn(name = "contact_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "category", length = 40)
    private Set<Category> otherCategories = EnumSet.noneOf(Category.class);

    @Embedded
    private ContactFlags flags = ContactFlags.of(Set.of());

    @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<Party> parties = new ArrayList<>();

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "repeat_of_contact_id")
    private Contact repeatOf;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private ContactStatus status;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "registered_by", nullable = false, length = 64)
    private String registeredBy;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private ReviewDecision decision;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decided_by", length = 64)
    private String decidedBy;

    @Column(name = "decision_reason", length = 1000)
    private String decisionReason;

    @Column(name = "referred_to", length = 200)
    private String referredTo;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "transferred_from_station_id")
    private Station transferredFrom;

    @Column(name = "objected_at")
    private Instant objectedAt;

    @Column(name = "objected_by", length = 64)
    private String objectedBy;

    @Column(name = "objection_reason", length = 1000)
    private String objectionReason;

    @Column(name = "acknowledged_on")
    private LocalDate acknowledgedOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "acknowledgement_form", length = 16)
    private AcknowledgementForm acknowledgementForm;

    @Column(name = "acknowledged_by", length = 64)
    private String acknowledgedBy;

    @Column(name = "case_number", length = 48)
    private String caseNumber;

    /** The fingerprint of the ledger row this contact was imported from, if any. */
    @Column(name = "import_key", length = 64)
    private String importKey;

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

    /** What the matter is about: petition type, categories and flags. */
    public void describe(PetitionType petitionType, Category primary, Set<Category> others, ContactFlags flags) {
        this.petitionType = petitionType;
        this.primaryCategory = primary;
        this.otherCategories = others.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(others);
        this.otherCategories.remove(primary);
        this.flags = flags;
    }

    public void rewriteSummary(String summary) {
        this.summary = Objects.requireNonNull(summary);
    }

    public Party addParty(PartyRole role, String name, String namePinyin, Gender gender, LocalDate birthDate,
                          Integer age, String relation) {
        Party party = new Party(this, parties.size(), role, name, namePinyin, gender, birthDate, age, relation);
        parties.add(party);
        return party;
    }

    /** Marks the contact as brought in from a ledger row with this fingerprint. */
    public void importedFrom(String importKey) {
        this.importKey = importKey;
    }

    /** The same person came back about the same matter (重复访). */
    public void linkAsRepeatOf(Contact earlier) {
        this.repeatOf = Objects.requireNonNull(earlier);
        this.flags = flags.markRepeatVisit();
    }

    /** Records that the person was told the contact is being handled (告知). */
    public void acknowledge(LocalDate on, AcknowledgementForm form, String by) {
        if (acknowledgedOn != null) {
            throw new Conflict("the acknowledgement is already recorded");
        }
        this.acknowledgedOn = on;
        this.acknowledgementForm = form;
        this.acknowledgedBy = by;
    }

    public void answerAsConsultation(String answer, Instant at, String by) {
        decide(ReviewDecision.CONSULTATION_ANSWERED, ContactStatus.CONSULTATION_ANSWERED, answer, null, at, by);
    }

    public void notAccept(String reason, String toldToGoTo, Instant at, String by) {
        decide(ReviewDecision.NOT_ACCEPTED, ContactStatus.NOT_ACCEPTED, reason, toldToGoTo, at, by);
    }

    public void transferOut(String body, String reason, Instant at, String by) {
        decide(ReviewDecision.TRANSFERRED, ContactStatus.TRANSFERRED_OUT, reason, body, at, by);
    }

    /** Accepted (受理): the contact becomes the case with this number. */
    public void accept(String caseNumber, Instant at, String by) {
        decide(ReviewDecision.ACCEPTED, ContactStatus.ACCEPTED, null, null, at, by);
        this.caseNumber = Objects.requireNonNull(caseNumber);
    }

    /** Moves the review to another station, which decides afresh; the contact stays undecided. */
    public void transferTo(Station other, String reason, Instant at, String by) {
        requireUndecided();
        if (other.id().equals(station.id())) {
            throw new IllegalArgumentException("a contact cannot be transferred to its own station");
        }
        this.transferredFrom = station;
        this.station = other;
        parties.forEach(p -> p.movedWith(other));
        this.decision = ReviewDecision.TRANSFERRED;
        this.decisionReason = reason;
        this.referredTo = other.code();
        this.decidedAt = at;
        this.decidedBy = by;
    }

    /**
     * The station this contact was transferred to says it is not its matter (信访工作条例 art. 23): the contact goes
     * back to the station that transferred it, whose review runs on from receipt.
     */
    public void returnAfterObjection(String reason, Instant at, String by) {
        if (transferredFrom == null || status != ContactStatus.AWAITING_REVIEW) {
            throw new Conflict("only a contact transferred to this station and not yet decided can be sent back");
        }
        this.station = transferredFrom;
        parties.forEach(p -> p.movedWith(transferredFrom));
        this.transferredFrom = null;
        this.decision = null;
        this.decisionReason = null;
        this.referredTo = null;
        this.decidedAt = null;
        this.decidedBy = null;
        this.objectedAt = at;
        this.objectedBy = by;
        this.objectionReason = reason;
    }

    private void decide(ReviewDecision decision, ContactStatus status, String reason, String referredTo, Instant at,
                        String by) {
        requireUndecided();
        this.decision = decision;
        this.status = status;
        this.decisionReason = reason;
        this.referredTo = referredTo;
        this.decidedAt = at;
        this.decidedBy = by;
    }

    private void requireUndecided() {
        if (status.isDecided()) {
            throw new Conflict("the contact was already decided: " + status);
        }
    }

    /**
     * The acceptance decision is due 15 days after receipt (after the transfer, for a transferred contact): at
     * 24:00 of the fifteenth day (DESIGN §3, "How days are counted").
     */
    public Instant reviewDue() {
        Instant from = transferredFrom != null && decidedAt != null && status == ContactStatus.AWAITING_REVIEW
                ? decidedAt : receivedAt;
        return org.weiquan.shared.Days.deadline(from, REVIEW_DAYS);
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

    public PetitionType petitionType() {
        return petitionType;
    }

    public Category primaryCategory() {
        return primaryCategory;
    }

    public Set<Category> otherCategories() {
        return otherCategories.isEmpty() ? Set.of() : EnumSet.copyOf(otherCategories);
    }

    public ContactFlags flags() {
        return flags;
    }

    public List<Party> parties() {
        return List.copyOf(parties);
    }

    public Contact repeatOf() {
        return repeatOf;
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

    public ReviewDecision decision() {
        return decision;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String decisionReason() {
        return decisionReason;
    }

    public String referredTo() {
        return referredTo;
    }

    public Station transferredFrom() {
        return transferredFrom;
    }

    public LocalDate acknowledgedOn() {
        return acknowledgedOn;
    }

    public AcknowledgementForm acknowledgementForm() {
        return acknowledgementForm;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public long version() {
        return version;
    }
}
