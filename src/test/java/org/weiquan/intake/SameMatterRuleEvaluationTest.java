package org.weiquan.intake;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate rule measured on 10,000 and on 100,000 generated contacts with realistic Chinese names
 * ({@link RealisticNames}): how many retyped duplicates it finds (recall) and how many new unrelated contacts it
 * warns about (false alarms). Candidates are looked up the way the database does it (by pinyin and by the name
 * keys), then judged by {@link SameMatterRule} with the number of namesakes the search sees. The figures are
 * printed; the bounds are a little below what was measured, so that the rule cannot quietly get worse. Measured at
 * 10,000: recall 0.892 (0.808 without the same phone), false alarms 0.021 (0.909, 0.838 and 0.025 before a common
 * name stopped counting alone); the old "one character apart" rule warned on 0.737 of the unrelated contacts. At
 * 100,000: recall 0.851 (0.745 without the same phone), false alarms 0.108, against 0.907, 0.840 and 0.203 before.
 *
 * <p>What a contact holds, as the stations' data suggests: a complainant (85 % women), gender recorded for 95 %,
 * age for 70 %, a phone for 85 %, a named respondent for 65 %. A duplicate is the same person registered again by
 * someone else: the name the same (40 %), with a homophone character (25 %), one of the last two characters
 * mistyped (25 %; two-character names are kept), or typed in pinyin (10 %); the same phone in half of them, a new
 * phone or none otherwise; the age the same or a year off; the same respondent in 70 %, a homophone of it in 10 %.
 */
class SameMatterRuleEvaluationTest {

    static final int EXISTING = 10_000;
    /** A large scope: a county's intake staff see every contact of the county. */
    static final int LARGE = 100_000;
    static final int PROBES = 2_000;

    record Contact(int id, String complainant, boolean female, Gender gender, Integer age, String respondent,
                   String phone) {
        SameMatterRule.Person person() {
            return SameMatterRule.Person.of(complainant, gender, age, respondent);
        }
    }

    record Figures(double recall, double recallWithoutPhone, double falseAlarms, double oldFalseAlarms) {
    }

    private static final Map<Integer, World> WORLDS = new HashMap<>();

    /** The generated contacts of a scope of {@code size}, measured once per run. */
    static synchronized Figures measure(int size) {
        return WORLDS.computeIfAbsent(size, s -> new World(s, SameMatterSearch.PER_KEY)).measure();
    }

    /** A scope's earlier contacts, indexed as the database indexes them, and the random source of its probes. */
    static final class World {
        final int size;
        final int perKey;
        final List<Contact> existing = new ArrayList<>();
        final Map<String, Set<Integer>> index = new HashMap<>();
        final Map<String, Set<Integer>> byPhone = new HashMap<>();
        final Random random = new Random(20261205L);
        final RealisticNames names = new RealisticNames(random);
        final Map<String, List<String>> homophones = names.homophones();
        int phones;
        Figures figures;

        World(int size, int perKey) {
            this.size = size;
            this.perKey = perKey;
            for (int i = 0; i < size; i++) {
                Contact c = fresh(i);
                existing.add(c);
                indexName("c:", c.complainant(), i);
                if (c.respondent() != null) {
                    indexName("r:", c.respondent(), i);
                }
                if (c.phone() != null) {
                    byPhone.computeIfAbsent(c.phone(), k -> new HashSet<>()).add(i);
                }
            }
        }

        Contact fresh(int id) {
            boolean female = random.nextDouble() < 0.85;
            Gender gender = random.nextDouble() < 0.95 ? (female ? Gender.FEMALE : Gender.MALE) : null;
            Integer age = random.nextDouble() < 0.7 ? (int) Math.max(18, Math.min(85, 42 + random.nextGaussian() * 12)) : null;
            String respondent = random.nextDouble() < 0.65 ? names.name(!female) : null;
            return new Contact(id, names.name(female), female, gender, age, respondent, random.nextDouble() < 0.85 ? phone() : null);
        }

        String phone() {
            return "139" + String.format("%08d", phones++);
        }

        /** The same person registered again by someone else. */
        Contact duplicateOf(Contact s, int id) {
            double r = random.nextDouble();
            String name = r < 0.40 ? s.complainant() : r < 0.65 ? homophone(s.complainant())
                    : r < 0.90 ? mistyped(s.complainant()) : spacedPinyin(s.complainant());
            double p = random.nextDouble();
            String phone = p < 0.5 ? s.phone() : p < 0.7 ? phone() : null;
            Gender gender = random.nextDouble() < 0.95 ? (s.female() ? Gender.FEMALE : Gender.MALE) : null;
            Integer age = s.age() == null || random.nextDouble() < 0.3 ? null
                    : s.age() + (random.nextDouble() < 0.2 ? (random.nextBoolean() ? 1 : -1) : 0);
            String respondent = null;
            if (s.respondent() != null) {
                double q = random.nextDouble();
                respondent = q < 0.7 ? s.respondent() : q < 0.8 ? homophone(s.respondent()) : null;
            }
            return new Contact(id, name, s.female(), gender, age, respondent, phone);
        }

