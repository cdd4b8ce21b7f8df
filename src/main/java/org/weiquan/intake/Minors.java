package org.weiquan.intake;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Who counts as a minor (未成年人): the one rule for the mandatory report, exports and the evidence record. A
 * party is a minor when any sign says so — the role CHILD, a birth date, the birth date inside an identity
 * number, or an age — as of the given day; a minor is never named or identified outside the case file.
 */
public final class Minors {

    public static final int ADULT_AGE = 18;
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");

    private Minors() {
    }

    public static boolean isMinor(PartyRole role, LocalDate birthDate, Integer age, String idNumber, LocalDate asOf) {
        if (role == PartyRole.CHILD) {
            return true;
        }
        if (birthDate != null && birthDate.plusYears(ADULT_AGE).isAfter(asOf)) {
            return true;
        }
        LocalDate fromId = birthDateIn(idNumber);
        if (fromId != null && fromId.plusYears(ADULT_AGE).isAfter(asOf)) {
            return true;
        }
        return age != null && age < ADULT_AGE;
    }

    /** The birth date an identity number carries (digits 7–14), when it has the shape of one. */
    static LocalDate birthDateIn(String idNumber) {
        if (idNumber == null || !ID_NUMBER.matcher(idNumber.strip()).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(idNumber.strip().substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
