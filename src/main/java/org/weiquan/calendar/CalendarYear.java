package org.weiquan.calendar;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A year of the calendar that the administrator has checked against the State Council's notice. */
@Entity
@Table(name = "calendar_year")
public class CalendarYear {

    // YEAR is a keyword in H2
    @Id
    @Column(name = "calendar_year")
    private int year;

    @Column(name = "confirmed_by", nullable = false, length = 64)
    private String confirmedBy;

    @Column(name = "confirmed_at", nullable = false)
    private Instant confirmedAt;

    protected CalendarYear() {
    }

    CalendarYear(int year, String confirmedBy, Instant confirmedAt) {
        this.year = year;
        this.confirmedBy = confirmedBy;
        this.confirmedAt = confirmedAt;
    }

    public int year() {
        return year;
    }

    public String confirmedBy() {
        return confirmedBy;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }
}
