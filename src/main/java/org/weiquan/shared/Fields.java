package org.weiquan.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

    /** An ISO-8601 time with offset, or null (blank or wrong, the latter with an error). */
    public static Instant offsetTime(InvalidInput.Collector errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO-8601 time with offset, e.g. 2026-01-01T00:00:00+08:00");
            return null;
        }
    }
}
