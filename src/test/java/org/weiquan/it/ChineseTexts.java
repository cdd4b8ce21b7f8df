package org.weiquan.it;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Chinese text shown to station staff must not hold: code names, task ids, ISO dates or English words. */
public final class ChineseTexts {

    private ChineseTexts() {
    }

    public static void assertReadable(String text) {
        // the test users' display names ("测试 h-mediator", see TestUsers) are the tests' own data
        assertThat(text.replaceAll("测试 [a-z0-9-]+", "测试人员")).as("a text for station staff").doesNotContain("Task_")
                .doesNotContainPattern("[A-Z][A-Z_]{2,}")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
                .doesNotContainPattern("\\b[a-z]{4,}\\b");
    }
}
