package org.weiquan.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mainland China phone number: a mobile ({@code 1[3-9]} and nine digits) or a landline (area code
 * with its leading 0, then a 7- or 8-digit subscriber number).
 *
 * <p>Area codes follow the national plan: {@code 010} and {@code 020}–{@code 029} have three digits,
 * all others four. Knowing that tells a landline from a mobile typed with a stray leading 0, and
 * tells the masked form where the area code ends.
 *
 * <p>{@link #toString()} is masked; {@link #value()} (digits only) is what is encrypted and indexed.
 */
public final class PhoneNumber {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u3000()（）\\-－—]");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern COUNTRY_CODE_THEN_MOBILE = Pattern.compile("(?:\\+86|0086|86)(1[3-9]\\d{9})");
    private static final Pattern LANDLINE = Pattern.compile("(010|02\\d|0[3-9]\\d{2})(\\d{7,8})");

    private final String value;
    private final int areaCodeLength;

    private PhoneNumber(String value, int areaCodeLength) {
        this.value = value;
        this.areaCodeLength = areaCodeLength;
    }

    /**
     * Parses a number as typed at the desk: spaces, dashes and parentheses are dropped, and a
     * country code {@code +86}, {@code 0086} or {@code 86} in front of a mobile.
     *
     * @throws IllegalArgumentException naming the rule broken; the message never contains the number
     */
    public static PhoneNumber parse(String raw) {
        String digits = raw == null ? "" : SEPARATORS.matcher(raw).replaceAll("");
        Matcher withCountryCode = COUNTRY_CODE_THEN_MOBILE.matcher(digits);
        if (withCountryCode.matches()) {
            digits = withCountryCode.group(1);
        }
        if (MOBILE.matcher(digits).matches()) {
            return new PhoneNumber(digits, 0);
        }
        Matcher landline = LANDLINE.matcher(digits);
        if (landline.matches()) {
            return new PhoneNumber(digits, landline.group(1).length());
        }
        throw new IllegalArgumentException(
                "is not a mainland mobile or landline number (e.g. 13812345678 or 0791-86123456)");
    }

    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Digits only, without country code: the form that is encrypted and indexed for search. */
    public String value() {
        return value;
    }

    public boolean isMobile() {
        return areaCodeLength == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneNumber that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Masked: {@code 138****5678} for a mobile, {@code 0791****56} for a landline. */
    @Override
    public String toString() {
        if (isMobile()) {
            return value.substring(0, 3) + "****" + value.substring(7);
        }
        return value.substring(0, areaCodeLength) + "****" + value.substring(value.length() - 2);
    }
}