        String homophone(String name) {
            int position = name.length() - 1 - random.nextInt(Math.min(2, name.length() - 1));
            String c = name.substring(position, position + 1);
            List<String> same = homophones.getOrDefault(PersonName.pinyin(c), List.of()).stream()
                    .filter(h -> !h.equals(c)).toList();
            return same.isEmpty() ? name
                    : name.substring(0, position) + same.get(random.nextInt(same.size())) + name.substring(position + 1);
        }

        String mistyped(String name) {
            if (name.length() < 3) {
                return name;
            }
            int position = name.length() - 1 - random.nextInt(2);
            String c;
            do {
                c = names.anyCharacter();
            } while (c.equals(name.substring(position, position + 1)));
            return name.substring(0, position) + c + name.substring(position + 1);
        }

        static String spacedPinyin(String name) {
            String pinyin = PersonName.pinyin(name);
            return Character.toUpperCase(pinyin.charAt(0)) + pinyin.substring(1);
        }

        void indexName(String role, String name, int id) {
            index.computeIfAbsent(role + "p:" + PersonName.pinyin(name), k -> new HashSet<>()).add(id);
            PersonName.Keys keys = PersonName.keys(name);
            if (keys != null) {
                index.computeIfAbsent(role + "h:" + keys.head(), k -> new HashSet<>()).add(id);
                index.computeIfAbsent(role + "g:" + keys.gap(), k -> new HashSet<>()).add(id);
            }
        }

        /** What the index offers for a name, as the database's query does: each key's newest matches. */
        Set<Integer> lookUp(String role, String name, Set<Integer> into) {
            into.addAll(newest(role + "p:" + PersonName.pinyin(name)));
            PersonName.Keys keys = PersonName.keys(name);
            if (keys != null) {
                into.addAll(newest(role + "h:" + keys.head()));
                into.addAll(newest(role + "g:" + keys.gap()));
            }
            return into;
        }

        /** A key's {@link #perKey} newest matches (ids grow with time), as each branch of the search reads them. */
        List<Integer> newest(String key) {
            return index.getOrDefault(key, Set.of()).stream().sorted(java.util.Comparator.reverseOrder())
                    .limit(perKey).toList();
        }

        /** Earlier contacts with the new complainant's name or its reading, and the respondent's, as the search counts them. */
        SameMatterRule.Namesakes namesakes(Contact probe) {
            return new SameMatterRule.Namesakes(
                    newest("c:p:" + PersonName.pinyin(probe.complainant())).size(),
                    probe.respondent() == null ? 0 : newest("r:p:" + PersonName.pinyin(probe.respondent())).size());
        }

        /** The earlier contacts the new one is warned about. */
        Set<Integer> candidates(Contact probe) {
            Set<Integer> found = new HashSet<>();
            if (probe.phone() != null) {
                found.addAll(byPhone.getOrDefault(probe.phone(), Set.of()));
            }
            Set<Integer> named = lookUp("c:", probe.complainant(), new HashSet<>());
            if (probe.respondent() != null) {
                lookUp("r:", probe.respondent(), named);
            }
            SameMatterRule.Namesakes namesakes = namesakes(probe);
            for (int id : named) {
                if (SameMatterRule.byName(probe.person(), existing.get(id).person(), namesakes).candidate()) {
                    found.add(id);
                }
            }
            return found;
        }

        /** The old rule, as its query narrowed it: the same first or last character or the same pinyin, then "one apart". */
        boolean oldRuleFlags(Contact probe) {
            String name = probe.complainant();
            for (Contact c : existing) {
                String other = c.complainant();
                if ((other.charAt(0) == name.charAt(0) || other.charAt(other.length() - 1) == name.charAt(name.length() - 1))
                        && PersonName.sameOrSimilar(name, other)) {
                    return true;
                }
                if (probe.phone() != null && probe.phone().equals(c.phone())) {
                    return true;
                }
            }
            return false;
        }

