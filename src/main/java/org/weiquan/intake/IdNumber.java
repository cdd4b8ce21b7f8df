package org.weiquan.intake;

import org.weiquan.shared.StationTime;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * A resident identity number (居民身份证号码, GB 11643-1999): six digits of address code, the birth
 * date as {@code yyyyMMdd}, a three-digit sequence whose last digit is odd for men and even for
 * women, and an ISO 7064 MOD 11-2 check character that may be {@code X}.
 *
 * <p>{@link #toString()} is masked so that the number never reaches a log by accident; use
 * {@link #value()} only to encrypt or index it.
 */
public final class IdNumber {

    private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final String value;
    private final LocalDate birthDate;

    private IdNumber(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    /** Parses a number as typed at the desk, judging the birth date against today in Beijing. */
    public static IdNumber parse(String raw) {
        return parse(raw, LocalDate.now(StationTime.ZONE));
    }

    /**
     * Parses a number as typed at the desk: spaces are dropped and a lower-case {@code x} accepted.
     *
     * @throws IllegalArgumentException naming the rule broken; the message never contains the number
     */
    public static IdNumber parse(String raw, LocalDate today) {
        String normalised = normalise(raw);
        if (!SHAPE.matcher(normalised).matches()) {
            throw new IllegalArgumentException("must be 18 characters: 17 digits and a check digit");
        }
        if (normalised.charAt(17) != checkCharacterOf(normalised.substring(0, 17))) {
            throw new IllegalArgumentException("has a wrong check digit");
        }
        LocalDate birthDate = birthDateIn(normalised);
        if (birthDate == null || birthDate.isBefore(EARLIEST_BIRTH) || birthDate.isAfter(today)) {
            throw new IllegalArgumentException("holds an impossible birth date");
        }
        return new IdNumber(normalised, birthDate);
    }

    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check character (0–9 or X) that completes the first 17 digits of a number. */
    static char checkCharacterOf(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** The 18 characters, upper-case; the form that is encrypted and indexed. */
    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** The sequence's last digit (the 17th character) is even for women. */
    public boolean isFemale() {
        return (value.charAt(16) - '0') % 2 == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** All but the last four characters masked, e.g. {@code **************002X}. */
    @Override
    public String toString() {
        return "*".repeat(14) + value.substring(14);
    }

    private static String normalise(String raw) {
        return raw == null ? "" : raw.replaceAll("[\\s\\u3000]", "").replace('x', 'X');
    }

    private static LocalDate birthDateIn(String number) {
        try {
            return LocalDate.of(
                    Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)),
                    Integer.parseInt(number.substring(12, 14)));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
