package org.weiquan.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Counts working days: Monday to Friday, except holidays, plus make-up working days. Pure: the
 * overrides are given, so that it can be used and tested without a database.
 */
public final class WorkingDays {

    private final Map<LocalDate, DayKind> overrides;

    public WorkingDays(Map<LocalDate, DayKind> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayKind kind = overrides.get(date);
        if (kind != null) {
            return kind == DayKind.WORKDAY;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The day on which {@code days} working days after {@code from} have passed (from itself not counted). */
    public LocalDate plus(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        LocalDate d = from;
        int counted = 0;
        while (counted < days) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }
}
