package org.weiquan.intake;

import org.junit.jupiter.api.Test;
import org.weiquan.it.TestData;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration tests' names never look like one another to the duplicate warning. A test that registers a contact
 * without {@code confirmedNew} expects no warning; with random names a homophone of an earlier test's complainant in
 * the same scope had made it fail now and then (卫 and 魏 read alike).
 */
class TestNamesTest {

    @Test
    void noTwoTestNamesAreTheSameAHomophoneOrATypoOfOneAnother() {
        Map<String, String> byReading = new HashMap<>();
        Map<String, String> byHead = new HashMap<>();
        Map<String, String> byGap = new HashMap<>();
        for (int i = 0; i < TestData.distinctNames(); i++) {
            String name = TestData.name();
            PersonName.Keys keys = PersonName.keys(name);
            assertThat(PersonName.length(name)).isEqualTo(3);
            assertThat(byReading.put(PersonName.pinyin(name), name)).as("reads like %s", name).isNull();
            assertThat(byHead.put(keys.head(), name)).as("a typo of %s", name).isNull();
            assertThat(byGap.put(keys.gap(), name)).as("a typo of %s", name).isNull();
        }
        assertThat(TestData.distinctNames()).isGreaterThanOrEqualTo(1500);
    }
}
