package org.weiquan.intake;

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
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.weiquan.station.Station;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 当事人. The name is stored plain (lists show it masked); the identity number, phones and address
 * are stored encrypted, with blind indexes for the numbers.
 */
@Entity
@Table(name = "party")
public class Party {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "party_seq")
    @SequenceGenerator(name = "party_seq", sequenceName = "party_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "contact_id")
    private Contact contact;

    /**
     * The contact's station, kept with the party (V97) so that the duplicate search checks its scope in the name's
     * index instead of joining every namesake's contact; {@link Contact} moves it when the contact moves.
     */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "station_id")
    private Station station;

    @Column(nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PartyRole role;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "name_pinyin", nullable = false, length = 300)
    private String namePinyin;

    /** The name with its last character hidden, for the duplicate search; see {@link PersonName#keys}. */
    @Column(name = "name_key_head", length = 100)
    private String nameKeyHead;

    /** The name with its second-to-last character hidden; see {@link PersonName#keys}. */
    @Column(name = "name_key_gap", length = 100)
    private String nameKeyGap;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private Gender gender;

    @Column(name = "birth_date")
    private LocalDate birthDate;

    private Integer age;

    @Column(name = "id_number_enc", length = 200)
    private String idNumberEncrypted;

    @Column(name = "id_number_idx", length = 64)
    private String idNumberIndex;

    @Column(name = "address_enc", length = 2000)
    private String addressEncrypted;

    @Column(name = "address_safe", nullable = false)
    private boolean addressSafeToContact;

    @Column(length = 50)
    private String relation;

    @OneToMany(mappedBy = "party", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<PartyPhone> phones = new ArrayList<>();

    protected Party() {
    }

    Party(Contact contact, int position, PartyRole role, String name, String namePinyin, Gender gender,
          LocalDate birthDate, Integer age, String relation) {
        this.contact = contact;
        this.station = contact.station();
        this.position = position;
        this.role = role;
        this.name = name;
        this.namePinyin = namePinyin;
        PersonName.Keys keys = PersonName.keys(name);
        this.nameKeyHead = keys == null ? null : keys.head();
        this.nameKeyGap = keys == null ? null : keys.gap();
        this.gender = gender;
        this.birthDate = birthDate;
        this.age = age;
        this.relation = relation;
    }

    /** The contact has moved to {@code station} (a transfer, or its return after an objection). */
    void movedWith(Station station) {
        this.station = station;
    }

    public void recordIdNumber(String encrypted, String blindIndex) {
        this.idNumberEncrypted = encrypted;
        this.idNumberIndex = blindIndex;
    }

    public void recordAddress(String encrypted, boolean safeToContact) {
        this.addressEncrypted = encrypted;
        this.addressSafeToContact = safeToContact;
    }

    public void addPhone(String encrypted, String blindIndex, boolean safeToContact) {
        phones.add(new PartyPhone(this, phones.size(), encrypted, blindIndex, safeToContact));
    }

    /**
     * A minor by the one rule of {@link Minors}; the identity number is stored encrypted here, so a caller that
     * holds it decrypted passes it in.
     */
    public boolean isMinor(String idNumber, LocalDate today) {
        return Minors.isMinor(role, birthDate, age, idNumber, today);
    }

    public Long id() {
        return id;
    }

    public Contact contact() {
        return contact;
    }

    public PartyRole role() {
        return role;
    }

    public String name() {
        return name;
    }

    public String namePinyin() {
        return namePinyin;
    }

    public Gender gender() {
        return gender;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    public Integer age() {
        return age;
    }

    public String idNumberEncrypted() {
        return idNumberEncrypted;
    }

    public String idNumberIndex() {
        return idNumberIndex;
    }

    public String addressEncrypted() {
        return addressEncrypted;
    }

    public boolean addressSafeToContact() {
        return addressSafeToContact;
    }

    public String relation() {
        return relation;
    }

    public List<PartyPhone> phones() {
        return List.copyOf(phones);
    }
}