        Figures measure() {
            if (figures != null) {
                return figures;
            }
            int found = 0;
            int withoutPhone = 0;
            Map<String, int[]> byKind = new java.util.TreeMap<>();
            int foundWithoutPhone = 0;
            for (int i = 0; i < PROBES; i++) {
                Contact source = existing.get(random.nextInt(size));
                Contact dup = duplicateOf(source, size + i);
                boolean hit = candidates(dup).contains(source.id());
                found += hit ? 1 : 0;
                String kind = dup.complainant().equals(source.complainant()) ? "same" : !PersonName.isChineseName(dup.complainant()) ? "pinyin"
                        : PersonName.pinyin(dup.complainant()).equals(PersonName.pinyin(source.complainant())) ? "homophone" : "typo";
                kind += dup.phone() != null && dup.phone().equals(source.phone()) ? "+phone" : "";
                byKind.merge(kind, new int[] {hit ? 1 : 0, 1}, (x, y) -> new int[] {x[0] + y[0], x[1] + y[1]});
                if (dup.phone() == null || !dup.phone().equals(source.phone())) {
                    withoutPhone++;
                    foundWithoutPhone += hit ? 1 : 0;
                }
            }
            int alarms = 0;
            Map<String, Integer> why = new java.util.TreeMap<>();
            int oldAlarms = 0;
            // the old rule reads every earlier contact: measured at the smaller size only
            int oldSample = size <= EXISTING ? 300 : 0;
            for (int i = 0; i < PROBES; i++) {
                Contact unrelated = fresh(size + PROBES + i);
                Set<Integer> flagged = candidates(unrelated);
                alarms += flagged.isEmpty() ? 0 : 1;
                for (int id : flagged) {
                    Contact e = existing.get(id);
                    why.merge(SameMatterRule.byName(unrelated.person(), e.person(), namesakes(unrelated)).reasons() + " "
                            + PersonName.likeness(unrelated.complainant(), e.complainant()) + "/" + unrelated.complainant().length(), 1, Integer::sum);
                }
                if (i < oldSample) {
                    oldAlarms += oldRuleFlags(unrelated) ? 1 : 0;
                }
            }
            figures = new Figures((double) found / PROBES, (double) foundWithoutPhone / withoutPhone,
                    (double) alarms / PROBES, oldSample == 0 ? Double.NaN : (double) oldAlarms / oldSample);
            System.out.printf("duplicate rule at %,d contacts: recall %.3f (%.3f of those without the same phone), "
                            + "false alarms %.3f of unrelated new contacts (old rule: %.3f)%n", size, figures.recall(),
                    figures.recallWithoutPhone(), figures.falseAlarms(), figures.oldFalseAlarms());
            System.out.println("false alarms by reason: " + why);
            byKind.forEach((k, v) -> System.out.printf("recall %s: %d of %d%n", k, v[0], v[1]));
            return figures;
        }
    }

    @Test
    void theNamesLookRealistic() {
        Map<String, Integer> counts = new HashMap<>();
        Random own = new Random(7);
        RealisticNames generator = new RealisticNames(own);
        int n = 200_000;
        int twoCharacters = 0;
        for (int i = 0; i < n; i++) {
            String name = generator.name(own.nextBoolean());
            counts.merge(name, 1, Integer::sum);
            twoCharacters += name.length() == 2 ? 1 : 0;
        }
        int top = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        System.out.printf("names: most common %.1f per 10,000, %d distinct in %,d, two-character %.2f%n",
                top * 10_000.0 / n, counts.size(), n, (double) twoCharacters / n);
        // 张伟, the most common name in China, is about 2.1 per 10,000; a generator of unlikely names would flatter
        assertThat(top * 10_000.0 / n).isBetween(1.0, 8.0);
        assertThat((double) twoCharacters / n).isBetween(0.2, 0.3);
    }

    @Test
    void mostRetypedDuplicatesAreFound() {
        // measured 0.892 overall, 0.808 of those without the same phone: a typo in a name typed without the phone,
        // or a name two earlier contacts hold, is found only with the same respondent, the price of few false alarms
        assertThat(measure(EXISTING).recall()).isGreaterThanOrEqualTo(0.88);
        assertThat(measure(EXISTING).recallWithoutPhone()).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void fewUnrelatedNewContactsAreFlagged() {
        Figures f = measure(EXISTING);
        // measured 0.021 (the old rule: 0.737): mostly the one namesake of a name of three characters
        assertThat(f.falseAlarms()).isLessThanOrEqualTo(0.04);
        assertThat(f.falseAlarms()).isLessThan(f.oldFalseAlarms() / 4);
    }

    @Test
    void inAScopeOfAHundredThousandContactsACommonNameAloneDoesNotWarn() {
        Figures f = measure(LARGE);
        // measured 0.108 false alarms and 0.851 recall; with a name counting alone whatever its namesakes: 0.203 and
        // 0.907 (this test failed). What still warns: a name with one namesake, or the respondent's, by chance
        assertThat(f.falseAlarms()).isLessThanOrEqualTo(0.12);
        assertThat(f.recall()).isGreaterThanOrEqualTo(0.83);
    }
}
