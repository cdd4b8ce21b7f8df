package org.weiquan.demo;

import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.shared.StationTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of {@code seeds/demo/contacts.csv}, and when each of its steps happened. The file's dates are
 * as of {@link #AS_OF}; every time here is moved by {@code shiftDays} whole days (the loader passes the
 * days from {@link #AS_OF} to the day it runs), so that the demo always covers the last 18 months.
 *
 * <ul>
 *   <li>registered one hour after receipt, by the intake user;</li>
 *   <li>decided {@code days_to_decision} days after receipt, but at least an hour after registration
 *       (a consultation answered on the spot is decided the same day);</li>
 *   <li>acknowledged, when it was, half-way between registration and decision (at most three days after
 *       registration); an undecided contact, a day after registration or half-way to now.</li>
 * </ul>
 *
 * @param number        the 1-based data row (the header is not counted), as {@code repeat_of_row} refers to it
 * @param decision      null while the contact awaits review
 * @param repeatOfRow   the earlier row this one repeats, or null
 */
record DemoRow(int number, OffsetDateTime receivedAt, String stationCode, String channel, String petitionType,
               String primaryCategory, List<String> otherCategories, List<String> flags, String summary,
               String complainantName, String complainantGender, Integer complainantBirthYear,
               String complainantPhone, boolean complainantPhoneSafe, String respondentName,
               String respondentRelation, String decision, String decisionReason, String referredTo,
               Integer daysToDecision, boolean acknowledged, Integer repeatOfRow, Handling handling,
               Integer daysToClose, String closureReason, String followUp) {

    /**
     * How an accepted case was handled up to {@link #AS_OF} (columns {@code handling}, {@code days_to_close},
     * {@code closure_reason}, {@code follow_up}; a file without them has its cases await their first step).
     */
    enum Handling {
        /** just accepted: awaits its first step (assessment, report, mediator) */
        NEW,
        /** still open months after acceptance: past its deadline */
        OVERDUE,
        /** closed {@code days_to_close} days after acceptance, its follow-up visit done when due */
        CLOSED,
        /** closed, and its follow-up visit is due now */
        FOLLOW_UP_DUE,
        /** live work: a mediator has the case and chooses the next step */
        MEDIATOR_ASSIGNED,
        /** live work: mediation sessions under way */
        MEDIATING,
        /** live work: the mediator asked to close the case; the supervisor decides */
        CLOSURE_REQUESTED,
        /** live work: referred to a partner agency that has not answered yet */
        REFERRED;

        boolean closes() {
            return this == CLOSED || this == FOLLOW_UP_DUE;
        }
    }

    /** The day the file's dates are as of (see {@code seeds/demo/generate.py}). */
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 27);

    static final List<String> COLUMNS = List.of("received_at", "station_code", "channel", "petition_type",
            "primary_category", "other_categories", "flags", "summary", "complainant_name", "complainant_gender",
            "complainant_birth_year", "complainant_phone", "complainant_phone_safe", "respondent_name",
            "respondent_relation", "decision", "decision_reason", "referred_to", "days_to_decision", "acknowledged",
            "repeat_of_row");

    private static final Duration TO_REGISTRATION = Duration.ofHours(1);
    private static final Set<String> MALE_RELATIONS = Set.of("丈夫", "前夫", "同居男友", "男友", "前男友", "儿子",
            "继子", "公公", "父亲", "继父", "哥哥", "弟弟");
    private static final Set<String> FEMALE_RELATIONS = Set.of("妻子", "婆婆", "母亲", "继母", "女儿", "儿媳",
            "姐姐", "妹妹", "嫂子");

    /** Parses the file; a broken row is named with its line and column. */
    static List<DemoRow> parse(String csv) {
        List<Csv.Record> records = Csv.read(csv);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("contacts.csv is empty");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            at.put(header.get(i), i);
        }
        List<String> missing = COLUMNS.stream().filter(c -> !at.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("contacts.csv: the header lacks " + missing);
        }
        List<DemoRow> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            Csv.Record record = records.get(r);
            if (record.fields().size() != header.size()) {
                throw new IllegalArgumentException("contacts.csv row " + record.line() + ": " + record.fields().size()
                        + " fields, the header has " + header.size());
            }
            rows.add(new Fields(record, at).row(r));
        }
        return rows;
    }

    /** The fields of one record by column name, each parsed with a message naming line and column. */
    private record Fields(Csv.Record record, Map<String, Integer> at) {

        DemoRow row(int number) {
            String decision = text("decision");
            Integer days = number("days_to_decision");
            if ((decision == null) != (days == null)) {
                throw problem("days_to_decision", "is given exactly when there is a decision");
            }
            Integer repeatOf = number("repeat_of_row");
            if (repeatOf != null && (repeatOf < 1 || repeatOf >= number)) {
                throw problem("repeat_of_row", "must name an earlier row");
            }
            String phone = text("complainant_phone");
            return new DemoRow(number, time("received_at"), required("station_code"), required("channel"),
                    text("petition_type"), required("primary_category"), list("other_categories"), list("flags"),
                    required("summary"), required("complainant_name"), text("complainant_gender"),
                    number("complainant_birth_year"), phone, phone != null && bool("complainant_phone_safe"),
                    text("respondent_name"), text("respondent_relation"), decision, text("decision_reason"),
                    text("referred_to"), days, bool("acknowledged"), repeatOf, handling(decision), daysToClose(),
                    optional("closure_reason"), optional("follow_up"));
        }

        private Handling handling(String decision) {
            String v = optional("handling");
            if (v == null) {
                return "ACCEPTED".equals(decision) ? Handling.NEW : null;
            }
            if (!"ACCEPTED".equals(decision)) {
                throw problem("handling", "is given for accepted cases only");
            }
            try {
                return Handling.valueOf(v);
            } catch (IllegalArgumentException e) {
                throw problem("handling", "must be one of " + Arrays.toString(Handling.values()));
            }
        }

        private Integer daysToClose() {
            String v = optional("days_to_close");
            try {
                return v == null ? null : Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw problem("days_to_close", "is not a whole number");
            }
        }

        /** A column a file may leave out. */
        private String optional(String column) {
            return at.containsKey(column) ? text(column) : null;
        }

        private String text(String column) {
            String v = record.fields().get(at.get(column)).strip();
            return v.isEmpty() ? null : v;
        }

        private String required(String column) {
            String v = text(column);
            if (v == null) {
                throw problem(column, "is required");
            }
            return v;
        }

        private List<String> list(String column) {
            String v = text(column);
            return v == null ? List.of() : Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
        }

        private Integer number(String column) {
            String v = text(column);
            try {
                return v == null ? null : Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw problem(column, "is not a whole number");
            }
        }

        private boolean bool(String column) {
            String v = text(column);
            if (v == null || v.equals("false")) {
                return false;
            }
            if (v.equals("true")) {
                return true;
            }
            throw problem(column, "must be true or false");
        }

        private OffsetDateTime time(String column) {
            try {
                return OffsetDateTime.parse(required(column));
            } catch (DateTimeParseException e) {
                throw problem(column, "must be an ISO time with offset, e.g. 2026-03-02T09:30:00+08:00");
            }
        }

        private IllegalArgumentException problem(String column, String message) {
            return new IllegalArgumentException("contacts.csv row " + record.line() + ", " + column + ": " + message);
        }
    }

    boolean isDecided() {
        return decision != null;
    }

    Instant receivedAt(long shiftDays) {
        return receivedAt.plusDays(shiftDays).toInstant();
    }

    Instant registeredAt(long shiftDays) {
        return receivedAt(shiftDays).plus(TO_REGISTRATION);
    }

    /** When the decision was taken; null while undecided. */
    Instant decidedAt(long shiftDays) {
        if (!isDecided()) {
            return null;
        }
        Instant afterDays = receivedAt(shiftDays).plus(Duration.ofDays(daysToDecision));
        Instant earliest = registeredAt(shiftDays).plus(TO_REGISTRATION);
        return afterDays.isBefore(earliest) ? earliest : afterDays;
    }

    /** When the supervisor approved the closure: {@code days_to_close} days after the decision; null if none. */
    Instant closedAt(long shiftDays) {
        return daysToClose == null ? null : decidedAt(shiftDays).plus(Duration.ofDays(daysToClose));
    }

    /** When the acknowledgement was recorded; null when the person was not told. */
    Instant acknowledgedAt(long shiftDays, Instant now) {
        if (!acknowledged) {
            return null;
        }
        Instant registered = registeredAt(shiftDays);
        Duration until = Duration.between(registered, isDecided() ? decidedAt(shiftDays) : now).dividedBy(2);
        Duration cap = isDecided() ? Duration.ofDays(3) : Duration.ofDays(1);
        if (until.isNegative()) {
            return registered;
        }
        return registered.plus(until.compareTo(cap) > 0 ? cap : until);
    }

    /** How the person was told: in person for visits and reports, by SMS to a safe phone, else in writing. */
    String acknowledgementForm() {
        return switch (channel) {
            case "VISIT", "SCREENING", "JUDICIAL_OFFICE", "AGENCY_REFERRAL", "MANDATORY_REPORT" -> "ORAL";
            case "PHONE", "HOTLINE", "ONLINE" -> complainantPhone != null && complainantPhoneSafe ? "SMS" : "ORAL";
            default -> "WRITTEN";
        };
    }

    /** The registration as the intake user would have typed it; the earlier contact when this is a repeat. */
    ContactRegistration registration(long shiftDays, Long repeatOfContactId) {
        OffsetDateTime received = receivedAt.plusDays(shiftDays);
        List<ContactRegistration.PartyInput> parties = new ArrayList<>();
        List<ContactRegistration.PhoneInput> phones = complainantPhone == null ? List.of()
                : List.of(new ContactRegistration.PhoneInput(complainantPhone, complainantPhoneSafe));
        Integer age = complainantBirthYear == null ? null
                : received.atZoneSameInstant(StationTime.ZONE).getYear() - complainantBirthYear;
        parties.add(new ContactRegistration.PartyInput("COMPLAINANT", complainantName, complainantGender, null, age,
                null, phones, null, null, null));
        if (respondentName != null) {
            parties.add(new ContactRegistration.PartyInput("RESPONDENT", respondentName, genderOf(respondentRelation),
                    null, null, null, List.of(), null, null, respondentRelation));
        }
        return new ContactRegistration(stationCode, channel, received, summary, petitionType, primaryCategory,
                otherCategories, flags, parties, repeatOfContactId, true);
    }

    /** The supervisor's decision; only for a decided row. */
    ReviewDecisionForm reviewDecision() {
        return new ReviewDecisionForm(org.weiquan.intake.ReviewDecision.valueOf(decision), decisionReason, referredTo,
                null);
    }

    /** A relation that says the person's sex (丈夫, 婆婆); null for others (邻居, 上司, an employer). */
    static String genderOf(String relation) {
        if (relation == null) {
            return null;
        }
        return MALE_RELATIONS.contains(relation) ? "MALE" : FEMALE_RELATIONS.contains(relation) ? "FEMALE" : null;
    }
}
