package org.weiquan.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.weiquan.station.Station;

import java.time.Instant;
import java.time.LocalDate;

/** One draw: which station, which period, which seed, how many cases, by whom. */
@Entity
@Table(name = "closure_audit")
public class ClosureAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "closure_audit_seq")
    @SequenceGenerator(name = "closure_audit_seq", sequenceName = "closure_audit_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "station_id")
    private Station station;

    @Column(name = "period_from", nullable = false)
    private LocalDate periodFrom;

    @Column(name = "period_to", nullable = false)
    private LocalDate periodTo;

    @Column(nullable = false)
    private long seed;

    @Column(name = "sample_size", nullable = false)
    private int sampleSize;

    @Column(name = "drawn_at", nullable = false)
    private Instant drawnAt;

    @Column(name = "drawn_by", nullable = false, length = 64)
    private String drawnBy;

    protected ClosureAudit() {
    }

    ClosureAudit(Station station, LocalDate from, LocalDate to, long seed, int size, Instant at, String by) {
        this.station = station;
        this.periodFrom = from;
        this.periodTo = to;
        this.seed = seed;
        this.sampleSize = size;
        this.drawnAt = at;
        this.drawnBy = by;
    }

    public Long id() {
        return id;
    }

    public Station station() {
        return station;
    }

    public LocalDate periodFrom() {
        return periodFrom;
    }

    public LocalDate periodTo() {
        return periodTo;
    }

    public long seed() {
        return seed;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public Instant drawnAt() {
        return drawnAt;
    }

    public String drawnBy() {
        return drawnBy;
    }
}
