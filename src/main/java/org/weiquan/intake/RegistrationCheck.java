package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.security.Actor;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a registration field by field and names every problem with its path
 * ({@code parties[1].phones[0].number}); messages never repeat what was typed.
 */
@ApplicationScoped
class RegistrationCheck {

    static final int SUMMARY_MAX = 4000;
    static final int NAME_MAX = 100;
    static final int ADDRESS_MAX = 500;
    static final int RELATION_MAX = 50;
    static final int PARTIES_MAX = 20;
    static final int PHONES_MAX = 5;
    static final Instant EARLIEST_RECEIVED = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    /** Clocks of the registering PC and the server may differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Inject
    Stations stations;

    @Inject
    Clock clock;

    /**
     * A registration whose every field was checked and parsed. {@code station} may be a reference not yet read:
     * what the registration needs of it is in {@code at}.
     */
    record Checked(Station station, At at, Channel channel, Instant receivedAt, String summary, PetitionType petitionType,
                   Category primaryCategory, Set<Category> otherCategories, ContactFlags flags,
                   List<CheckedParty> parties) {
    }

    /** The station's code and name, and the code of the level a passed deadline escalates to. */
    record At(String stationCode, String stationName, String escalationCode) {

        static At of(Station station) {
            return new At(station.code(), station.name(), (station.parent() == null ? station : station.parent()).code());
        }
    }

    record CheckedParty(PartyRole role, String name, Gender gender, LocalDate birthDate, Integer age,
                        IdNumber idNumber, List<CheckedPhone> phones, String address, boolean addressSafe,
                        String relation) {
    }

    record CheckedPhone(PhoneNumber number, boolean safeToContact) {
    }

