package org.weiquan.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Days counted one way everywhere (DESIGN §3, "How days are counted"): dates are Beijing dates; a
 * deadline of N days from an event on date D ends at 24:00 of D + N (the event's day is day 0); days
 * between two events are whole dates. Deadlines in hours are exact durations and need nothing here.
 */
public final class Days {

    private Days() {
    }

    /** The Beijing date of an instant. */
    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(StationTime.ZONE).toLocalDate();
    }

    /** The instant a deadline of {@code days} days from {@code event} passes: 24:00 of its date plus the days. */
    public static Instant deadline(Instant event, int days) {
        return endOf(dateOf(event).plusDays(days));
    }

    /** The same from a date (a ledger knows dates only). */
    public static Instant deadline(LocalDate event, int days) {
        return endOf(event.plusDays(days));
    }

    /** 24:00 of a Beijing date, i.e. the first instant of the next day: a deadline on that date passes then. */
    public static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(StationTime.ZONE).toInstant();
    }

    /** 00:00 of a Beijing date. */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(StationTime.ZONE).toInstant();
    }

    /** The last date on which a deadline passing at {@code deadline} is still met (what a page shows as 期限). */
    public static LocalDate lastDay(Instant deadline) {
        return dateOf(deadline.minusNanos(1));
    }

    /** Whole dates from one event to another: closure date − acceptance date. */
    public static long between(Instant from, Instant to) {
        return ChronoUnit.DAYS.between(dateOf(from), dateOf(to));
    }

    /** Days left to a deadline on {@code today}: 0 on its last day, negative once it has passed. */
    public static long left(Instant deadline, LocalDate today) {
        return ChronoUnit.DAYS.between(today, lastDay(deadline));
    }
}
