package org.weiquan.station;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.Objects;

/**
 * A partner agency cases are referred to (转介): police, court, legal aid, judicial office, civil
 * affairs and its shelter, HR and social security, hospital, school. Identified by its code; the
 * station is the one it works with most (its area), or none.
 */
@Entity
@Table(name = "partner_agency")
public class PartnerAgency {

    @Id
    @Column(length = 32)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private AgencyKind kind;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "station_id")
    private Station station;

    @Column(nullable = false)
    private boolean active = true;

    @jakarta.persistence.Version
    private long version;

    protected PartnerAgency() {
    }

    public PartnerAgency(String code, String name, AgencyKind kind, Station station) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.station = station;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public AgencyKind kind() {
        return kind;
    }

    /** Changes what the agency is called, what kind it is (which sets its answer period) and whose area it serves. */
    public void edit(String newName, AgencyKind newKind, Station newStation) {
        this.name = Objects.requireNonNull(newName);
        this.kind = Objects.requireNonNull(newKind);
        this.station = newStation;
    }

    /** No new referral goes to the agency; earlier referrals keep it. */
    public void deactivate() {
        if (!active) {
            throw new IllegalStateException("the agency is already inactive");
        }
        active = false;
    }

    /** The agency takes referrals again. */
    public void reactivate() {
        active = true;
    }

    public boolean isActive() {
        return active;
    }

    public long version() {
        return version;
    }

    /** The station whose area the agency serves, or null. */
    public Station station() {
        return station;
    }
}
