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
            String name = TestData.nameAt(i);
            PersonName.Keys keys = PersonName.keys(name);
            assertThat(PersonName.length(name)).isEqualTo(3);
            assertThat(byReading.put(PersonName.pinyin(name), name)).as("reads like %s", name).isNull();
            assertThat(byHead.put(keys.head(), name)).as("a typo of %s", name).isNull();
            assertThat(byGap.put(keys.gap(), name)).as("a typo of %s", name).isNull();
        }
        assertThat(TestData.distinctNames()).isGreaterThanOrEqualTo(1500);
    }

    /**
     * Each integration-test class runs in a JVM of its own and the classes of a fork share a database: a JVM that
     * loads {@code TestData} afresh must go on with the sequence, not begin it again (it began at a random place, so
     * a later class now and then made an earlier one's name, and its registration was refused as a duplicate).
     */
    @Test
    void aFreshlyLoadedTestDataGoesOnWhereTheLastNameLeftOff() throws Exception {
        String last = TestData.name();
        int at = java.util.stream.IntStream.range(0, TestData.distinctNames())
                .filter(i -> TestData.nameAt(i).equals(last)).findFirst().orElseThrow();
        try (FreshTestData fresh = new FreshTestData()) {
            Object next = fresh.loadClass(TestData.class.getName()).getMethod("name").invoke(null);
            assertThat(next).isEqualTo(TestData.nameAt((at + 1) % TestData.distinctNames()));
        }
    }

    /** Loads {@code TestData} itself, as a new JVM would, and everything else from the test's class path. */
    private static final class FreshTestData extends java.net.URLClassLoader {

        FreshTestData() {
            super(new java.net.URL[] {TestData.class.getProtectionDomain().getCodeSource().getLocation()},
                    TestData.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(TestData.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

}
