package org.weiquan.web;

import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** What a search form's fields mean to its service: an empty field is no filter, a day is a Beijing day. */
final class SearchFields {

    private SearchFields() {
    }

    static String blank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The start of the day typed (2026-03-02), Beijing time; null when empty. */
    static Instant day(String v, String field) {
        if (blank(v) == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip()).atStartOfDay(StationTime.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInput.of(field, "must be a date like 2026-03-02");
        }
    }

    /** The end of the day typed: a "to" date includes its whole day. */
    static Instant dayAfter(String v, String field) {
        Instant start = day(v, field);
        return start == null ? null : start.plus(Duration.ofDays(1));
    }
}
