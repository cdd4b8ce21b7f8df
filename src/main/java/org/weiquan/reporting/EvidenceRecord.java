package org.weiquan.reporting;

import org.weiquan.casework.CaseFileView;
import org.weiquan.intake.Minors;
import org.weiquan.shared.Labels;
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.PartyRole;
import org.weiquan.intake.PersonName;
import org.weiquan.intake.PhoneNumber;
import org.weiquan.shared.StationTime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A case's evidence record (求助记录) as it may leave the system: what was recorded, when and by whom,
 * with personal data cut down to what a court needs. Adults' names are masked (张*花) and their phones
 * masked (138****5678); no address and no identity number is shown. A minor (role CHILD, or under 18 by
 * birth date, by the birth date in the identity number, or by age) is shown as "未成年人" with nothing
 * else that identifies them; and wherever a party's name or an identity number appears in free text
 * (the summary, the timeline, agreement terms) it is replaced the same way.
 */
public record EvidenceRecord(String caseNumber, String stationCode, String stationName, String channel,
                             String primaryCategory, String status, String closureReason, String mediator,
                             Instant receivedAt, Instant registeredAt, String registeredBy, Instant acceptedAt,
                             String acceptedBy, Instant closedAt, String summary, List<PartyLine> parties,
                             List<Entry> timeline, List<TaskLine> tasks, List<AgreementLine> agreements,
                             Instant generatedAt, String generatedBy) {

    public static final String MINOR = "未成年人";
    static final String ID_WITHHELD = "[身份证号已隐去]";
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])\\d{17}[\\dXx](?![0-9A-Za-z])");
    private static final Pattern LONG_DIGITS = Pattern.compile("(?<![0-9])(\\d{3})\\d{4,}(\\d{2})(?![0-9])");

    /** A party as the record shows it: a minor has only the role and "未成年人". */
    public record PartyLine(String role, String name, String gender, String phones, String relation, boolean minor) {
    }

    /** A timeline entry: when, who, from which station, what. */
    public record Entry(Instant at, String user, String station, String what) {
    }

    /** A completed task and its outcome. */
    public record TaskLine(Instant at, String user, String task, String outcome) {
    }

    /** The terms of a mediation agreement (a completed mediation session ending in an agreement). */
    public record AgreementLine(Instant at, String user, String outcome, String terms) {
    }

    /**
     * The record of a file. A party counts as a minor if under 18 on the day the contact was received (and so
     * also if under 18 today). Names of staff are shown as the display names given.
     */
    public static EvidenceRecord of(CaseFileView file, Instant generatedAt, String generatedBy,
                                    java.util.function.Function<String, String> displayName) {
        ContactDetails contact = file.contact();
        LocalDate received = contact.receivedAt() == null ? LocalDate.ofInstant(generatedAt, StationTime.ZONE)
                : LocalDate.ofInstant(contact.receivedAt(), StationTime.ZONE);
        Redaction redaction = new Redaction();
        List<PartyLine> parties = new ArrayList<>();
        for (ContactDetails.PartyDetails p : contact.parties()) {
            boolean minor = isMinor(p, received);
            redaction.add(p, minor);
            parties.add(minor
                    ? new PartyLine(Labels.of(p.role()), MINOR, "", "", "", true)
                    : new PartyLine(Labels.of(p.role()), PersonName.mask(p.name()), Labels.of(p.gender()), phones(p),
                    p.relation() == null ? "" : p.relation(), false));
        }
        List<Entry> timeline = file.timeline().stream()
                .map(e -> new Entry(e.at(), displayName.apply(e.actor()), e.actorStation(),
                        redaction.apply(describe(e))))
                .toList();
        List<TaskLine> tasks = file.completedTasks().stream()
                .map(t -> new TaskLine(t.completedAt(), displayName.apply(t.completedBy()), t.name(), ""))
                .toList();
        List<AgreementLine> agreementLines = new ArrayList<>();
        for (CaseFileView.Session s : file.mediationSessions()) {
            CaseFileView.Agreement a = s.agreement();
            if (a != null) {
                agreementLines.add(new AgreementLine(a.signedAt(), displayName.apply(s.mediator()),
                        Labels.of(a.kind()) + (a.confirmationStatus() == null ? ""
                                : "（" + Labels.of(a.confirmationStatus()) + "）"),
                        redaction.apply(a.terms().strip())));
            }
        }
        return new EvidenceRecord(file.number(), file.stationCode(), file.stationName(),
                Labels.of(contact.channel()), Labels.of(contact.primaryCategory()), Labels.of(file.status()),
                Labels.of(file.closureReason()), file.mediator() == null ? "" : displayName.apply(file.mediator()),
                contact.receivedAt(), contact.registeredAt(), displayName.apply(contact.registeredBy()),
                file.acceptedAt(), displayName.apply(file.acceptedBy()), file.closedAt(), redaction.apply(contact.summary()), parties, timeline, tasks,
                agreementLines, generatedAt, displayName.apply(generatedBy));
    }

    /** A minor by the one rule of {@link Minors}, as of the day the contact was received. */
    public static boolean isMinor(ContactDetails.PartyDetails p, LocalDate asOf) {
        return Minors.isMinor(p.role(), p.birthDate(), p.age(), p.idNumber(), asOf);
    }

    private static String describe(CaseFileView.TimelineEntry e) {
        return e.description() == null ? "" : e.description();
    }

    private static String phones(ContactDetails.PartyDetails p) {
        return p.phones().stream().map(ph -> maskPhone(ph.number()) + (ph.safeToContact() ? "" : "（不宜联系）"))
                .collect(Collectors.joining("，"));
    }

    static String maskPhone(String number) {
        if (number == null || number.isBlank()) {
            return "";
        }
        try {
            return PhoneNumber.parse(number).toString();
        } catch (IllegalArgumentException e) {
            String digits = number.replaceAll("\\D", "");
            return digits.length() <= 4 ? "****" : "****" + digits.substring(digits.length() - 2);
        }
    }

    /**
     * Replaces, in free text, each party's name (longest first, so that a name inside a longer one is not
     * half-replaced): a minor's by "未成年人", an adult's by its masked form; a minor's identity number by a
     * note that it was withheld, and any other identity number or long run of digits by a masked form.
     */
    static final class Redaction {
        private final Map<String, String> names = new LinkedHashMap<>();
        private final List<String> minorIds = new ArrayList<>();

        void add(ContactDetails.PartyDetails p, boolean minor) {
            if (p.name() != null && p.name().strip().codePointCount(0, p.name().strip().length()) >= 2) {
                String name = p.name().strip();
                String replacement = minor ? MINOR : PersonName.mask(name);
                if (minor || !names.containsKey(name)) {
                    names.put(name, replacement);
                }
            }
            if (minor && p.idNumber() != null && !p.idNumber().isBlank()) {
                minorIds.add(p.idNumber().strip().toUpperCase());
            }
        }

        String apply(String text) {
            if (text == null) {
                return "";
            }
            String result = text;
            for (String id : minorIds) {
                result = result.replace(id, ID_WITHHELD).replace(id.toLowerCase(), ID_WITHHELD);
            }
            Matcher ids = ID_NUMBER.matcher(result);
            result = ids.replaceAll(m -> "**************" + m.group().substring(14).toUpperCase());
            result = LONG_DIGITS.matcher(result).replaceAll(m -> m.group(1) + "****" + m.group(2));
            List<String> longestFirst = names.keySet().stream()
                    .sorted(Comparator.comparingInt(String::length).reversed()).toList();
            for (String name : longestFirst) {
                result = result.replace(name, names.get(name));
            }
            return result;
        }
    }
}
