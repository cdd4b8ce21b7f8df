package org.weiquan.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The stations all keep Beijing time; the API shows instants in it. */
public final class StationTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private StationTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }

    /** A date as a Chinese text says it (2026年3月2日): what timeline entries and documents write, never ISO. */
    public static String text(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    /** An instant as a Chinese text says it, in Beijing time (2026年3月2日 14:05). */
    public static String text(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(ZONE));
    }

    /**
     * Whether a time a person typed (to the minute, as the forms take it) lies before an event the system
     * recorded to the second: a session held in the minute the case was accepted is not before it.
     */
    public static boolean typedBefore(Instant typed, Instant recorded) {
        return typed.isBefore(recorded.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
}
