package org.weiquan.casefile;

import java.time.Duration;
import java.time.Instant;

/** How an open case stands against its handling deadline. */
public enum DeadlineState {
    ON_TIME,
    /** within 7 days of the deadline */
    DUE_SOON,
    OVERDUE;

    static final Duration SOON = Duration.ofDays(7);

    public static DeadlineState of(Instant due, Instant now) {
        if (!now.isBefore(due)) {
            return OVERDUE;
        }
        return now.plus(SOON).isAfter(due) ? DUE_SOON : ON_TIME;
    }
}
