package org.weiquan.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A phone number of a party, encrypted, with its blind index and whether calling is safe. */
@Entity
@Table(name = "party_phone")
public class PartyPhone {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "party_phone_seq")
    @SequenceGenerator(name = "party_phone_seq", sequenceName = "party_phone_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "party_id")
    private Party party;

    @Column(nullable = false)
    private int position;

    @Column(name = "number_enc", nullable = false, length = 200)
    private String numberEncrypted;

    @Column(name = "number_idx", nullable = false, length = 64)
    private String numberIndex;

    @Column(name = "safe_to_contact", nullable = false)
    private boolean safeToContact;

    protected PartyPhone() {
    }

    PartyPhone(Party party, int position, String numberEncrypted, String numberIndex, boolean safeToContact) {
        this.party = party;
        this.position = position;
        this.numberEncrypted = numberEncrypted;
        this.numberIndex = numberIndex;
        this.safeToContact = safeToContact;
    }

    public String numberEncrypted() {
        return numberEncrypted;
    }

    public String numberIndex() {
        return numberIndex;
    }

    public boolean safeToContact() {
        return safeToContact;
    }
}
