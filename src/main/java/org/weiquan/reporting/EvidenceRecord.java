package org.weiquan.reporting;

import org.weiquan.casefile.CaseFileView;
import org.weiquan.casefile.CaseTasks;
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

    /** What a completed mediation session recorded, as read from its form. */
    public record Agreement(String taskId, String outcome, String terms) {
    }

    /**
     * The record of a file. {@code agreements}: what completed mediation sessions recorded, by task id. A
     * party counts as a minor if under 18 on the day the contact was received (and so also if under 18
     * today).
     */
    public static EvidenceRecord of(CaseFileView file, List<Agreement> agreements, Instant generatedAt,
                                    String generatedBy) {
        ContactDetails contact = file.contact();
        LocalDate received = contact.receivedAt() == null ? LocalDate.ofInstant(generatedAt, StationTime.ZONE)
                : LocalDate.ofInstant(contact.receivedAt(), StationTime.ZONE);
        Redaction redaction = new Redaction();
        List<PartyLine> parties = new ArrayList<>();
        for (ContactDetails.PartyDetails p : contact.parties()) {
            boolean minor = isMinor(p, received);
            redaction.add(p, minor);
            parties.add(minor
                    ? new PartyLine(role(p.role()), MINOR, "", "", "", true)
                    : new PartyLine(role(p.role()), PersonName.mask(p.name()), gender(p.gender()), phones(p),
                    p.relation() == null ? "" : p.relation(), false));
        }
        List<Entry> timeline = file.timeline().stream()
                .map(e -> new Entry(e.at(), e.actor(), e.actorStation(), redaction.apply(describe(e))))
                .toList();
        List<TaskLine> tasks = file.completedTasks().stream()
                .map(t -> new TaskLine(t.completedAt(), t.completedBy(), taskName(t.key()),
                        t.outcome() == null ? "" : t.outcome()))
                .toList();
        Map<String, Agreement> byTask = new LinkedHashMap<>();
        agreements.forEach(a -> byTask.put(a.taskId(), a));
        List<AgreementLine> agreementLines = new ArrayList<>();
        for (CaseTasks.CompletedTask t : file.completedTasks()) {
            Agreement a = byTask.get(t.taskId());
            if (a != null && a.terms() != null && !a.terms().isBlank()) {
                agreementLines.add(new AgreementLine(t.completedAt(), t.completedBy(), agreementKind(a.outcome()),
                        redaction.apply(a.terms().strip())));
            }
        }
        return new EvidenceRecord(file.number(), file.stationCode(), file.stationName(),
                contact.channel() == null ? "" : channel(contact.channel().name()),
                contact.primaryCategory() == null ? "" : contact.primaryCategory().name(),
                file.status() == null ? "" : status(file.status().name()),
                file.closureReason() == null ? "" : file.closureReason(), file.mediator() == null ? "" : file.mediator(),
                contact.receivedAt(), contact.registeredAt(), contact.registeredBy(), file.acceptedAt(),
                file.acceptedBy(), file.closedAt(), redaction.apply(contact.summary()), parties, timeline, tasks,
                agreementLines, generatedAt, generatedBy);
    }

    /**
     * The rule of {@code Party.isMinor}, on the file's view of a party: a child, or under 18 by birth date
     * or age; and, since the record must never name a minor, also under 18 by the birth date in the
     * identity number; any one sign is enough (an age under 18 counts even beside an adult's birth date).
     */
    public static boolean isMinor(ContactDetails.PartyDetails p, LocalDate asOf) {
        if (p.role() == PartyRole.CHILD) {
            return true;
        }
        if (p.birthDate() != null && p.birthDate().plusYears(18).isAfter(asOf)) {
            return true;
        }
        LocalDate fromId = birthDateIn(p.idNumber());
        if (fromId != null && fromId.plusYears(18).isAfter(asOf)) {
            return true;
        }
        return p.age() != null && p.age() < 18;
    }

    private static LocalDate birthDateIn(String idNumber) {
        if (idNumber == null || !ID_NUMBER.matcher(idNumber.strip()).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(idNumber.strip().substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String describe(CaseFileView.TimelineEntry e) {
        String what = e.description() == null ? "" : e.description();
        return e.type() == null ? what : what + " [" + e.type() + "]";
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

    private static String role(PartyRole role) {
        if (role == null) {
            return "";
        }
        return switch (role) {
            case COMPLAINANT -> "求助人 complainant";
            case RESPONDENT -> "被反映人 respondent";
            case CHILD -> "子女 child";
            case OTHER -> "其他 other";
        };
    }

    private static String gender(org.weiquan.intake.Gender gender) {
        if (gender == null) {
            return "";
        }
        return switch (gender) {
            case FEMALE -> "女";
            case MALE -> "男";
            case UNKNOWN -> "不详";
        };
    }

    private static String agreementKind(String outcome) {
        if (outcome == null) {
            return "";
        }
        return switch (outcome) {
            case "WRITTEN_AGREEMENT" -> "书面协议 written agreement";
            case "ORAL_AGREEMENT" -> "口头协议 oral agreement";
            default -> outcome;
        };
    }

    private static String status(String status) {
        return switch (status) {
            case "OPEN" -> "办理中 OPEN";
            case "CLOSED" -> "已结案 CLOSED";
            default -> status;
        };
    }

    private static final Map<String, String> CHANNELS = Map.ofEntries(
            Map.entry("LETTER", "来信"), Map.entry("VISIT", "来访"), Map.entry("HOTLINE", "12338 热线"),
            Map.entry("PHONE", "电话"), Map.entry("ONLINE", "网上"), Map.entry("COMPLAINT_BOX", "意见箱"),
            Map.entry("JUDICIAL_OFFICE", "司法所投诉站"), Map.entry("TRANSFER", "上级转送/交办"),
            Map.entry("AGENCY_REFERRAL", "公检法转介"), Map.entry("MANDATORY_REPORT", "强制报告"),
            Map.entry("SCREENING", "排查"), Map.entry("MEDIA", "舆情"));

    private static String channel(String channel) {
        String zh = CHANNELS.get(channel);
        return zh == null ? channel : zh + " " + channel;
    }

    /** The names the process models give their tasks (bpmn/*.bpmn). */
    private static final Map<String, String> TASKS = Map.ofEntries(
            Map.entry("Task_ReviewContact", "受理审查"), Map.entry("Task_AssignMediator", "指派调解员"),
            Map.entry("Task_AssessRisk", "危险性评估"), Map.entry("Task_HandleCase", "案件办理"),
            Map.entry("Task_HoldMediationSession", "调解会谈"), Map.entry("Task_WriteReply", "书面答复"),
            Map.entry("Task_ApproveClosure", "结案审批"), Map.entry("Task_ApproveExtension", "延期审批"),
            Map.entry("Task_FollowUpVisit", "回访"), Map.entry("Task_MakeSafetyPlan", "制定安全计划"),
            Map.entry("Task_OfferProtectionOrder", "协助申请人身安全保护令"),
            Map.entry("Task_ReferToPoliceOrShelter", "转介公安/庇护"), Map.entry("Task_RecordMandatoryReport", "强制报告"),
            Map.entry("Task_ChaseMandatoryReport", "督办强制报告"), Map.entry("Task_ChaseOverdueCase", "超期督办"),
            Map.entry("Task_ChaseOverdueReview", "督办超期受理审查"),
            Map.entry("Task_ChaseProtectionOrderRuling", "督促法院裁定"), Map.entry("Task_ChaseReferral", "督办"),
            Map.entry("Task_ChaseUrgentAction", "督办紧急保护"), Map.entry("Task_HandlingDeadlineWarning", "期限预警"),
            Map.entry("Task_AwaitReferralAnswer", "等待转介答复"), Map.entry("Task_RecordReferralOutcome", "记录转介结果"),
            Map.entry("Task_RecordProtectionOrderRuling", "记录法院裁定"),
            Map.entry("Task_RemindJudicialConfirmation", "提醒申请司法确认"),
            Map.entry("Task_RemindProtectionOrderRenewal", "保护令续期提醒"));

    static String taskName(String key) {
        String zh = key == null ? null : TASKS.get(key);
        return zh == null ? String.valueOf(key) : zh + " " + key;
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
