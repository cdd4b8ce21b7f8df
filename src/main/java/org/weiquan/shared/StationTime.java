package org.weiquan.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The stations all keep Beijing time; the API shows instants in it. */
public final class StationTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private StationTime() {
    }

    public static OffsetDateTime of(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