    Checked check(ContactRegistration input, Actor actor) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Station station = null;
        At at = null;
        if (isBlank(input.stationCode())) {
            errors.add("stationCode", "is required");
        } else {
            String code = input.stationCode().strip();
            Actor.Home home = code.equals(actor.stationCode()) ? actor.home() : null;
            if (home != null) {
                // her own station as her authentication read it: reading it again cost a statement at every intake
                if (home.closed()) {
                    errors.add("stationCode", "the station is closed"); // issue 18: a closed station takes no contacts
                } else {
                    station = stations.reference(home.stationId());
                    at = new At(code, home.name(), home.escalationCode());
                }
            } else {
                // her own station by its id with its parent (the form names it by code, as the user's read knows it)
                Optional<Station> own = code.equals(actor.stationCode()) ? stations.byPath(actor.stationPath())
                        : Optional.empty();
                station = own.or(() -> stations.byCode(code)).filter(s -> actor.sees(s.path())).orElse(null);
                if (station == null) {
                    errors.add("stationCode", "no station in your scope has this code");
                } else if (station.isClosed()) {
                    errors.add("stationCode", "the station is closed"); // issue 18: a closed station takes no contacts
                } else {
                    at = At.of(station);
                }
            }
        }
        Channel channel = required(errors, "channel", input.channel(), Channel.class);
        Instant now = clock.instant();
        Instant received = null;
        if (input.receivedAt() == null) {
            errors.add("receivedAt", "is required");
        } else if (input.receivedAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add("receivedAt", "lies in the future");
        } else if (input.receivedAt().toInstant().isBefore(EARLIEST_RECEIVED)) {
            errors.add("receivedAt", "lies before 2000");
        } else {
            received = input.receivedAt().toInstant();
        }
        String summary = text(errors, "summary", input.summary(), SUMMARY_MAX, true);
        PetitionType petitionType = optional(errors, "petitionType", input.petitionType(), PetitionType.class);
        Category primary = required(errors, "primaryCategory", input.primaryCategory(), Category.class);
        Set<Category> others = EnumSet.noneOf(Category.class);
        for (int i = 0; i < input.otherCategories().size(); i++) {
            Category c = required(errors, "otherCategories[" + i + "]", input.otherCategories().get(i), Category.class);
            if (c != null) {
                others.add(c);
            }
        }
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 0; i < input.flags().size(); i++) {
            String flag = input.flags().get(i);
            if (flag == null || !ContactFlags.NAMES.contains(flag.strip())) {
                errors.add("flags[" + i + "]", "must be one of " + String.join(", ", ContactFlags.NAMES));
            } else {
                flags.add(flag.strip());
            }
        }
        List<CheckedParty> parties = new ArrayList<>();
        if (input.parties().size() > PARTIES_MAX) {
            errors.add("parties", "at most " + PARTIES_MAX + " parties");
        } else {
            for (int i = 0; i < input.parties().size(); i++) {
                parties.add(checkParty(errors, "parties[" + i + "]", input.parties().get(i)));
            }
        }
        errors.throwIfAny();
        return new Checked(station, at, channel, received, summary, petitionType, primary, others, ContactFlags.of(flags),
                parties);
    }

    private CheckedParty checkParty(InvalidInput.Collector errors, String path, ContactRegistration.PartyInput p) {
        if (p == null) {
            errors.add(path, "is empty");
            return null;
        }
        PartyRole role = required(errors, path + ".role", p.role(), PartyRole.class);
        // a respondent or other party whose name the complainant does not know (or will not say) is still a party;
        // the complainant is the one who must be named
        String name = role != null && role != PartyRole.COMPLAINANT && isBlank(p.name()) ? ""
                : name(errors, path + ".name", p.name());
        Gender gender = optional(errors, path + ".gender", p.gender(), Gender.class);
        LocalDate today = LocalDate.now(clock);
        LocalDate birthDate = null;
        if (!isBlank(p.birthDate())) {
            try {
                birthDate = LocalDate.parse(p.birthDate().strip());
                if (birthDate.isAfter(today)) {
                    errors.add(path + ".birthDate", "lies in the future");
                } else if (birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
                    errors.add(path + ".birthDate", "lies before 1900");
                }
            } catch (DateTimeParseException e) {
                errors.add(path + ".birthDate", "must be a date like 1990-05-17");
            }
        }
        if (p.age() != null && (p.age() < 0 || p.age() > 130)) {
            errors.add(path + ".age", "must be between 0 and 130");
        }
        IdNumber idNumber = null;
        if (!isBlank(p.idNumber())) {
            try {
                idNumber = IdNumber.parse(p.idNumber(), today);
            } catch (IllegalArgumentException e) {
                errors.add(path + ".idNumber", e.getMessage());
            }
        }
        List<CheckedPhone> phones = new ArrayList<>();
        if (p.phones().size() > PHONES_MAX) {
            errors.add(path + ".phones", "at most " + PHONES_MAX + " phone numbers");
        }
        for (int j = 0; j < Math.min(p.phones().size(), PHONES_MAX); j++) {
            ContactRegistration.PhoneInput phone = p.phones().get(j);
            String phonePath = path + ".phones[" + j + "].number";
            if (phone == null || isBlank(phone.number())) {
                errors.add(phonePath, "is required");
                continue;
            }
            try {
                // unstated is not safe: a call to a shared phone can put a survivor in danger
                phones.add(new CheckedPhone(PhoneNumber.parse(phone.number()), Boolean.TRUE.equals(phone.safeToContact())));
            } catch (IllegalArgumentException e) {
                errors.add(phonePath, e.getMessage());
            }
        }
        String address = line(errors, path + ".address", p.address(), ADDRESS_MAX, false);
        String relation = line(errors, path + ".relation", p.relation(), RELATION_MAX, false);
        return new CheckedParty(role, name, gender, birthDate, p.age(), idNumber, phones, address,
                Boolean.TRUE.equals(p.addressSafeToContact()), relation);
    }

    /** Free text (a summary): line breaks and tabs allowed, no other control character. */
    static String text(InvalidInput.Collector errors, String field, String value, int max, boolean required) {
        if (isBlank(value)) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(field, "is longer than " + max + " characters");
            return null;
        }
        if (v.chars().anyMatch(c -> isControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.add(field, "must not contain control characters");
            return null;
        }
        return v;
    }

    /** One line of text (an address, a relation): no control character at all. */
    static String line(InvalidInput.Collector errors, String field, String value, int max, boolean required) {
        String v = text(errors, field, value, max, required);
        if (v != null && v.chars().anyMatch(RegistrationCheck::isControl)) {
            errors.add(field, "must be one line, without control characters");
            return null;
        }
        return v;
    }

    /**
     * A person's name: one line, and not starting with = + - @ — a name never does, and a spreadsheet
     * that shows the ledger or an export would run it as a formula.
     */
    static String name(InvalidInput.Collector errors, String field, String value) {
        String v = line(errors, field, value, NAME_MAX, true);
        if (v != null && "=+-@".indexOf(v.charAt(0)) >= 0) {
            errors.add(field, "must not start with =, +, - or @");
            return null;
        }
        return v;
    }

    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    static <E extends Enum<E>> E required(InvalidInput.Collector errors, String field, String value, Class<E> type) {
        if (isBlank(value)) {
            errors.add(field, "is required");
            return null;
        }
        return optional(errors, field, value, type);
    }

    static <E extends Enum<E>> E optional(InvalidInput.Collector errors, String field, String value, Class<E> type) {
        if (isBlank(value)) {
            return null;
        }
        return Fields.enumValue(errors, field, value, type);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
