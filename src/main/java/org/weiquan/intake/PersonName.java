package org.weiquan.intake;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Helpers for people's names: the masked form shown in lists, the toneless pinyin used to find a
 * person however the name was typed, and the "same or similar" test that warns of a possible
 * earlier contact.
 */
public final class PersonName {

    /** Surnames whose reading differs from the character's most common one. */
    private static final Map<String, String> SURNAME_READINGS = Map.ofEntries(
            Map.entry("尉迟", "yuchi"),
            Map.entry("单", "shan"),
            Map.entry("曾", "zeng"),
            Map.entry("解", "xie"),
            Map.entry("仇", "qiu"),
            Map.entry("区", "ou"),
            Map.entry("查", "zha"),
            Map.entry("朴", "piao"),
            Map.entry("覃", "qin"),
            Map.entry("乐", "yue"),
            Map.entry("缪", "miao"),
            Map.entry("翟", "zhai"));

    /** What {@link #normalise} drops: spaces, apostrophes, dots and hyphens of every width. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s'’‘`.·•・\\-‐–—]");

    private PersonName() {
    }

    /**
     * The form shown in lists. A Chinese name keeps its first and last character and hides each one
     * between (张晓花 → 张*花, 欧阳晓花 → 欧**花, 张花 → 张*, 张 → *); a name with Latin letters keeps
     * its first letter (Mary → M***). Null or blank gives "".
     */
    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String trimmed = name.strip();
        int[] characters = trimmed.codePoints().toArray();
        if (trimmed.chars().anyMatch(PersonName::isAsciiLetter)) {
            return Character.toString(characters[0]) + "***";
        }
        return switch (characters.length) {
            case 1 -> "*";
            case 2 -> Character.toString(characters[0]) + "*";
            default -> Character.toString(characters[0])
                    + "*".repeat(characters.length - 2)
                    + Character.toString(characters[characters.length - 1]);
        };
    }

    /**
     * Lower-case toneless pinyin without separators: 张晓花 → zhangxiaohua, 单小燕 → shanxiaoyan,
     * 吕丽 → lvli. A name already typed in pinyin keeps its letters ("Zhang Xiao-hua" → zhangxiaohua);
     * spaces, hyphens, apostrophes and dots are dropped, ü becomes v. A character the dictionary
     * does not know is kept as it is. Null gives "".
     */
    public static String pinyin(String name) {
        String text = normalise(name);
        StringBuilder pinyin = new StringBuilder();
        int start = 0;
        String surname = SURNAME_READINGS.containsKey(prefix(text, 2)) ? prefix(text, 2) : prefix(text, 1);
        if (SURNAME_READINGS.containsKey(surname)) {
            pinyin.append(SURNAME_READINGS.get(surname));
            start = surname.length();
        }
        int i = start;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && isHan(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            if (end > i) {
                pinyin.append(Dictionary.pinyinOf(text.substring(i, end)));
                i = end;
            } else {
                pinyin.appendCodePoint(text.codePointAt(i));
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return pinyin.toString();
    }

    /**
     * Whether two names may well be the same person, to warn of an earlier contact. True when:
     * <ul>
     *   <li>they are equal once spaces, dots, hyphens and case are ignored;</li>
     *   <li>or their pinyin is equal (张晓花 ~ 张小花 ~ "Zhang Xiaohua");</li>
     *   <li>or both are Chinese names of the same length, at least two characters, that differ in
     *       exactly one character (张晓花 ~ 张晓芳: a mistyped or mis-heard character);</li>
     *   <li>or both are Chinese names whose lengths differ by one, the shorter at least two
     *       characters, and one character inserted turns one into the other (张花 ~ 张晓花:
     *       Levenshtein distance 1).</li>
     * </ul>
     * Everything else is false, including two different one-character names and a null or blank name.
     *
     * <p>This was the duplicate warning's rule until it proved to flag most new contacts of a large station; the
     * warning now uses {@link SameMatterRule} on {@link #likeness}. Kept to compare the two
     * ({@code SameMatterRuleEvaluationTest}).
     */
    public static boolean sameOrSimilar(String a, String b) {
        String first = normalise(a);
        String second = normalise(b);
        if (first.isEmpty() || second.isEmpty()) {
            return false;
        }
        if (first.equals(second) || pinyin(first).equals(pinyin(second))) {
            return true;
        }
        if (!isChinese(first) || !isChinese(second)) {
            return false;
        }
        int[] x = first.codePoints().toArray();
        int[] y = second.codePoints().toArray();
        int shorter = Math.min(x.length, y.length);
        return shorter >= 2 && Math.abs(x.length - y.length) <= 1 && levenshtein(x, y) == 1;
    }

    /** How alike two names are, from the strongest sign to none; see {@link #likeness}. */
    public enum Likeness {
        /** Nothing in common that the duplicate rule uses. */
        NONE,
        /** Chinese names one character apart in one of their last two characters, or one inserted there. */
        TYPO,
        /** The same reading: a homophone character, or the name typed in pinyin. */
        HOMOPHONE,
        /** The same name once spaces, dots, hyphens, case and full-width forms are ignored. */
        SAME
    }

    /**
     * How alike two names are. {@link Likeness#TYPO} is exactly what {@link #keys} can find by index: two Chinese
     * names that share all but their last character (张晓花 ~ 张晓芳, 张晓 ~ 张晓花) or all but their
     * second-to-last (张晓花 ~ 张小花 by character, 张花 ~ 张晓花). A mistyped surname is not a typo here:
     * with it every 张 would be a candidate for every other.
     */
    public static Likeness likeness(String a, String b) {
        return likeness(a, null, b, null);
    }

    /**
     * As {@link #likeness(String, String)}, with the names' readings ({@link #pinyin}) where they are known already
     * (null where not): an earlier contact's is stored with it, and reading it again cost a dictionary look-up for
     * every namesake of every registration.
     */
    static Likeness likeness(String a, String readingOfA, String b, String readingOfB) {
        String first = normalise(a);
        String second = normalise(b);
        if (first.isEmpty() || second.isEmpty()) {
            return Likeness.NONE;
        }
        if (first.equals(second)) {
            return Likeness.SAME;
        }
        if ((readingOfA != null ? readingOfA : pinyin(first)).equals(readingOfB != null ? readingOfB : pinyin(second))) {
            return Likeness.HOMOPHONE;
        }
        Keys x = keys(first);
        Keys y = keys(second);
        if (x == null || y == null) {
            return Likeness.NONE;
        }
        return x.head().equals(y.head()) || x.gap().equals(y.gap()) ? Likeness.TYPO : Likeness.NONE;
    }

    /** How many characters a name has, as a person counts them (欧阳晓花 has 4); 0 for null. */
    public static int length(String name) {
        String text = normalise(name);
        return isChinese(text) ? text.codePointCount(0, text.length()) : pinyinSyllablesGuess(text);
    }

    /** A name typed in pinyin counts as a long name unless very short: its Chinese length is unknown. */
    private static int pinyinSyllablesGuess(String text) {
        return text.isEmpty() ? 0 : text.length() >= 7 ? 3 : 2;
    }

    /**
     * The index keys of a Chinese name of two or more characters, null for other names. {@code head} hides the last
     * character (张晓花 → 张晓*), {@code gap} the second-to-last (张晓花 → 张*花). A two-character name stands for the
     * three-character names it may have lost a character from: 张花 → head 张花*, gap 张*花. Two names have a key in
     * common exactly when {@link #likeness} is at least {@link Likeness#TYPO} by characters.
     */
    public static Keys keys(String name) {
        String text = normalise(name);
        if (!isChinese(text)) {
            return null;
        }
        int[] c = text.codePoints().toArray();
        if (c.length < 2) {
            return null;
        }
        if (c.length == 2) {
            return new Keys(text + "*", Character.toString(c[0]) + "*" + Character.toString(c[1]));
        }
        String head = new String(c, 0, c.length - 1) + "*";
        String gap = new String(c, 0, c.length - 2) + "*" + Character.toString(c[c.length - 1]);
        return new Keys(head, gap);
    }

    /** The two index keys of a Chinese name; see {@link #keys}. */
    public record Keys(String head, String gap) {
    }

    /**
     * Full-width forms folded to ASCII, lower-case, separators removed. A name of common Chinese characters only
     * is its own form: the duplicate search compares every candidate's names with the new contact's, so this runs
     * dozens of times an intake.
     */
    private static String normalise(String name) {
        if (name == null) {
            return "";
        }
        if (isUnifiedHan(name)) {
            return name;
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return SEPARATORS.matcher(folded).replaceAll("").replace('ü', 'v');
    }

    /**
     * Whether the text is characters of the CJK Unified Ideographs block and its Extension A only: these have no
     * compatibility decomposition (NFKC leaves them as they are), no case and no separator among them. The
     * compatibility ideographs (U+F900 on), which NFKC maps to unified ones, are not.
     */
    private static boolean isUnifiedHan(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '\u4E00' && c <= '\u9FFF') && !(c >= '\u3400' && c <= '\u4DBF')) {
                return false;
            }
        }
        return true;
    }

    private static String prefix(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) < codePoints) {
            return "";
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    /** Whether the name is written in Chinese characters only (spaces and dots aside). */
    public static boolean isChineseName(String name) {
        String text = normalise(name);
        return !text.isEmpty() && isChinese(text);
    }

    private static boolean isChinese(String text) {
        return text.codePoints().allMatch(PersonName::isHan);
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int levenshtein(int[] x, int[] y) {
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }

    /**
     * pinyin4j reads its dictionary (about 0.3 s) on first use; this holder defers that to the first
     * name converted, and class initialisation makes it safe when several requests arrive at once.
     *
     * <p>The readings are kept: pinyin4j formats every syllable with a few regular expressions compiled anew, and
     * the duplicate search reads the same names again and again (the new contact's against each candidate's), which
     * made the readings about a tenth of an intake's CPU. The cache is emptied when full, so it stays small (a few
     * megabytes) whatever the number of names.
     */
    private static final class Dictionary {

        private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();
        static final int KEPT = 20_000;
        private static final Map<String, String> READINGS = new ConcurrentHashMap<>();

        static {
            FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
            FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
            FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
            pinyinOf("张");
        }

        /** Pinyin of a run of Chinese characters, read as words so that polyphones read right. */
        static String pinyinOf(String hanCharacters) {
            String known = READINGS.get(hanCharacters);
            if (known != null) {
                return known;
            }
            String reading;
            try {
                reading = PinyinHelper.toHanYuPinyinString(hanCharacters, FORMAT, "", true);
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException("pinyin format combination rejected", e);
            }
            if (READINGS.size() >= KEPT) {
                READINGS.clear();
            }
            READINGS.put(hanCharacters, reading);
            return reading;
        }
    }
}
