package org.weiquan.casework;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The days a list shows as left, in Beijing dates, and the order of risk the inbox keeps. */
class InboxOrderTest {

    // 2026-03-02 10:00 in Beijing
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void aDeadlineAtMidnightFallsOnTheDayItEnds() {
        // a deadline "3 days from 2 March" ends at 24:00 of 5 March, i.e. 6 March 00:00 Beijing
        assertThat(TaskView.daysLeft(Instant.parse("2026-03-05T16:00:00Z"), NOW)).isEqualTo(3);
        assertThat(TaskView.daysLeft(Instant.parse("2026-03-02T16:00:00Z"), NOW)).as("ends tonight").isZero();
        assertThat(TaskView.daysLeft(Instant.parse("2026-03-02T06:00:00Z"), NOW)).as("at 14:00 today").isZero();
        assertThat(TaskView.daysLeft(Instant.parse("2026-02-28T16:00:00Z"), NOW)).as("ended on 28 Feb").isEqualTo(-2);
        assertThat(TaskView.daysLeft(null, NOW)).isNull();
    }

    @Test
    void highRiskFirstThenMediumThenLowThenNotAssessed() {
        List<String> levels = new ArrayList<>(java.util.Arrays.asList("LOW", null, "HIGH", "MEDIUM", "OTHER", "HIGH"));
        levels.sort(Comparator.comparingInt(TaskInbox::riskRank));
        assertThat(levels).containsExactly("HIGH", "HIGH", "MEDIUM", "LOW", null, "OTHER");
    }
}
