package org.weiquan.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StationTimeTest {

    private static final Instant ACCEPTED = Instant.parse("2026-12-05T03:53:40Z");

    @Test
    void aTimeTypedInTheMinuteOfTheEventIsNotBeforeIt() {
        assertThat(StationTime.typedBefore(Instant.parse("2026-12-05T03:53:00Z"), ACCEPTED)).isFalse();
        assertThat(StationTime.typedBefore(Instant.parse("2026-12-05T03:52:00Z"), ACCEPTED)).isTrue();
    }

    @Test
    void datesAndTimesAreWrittenAsChineseTextsInBeijingTime() {
        assertThat(StationTime.text(LocalDate.of(2027, 1, 4))).isEqualTo("2027年1月4日");
        assertThat(StationTime.text(ACCEPTED)).isEqualTo("2026年12月5日 11:53");
    }
}
