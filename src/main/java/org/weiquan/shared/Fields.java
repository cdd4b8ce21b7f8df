package org.weiquan.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Parsing of request fields that names the field and the rule on failure, never the value typed. */
public final class Fields {

    private Fields() {
    }

    /** The enum constant named {@code value}, or null with an error listing the allowed names. */
    public static <E extends Enum<E>> E enumValue(InvalidInput.Collector errors, String field, String value,
                                                  Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(field, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
            return null;
        }
    }

    /**
     * An ISO-8601 time with offset between the years 1900 and 2999, or null (blank or wrong, the latter
     * with an error).
     */
    public static Instant offsetTime(InvalidInput.Collector errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value.strip());
            if (time.getYear() < 1900 || time.getYear() > 2999) {
                errors.add(field, "must lie between the years 1900 and 2999");
                return null;
            }
            return time.toInstant();
        } catch (DateTimeException e) {
            errors.add(field, "must be an ISO-8601 time with offset, e.g. 2026-01-01T00:00:00+08:00");
            return null;
        }
    }

    /**
     * A whole number from a query parameter between {@code min} and {@code max}, or null when absent
     * (or wrong, with an error naming the parameter and the range).
     */
    public static Integer wholeNumber(InvalidInput.Collector errors, String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!v.matches("-?[0-9]{1,10}")) {
            errors.add(field, "must be a whole number between " + min + " and " + max);
            return null;
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            errors.add(field, "must be a whole number between " + min + " and " + max);
            return null;
        }
        return (int) n;
    }
}
