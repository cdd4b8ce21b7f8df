package org.weiquan.intake;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether an earlier contact may be the same matter as a new one, and how strongly: the rule behind the
 * duplicate warning. Tuned on generated realistic names ({@code SameMatterRuleEvaluationTest}): at 10,000
 * contacts in scope it finds 9 in 10 retyped duplicates and warns on 1 in 50 unrelated new contacts (the old
 * "one character apart" rule warned on 3 in 4); at 100,000, 85 in 100 and 1 in 9. A typo alone (no phone, no
 * respondent) is not enough: a name one character from the new one has dozens of holders in a large station; nor
 * is a name that two or more earlier contacts in scope hold ({@link #COMMON_NAMESAKES}).
 *
 * <ul>
 *   <li>the same phone or identity number (by blind index) is always a candidate;</li>
 *   <li>a name alone says little when it is short and common: a same or homophone complainant name of three or
 *       more characters counts 2, of two characters 1, a typo (one of the last two characters changed, or one
 *       lost) 1; the respondent's name the same; an age within a year of the earlier one adds 1 to a same or
 *       homophone name;</li>
 *   <li>names count only when nothing contradicts them: the complainant's gender differs or the ages differ by
 *       more than three years (both recorded);</li>
 *   <li>a candidate by name needs 2 or more.</li>
 * </ul>
 */
public final class SameMatterRule {

    /** What a name-based candidate needs. */
    static final int THRESHOLD = 2;
    /** Ages further apart than this (both recorded) say it is someone else. */
    static final int AGE_CONTRADICTS = 3;
    /** Ages this close (both recorded) support a name. */
    static final int AGE_SUPPORTS = 1;

    private SameMatterRule() {
    }

    /**
     * One side of the comparison: the complainant's name, gender and age (null when not recorded), respondents; and
     * the readings ({@link PersonName#pinyin}) of those names that are known already, as an earlier contact's are
     * stored with it. A name without one is read when compared.
     */
    public record Person(Collection<String> complainants, Gender gender, Integer age, Collection<String> respondents,
                         Map<String, String> readings) {

        public Person(Collection<String> complainants, Gender gender, Integer age, Collection<String> respondents) {
            this(complainants, gender, age, respondents, Map.of());
        }

        public static Person of(String complainant, Gender gender, Integer age, String respondent) {
            return new Person(complainant == null ? Set.of() : Set.of(complainant), gender, age,
                    respondent == null ? Set.of() : Set.of(respondent));
        }

        String readingOf(String name) {
            String known = readings.get(name);
            return known != null ? known : PersonName.pinyin(name);
        }
    }

    /** The reasons found by name and their weight; no reasons means not a candidate. */
    public record Verdict(Set<DuplicateCandidate.Reason> reasons, int score) {

        public boolean candidate() {
            return !reasons.isEmpty();
        }
    }

    /**
     * More namesakes than this in scope (earlier contacts whose complainant, or respondent, has the new one's name or
     * its reading) make the name common there: a name held by one earlier contact is likely hers, a name held by two
     * or more says little. A common name counts as a short name does: it warns only with the other party's name, and
     * an age does not support it; a phone or an identity number warns as always. Measured on realistic names
     * ({@code SameMatterRuleEvaluationTest}): in a scope of 100,000 contacts the names alone had warned on 1 in 5 new
     * unrelated contacts; now 1 in 9, finding 85 % of retyped duplicates (91 % before); at 10,000 nearly unchanged.
     */
    static final int COMMON_NAMESAKES = 1;

    /** How many earlier contacts in scope have the new complainant's name or its reading, and the respondent's. */
    public record Namesakes(int complainant, int respondent) {

        public static final Namesakes NONE = new Namesakes(0, 0);
    }

    /** Judges names, gender and age; phones and identity numbers are matched by index, see {@link #EXACT_SCORE}. */
    public static Verdict byName(Person probe, Person earlier) {
        return byName(probe, earlier, Namesakes.NONE);
    }

    /** The same, knowing how common the new contact's names are in the scope. */
    public static Verdict byName(Person probe, Person earlier, Namesakes namesakes) {
        boolean common = namesakes.complainant() > COMMON_NAMESAKES;
        int complainant = best(probe, probe.complainants(), earlier, earlier.complainants());
        if (common) {
            complainant = Math.min(complainant, 1);
        }
        int respondent = best(probe, probe.respondents(), earlier, earlier.respondents());
        if (namesakes.respondent() > COMMON_NAMESAKES) {
            respondent = Math.min(respondent, 1);
        }
        if (complainant == 0 && respondent == 0) {
            return new Verdict(Set.of(), 0);
        }
        boolean contradicted = known(probe.gender()) && known(earlier.gender()) && probe.gender() != earlier.gender()
                || probe.age() != null && earlier.age() != null
                && Math.abs(probe.age() - earlier.age()) > AGE_CONTRADICTS;
        // an age that agrees supports the same or a homophone name, not a typo: a name one character apart from the
        // new one has dozens of holders in a large station, and one in ten of them is within a year of any age
        int age = !common && complainant >= 1 && sameReading(probe, earlier)
                && probe.age() != null && earlier.age() != null
                && Math.abs(probe.age() - earlier.age()) <= AGE_SUPPORTS ? 1 : 0;
        EnumSet<DuplicateCandidate.Reason> reasons = EnumSet.noneOf(DuplicateCandidate.Reason.class);
        int score = respondent + (complainant > 0 && !contradicted ? complainant + age : 0);
        if (score >= THRESHOLD) {
            if (complainant > 0 && !contradicted) {
                reasons.add(DuplicateCandidate.Reason.SIMILAR_COMPLAINANT_NAME);
            }
            if (respondent > 0) {
                reasons.add(DuplicateCandidate.Reason.SAME_RESPONDENT);
            }
        }
        return new Verdict(reasons, reasons.isEmpty() ? 0 : score);
    }

    /** The weight of the same phone or identity number, above any name. */
    public static final int EXACT_SCORE = 5;

    /** The weight of the likeness of two names: how much it says about the person. */
    private static int weight(String a, String readingOfA, String b, String readingOfB) {
        return switch (PersonName.likeness(a, readingOfA, b, readingOfB)) {
            case SAME, HOMOPHONE -> Math.min(PersonName.length(a), PersonName.length(b)) >= 3 ? 2 : 1;
            case TYPO -> 1;
            case NONE -> 0;
        };
    }

    private static int best(Person mine, Collection<String> these, Person theirs, Collection<String> those) {
        int best = 0;
        for (String a : these) {
            for (String b : those) {
                best = Math.max(best, weight(a, mine.readingOf(a), b, theirs.readingOf(b)));
            }
        }
        return best;
    }

    private static boolean sameReading(Person mine, Person theirs) {
        for (String a : mine.complainants()) {
            for (String b : theirs.complainants()) {
                if (PersonName.likeness(a, mine.readingOf(a), b, theirs.readingOf(b))
                        .compareTo(PersonName.Likeness.HOMOPHONE) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean known(Gender g) {
        return g != null && g != Gender.UNKNOWN;
    }
}
