package org.weiquan.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A member of staff away from–to (leave, illness, training), set by a supervisor: her work goes to her station. */
@Entity
@Table(name = "absence")
public class Absence {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "absence_seq")
    @SequenceGenerator(name = "absence_seq", sequenceName = "absence_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "from_date", nullable = false)
    private LocalDate from;

    @Column(name = "to_date", nullable = false)
    private LocalDate to;

    @Column(nullable = false, length = 500)
    private String reason;

    @Column(name = "set_by", nullable = false, length = 64)
    private String setBy;

    @Column(name = "set_at", nullable = false)
    private Instant setAt;

    protected Absence() {
    }

    public Absence(String username, LocalDate from, LocalDate to, String reason, String setBy, Instant setAt) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("an absence ends on or after its first day");
        }
        this.username = username;
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.setBy = setBy;
        this.setAt = setAt;
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public String reason() {
        return reason;
    }
}
