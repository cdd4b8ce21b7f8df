package org.weiquan.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingDaysTest {

    /** Spring Festival 2026: 15–23 February off; Saturday 14 and Saturday 28 February are worked. */
    private final WorkingDays calendar = new WorkingDays(springFestival2026());

    private static Map<LocalDate, DayKind> springFestival2026() {
        Map<LocalDate, DayKind> days = new java.util.HashMap<>();
        for (int d = 15; d <= 23; d++) {
            days.put(LocalDate.of(2026, 2, d), DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 2, 14), DayKind.WORKDAY);
        days.put(LocalDate.of(2026, 2, 28), DayKind.WORKDAY);
        return days;
    }

    @Test
    void anOrdinaryWeekSkipsTheWeekend() {
        // Thursday 5 March 2026 + 5 working days = Thursday 12 March
        assertThat(calendar.plus(LocalDate.of(2026, 3, 5), 5)).isEqualTo(LocalDate.of(2026, 3, 12));
    }

    @Test
    void fiveWorkingDaysAcrossTheSpringFestivalCountTheMakeUpSaturdaysAndSkipTheHolidays() {
        // from Friday 13 Feb: Sat 14 (worked), then holidays until Mon 23, then Tue 24, Wed 25, Thu 26, Fri 27
        assertThat(calendar.plus(LocalDate.of(2026, 2, 13), 5)).isEqualTo(LocalDate.of(2026, 2, 27));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 18))).isFalse();
    }

    @Test
    void zeroDaysIsTheSameDayAndNegativeDaysAreRefused() {
        assertThat(calendar.plus(LocalDate.of(2026, 3, 5), 0)).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThatThrownBy(() -> calendar.plus(LocalDate.of(2026, 3, 5), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
