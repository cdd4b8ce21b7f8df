package org.weiquan.casefile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.weiquan.security.Role;
import org.weiquan.security.Users;
import org.weiquan.shared.InvalidInput;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The form of every user task of the case models: which fields it needs, how they are checked (each
 * problem named by field), which process variables its completion sets (never personal data: enums,
 * flags, dates), which outcome is kept for the indicators, and what the timeline says.
 */
@ApplicationScoped
class TaskForms {

    static final int TEXT_MAX = 2000;
    /** 反家庭暴力法 art. 28: the court rules within 72 hours, 24 hours when urgent. */
    static final Duration RULING = Duration.ofHours(72);
    static final Duration URGENT_RULING = Duration.ofHours(24);
    /** 人民调解法 art. 33: apply for judicial confirmation within 30 days; remind after 25. */
    static final Duration JUDICIAL_REMINDER = Duration.ofDays(25);

    @Inject
    RiskInstrument instrument;

    @Inject
    Users users;

    @Inject
    Clock clock;

    /** What a valid form leads to. */
    record Completion(Map<String, Object> variables, String outcome, String description) {
    }

    /** The case's earlier records, for the evidence a closure needs. */
    record History(List<TaskRecord> records, boolean needsWrittenReply) {
        boolean has(String taskKey, Set<String> outcomes) {
            return records.stream().anyMatch(r -> r.taskKey().equals(taskKey)
                    && (outcomes == null || outcomes.contains(r.outcome())));
        }
    }

    Completion check(String taskKey, JsonObject form, Case aCase, History history) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, Object> vars = new HashMap<>();
        Completion c = switch (taskKey) {
            case "Task_RecordMandatoryReport" -> {
                String to = text(errors, form, "reportedTo", true);
                Instant at = time(errors, form, "reportedAt", true);
                String method = choice(errors, form, "method", true, "PHONE", "VISIT", "WRITTEN", "ONLINE");
                yield new Completion(vars, method, "强制报告已向 " + to + " 报告（" + method + "，" + at + "）");
            }
            case "Task_AssessRisk" -> {
                JsonObject answers = form.containsKey("answers") && form.get("answers") instanceof JsonObject o ? o : null;
                if (answers == null) {
                    errors.add("answers", "is required: yes/no for every question of the instrument");
                    yield null;
                }
                Map<String, Boolean> a = RiskInstrument.answersOf(answers);
                for (RiskInstrument.Question q : instrument.questions()) {
                    if (a.get(q.id()) == null) {
                        errors.add("answers." + q.id(), "needs yes or no (true/false)");
                    }
                }
                a.keySet().stream().filter(k -> instrument.questions().stream().noneMatch(q -> q.id().equals(k)))
                        .forEach(k -> errors.add("answers." + k, "is not a question of the instrument"));
                errors.throwIfAny();
                RiskInstrument.Result r = instrument.score(a);
                vars.put("riskLevel", r.level());
                yield new Completion(vars, r.level(), "危险性评估：" + r.level() + "（" + r.score() + " 分）");
            }
            case "Task_MakeSafetyPlan" -> {
                text(errors, form, "plan", true);
                yield new Completion(vars, "DONE", "已制定安全计划");
            }
            case "Task_ReferToPoliceOrShelter" -> {
                String agency = choice(errors, form, "agency", true, "POLICE", "SHELTER", "BOTH");
                if (!form.getBoolean("consent", false)) {
                    errors.add("consent", "the person must agree before a referral is sent");
                }
                yield new Completion(vars, agency, "紧急转介：" + agency);
            }
            case "Task_OfferProtectionOrder" -> {
                Boolean applied = bool(errors, form, "applied", true);
                boolean urgent = form.getBoolean("urgent", false);
                Instant appliedAt = Boolean.TRUE.equals(applied) ? time(errors, form, "appliedAt", true) : null;
                vars.put("protectionOrderApplied", Boolean.TRUE.equals(applied));
                vars.put("protectionOrderUrgent", urgent);
                if (appliedAt != null) {
                    vars.put("protectionOrderRulingDue", Date.from(appliedAt.plus(urgent ? URGENT_RULING : RULING)));
                }
                yield new Completion(vars, Boolean.TRUE.equals(applied) ? "APPLIED" : "NOT_APPLIED",
                        Boolean.TRUE.equals(applied) ? "已协助申请人身安全保护令" + (urgent ? "（紧急）" : "") : "未申请保护令");
            }
            case "Task_RecordProtectionOrderRuling" -> {
                Boolean granted = bool(errors, form, "granted", true);
                time(errors, form, "ruledAt", true);
                LocalDate expires = Boolean.TRUE.equals(granted) ? date(errors, form, "expiresOn", true) : null;
                if (expires != null && expires.isAfter(LocalDate.now(clock).plusMonths(6))) {
                    errors.add("expiresOn", "a protection order lasts at most 6 months (反家庭暴力法 art. 30)");
                }
                vars.put("protectionOrderGranted", Boolean.TRUE.equals(granted));
                if (expires != null) {
                    vars.put("protectionOrderRenewalReminder",
                            Date.from(expires.minusDays(14).atStartOfDay(clock.getZone()).toInstant()));
                }
                yield new Completion(vars, Boolean.TRUE.equals(granted) ? "GRANTED" : "REFUSED",
                        Boolean.TRUE.equals(granted) ? "法院裁定发出保护令，有效期至 " + expires : "法院未发出保护令");
            }
            case "Task_AssignMediator" -> {
                String mediator = text(errors, form, "mediator", true);
                if (mediator != null && users.byUsername(mediator)
                        .filter(u -> u.enabled() && u.roles().contains(Role.MEDIATOR)
                                && aCase.station().path().startsWith(u.station().path()))
                        .isEmpty()) {
                    errors.add("mediator", "is not an active mediator of this station or a station above it");
                }
                vars.put("mediator", mediator);
                yield new Completion(vars, null, "指派调解员 " + mediator);
            }
            case "Task_HandleCase" -> {
                String step = choice(errors, form, "step", true, "MEDIATE", "WRITTEN_REPLY", "REQUEST_CLOSURE");
                vars.put("handlingStep", step);
                if ("REQUEST_CLOSURE".equals(step)) {
                    checkClosureEvidence(errors, form, history);
                }
                yield new Completion(vars, step, switch (step == null ? "" : step) {
                    case "MEDIATE" -> "开始调解";
                    case "WRITTEN_REPLY" -> "书面答复";
                    default -> "申请结案：" + form.getString("closureReason", "");
                });
            }
            case "Task_HoldMediationSession" -> {
                Instant heldAt = time(errors, form, "heldAt", true);
                text(errors, form, "attendees", true);
                text(errors, form, "notes", false);
                text(errors, form, "nextStep", false);
                String outcome = choice(errors, form, "outcome", true,
                        "CONTINUE", "WRITTEN_AGREEMENT", "ORAL_AGREEMENT", "TERMINATED", "REFUSED");
                if ("WRITTEN_AGREEMENT".equals(outcome) || "ORAL_AGREEMENT".equals(outcome)) {
                    text(errors, form, "agreementTerms", true);
                }
                if ("TERMINATED".equals(outcome) || "REFUSED".equals(outcome)) {
                    text(errors, form, "routesExplained", true);
                }
                vars.put("mediationOutcome", outcome);
                if ("WRITTEN_AGREEMENT".equals(outcome) && heldAt != null) {
                    vars.put("judicialConfirmationReminder", Date.from(heldAt.plus(JUDICIAL_REMINDER)));
                }
                yield new Completion(vars, outcome, "调解会谈：" + outcome);
            }
            case "Task_WriteReply" -> {
                date(errors, form, "sentOn", true);
                String how = choice(errors, form, "form", true, "LETTER", "IN_PERSON", "ONLINE");
                text(errors, form, "summary", true);
                yield new Completion(vars, "SENT", "书面答复已发出（" + how + "）");
            }
            case "Task_ApproveClosure" -> {
                Boolean approved = bool(errors, form, "approved", true);
                if (Boolean.FALSE.equals(approved)) {
                    text(errors, form, "comment", true);
                }
                vars.put("closureApproved", Boolean.TRUE.equals(approved));
                yield new Completion(vars, Boolean.TRUE.equals(approved) ? "APPROVED" : "SENT_BACK",
                        Boolean.TRUE.equals(approved) ? "结案审批通过" : "结案申请退回：" + form.getString("comment", ""));
            }
            case "Task_ApproveExtension" -> {
                Boolean approved = bool(errors, form, "approved", true);
                if (Boolean.FALSE.equals(approved)) {
                    text(errors, form, "comment", true);
                }
                vars.put("extensionApproved", Boolean.TRUE.equals(approved));
                yield new Completion(vars, Boolean.TRUE.equals(approved) ? "APPROVED" : "REFUSED",
                        Boolean.TRUE.equals(approved) ? "延期已批准" : "延期未批准");
            }
            case "Task_FollowUpVisit" -> {
                String result = choice(errors, form, "result", true, "SATISFIED", "NOT_SATISFIED", "UNREACHABLE");
                Boolean back = bool(errors, form, "problemBack", true);
                vars.put("problemBack", Boolean.TRUE.equals(back));
                yield new Completion(vars, result, "回访：" + result + (Boolean.TRUE.equals(back) ? "，问题反复，重新办理" : ""));
            }
            case "Task_AwaitReferralAnswer" -> {
                String answer = choice(errors, form, "answer", true, "ACCEPTED", "REJECTED");
                vars.put("referralAnswer", answer);
                yield new Completion(vars, answer, "转介答复：" + answer);
            }
            case "Task_RecordReferralOutcome" -> {
                text(errors, form, "outcome", true);
                yield new Completion(vars, "DONE", "转介已办结");
            }
            default -> {
                // reminders and chases (督办): what was done about it
                text(errors, form, "note", true);
                yield new Completion(vars, "DONE", "已处理：" + taskKey);
            }
        };
        errors.throwIfAny();
        return c;
    }

    /** A closure request names its reason and brings the evidence that reason needs. */
    private void checkClosureEvidence(InvalidInput.Collector errors, JsonObject form, History history) {
        String value = form.getString("closureReason", null);
        ClosureReason reason = null;
        if (value == null || value.isBlank()) {
            errors.add("closureReason", "is required when closing");
        } else {
            try {
                reason = ClosureReason.valueOf(value.strip());
            } catch (IllegalArgumentException e) {
                errors.add("closureReason", "must be one of " + Arrays.stream(ClosureReason.values())
                        .map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        text(errors, form, "closureNote", reason == ClosureReason.OTHER);
        if (reason == null) {
            return;
        }
        switch (reason) {
            case MEDIATED_WRITTEN -> requireRecord(errors, history, "Task_HoldMediationSession", Set.of("WRITTEN_AGREEMENT"),
                    "a written agreement (调解协议书) recorded in a mediation session");
            case MEDIATED_ORAL -> requireRecord(errors, history, "Task_HoldMediationSession", Set.of("ORAL_AGREEMENT"),
                    "an oral agreement recorded in a mediation session");
            case MEDIATION_FAILED_ADVISED -> requireRecord(errors, history, "Task_HoldMediationSession",
                    Set.of("TERMINATED", "REFUSED"), "a terminated or refused mediation with the routes explained");
            case REFERRAL_COMPLETED -> requireRecord(errors, history, "Task_RecordReferralOutcome", Set.of("DONE"),
                    "a referral recorded as done");
            case LOST_CONTACT -> {
                JsonArray attempts = form.containsKey("contactAttempts") && form.get("contactAttempts") instanceof JsonArray a
                        ? a : null;
                if (attempts == null || attempts.size() < 3) {
                    errors.add("contactAttempts", "LOST_CONTACT needs at least 3 documented contact attempts (date and how)");
                }
            }
            default -> {
            }
        }
        if (history.needsWrittenReply() && !history.has("Task_WriteReply", null)) {
            errors.add("closureReason", "a letter or harassment complaint closes only after the written reply (书面答复)");
        }
    }

    private static void requireRecord(InvalidInput.Collector errors, History history, String key, Set<String> outcomes,
                                      String what) {
        if (!history.has(key, outcomes)) {
            errors.add("closureReason", "needs evidence: " + what);
        }
    }

    static String text(InvalidInput.Collector errors, JsonObject form, String field, boolean required) {
        JsonValue v = form.get(field);
        if (v == null || v == JsonValue.NULL || v instanceof JsonString s && s.getString().isBlank()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (!(v instanceof JsonString s)) {
            errors.add(field, "must be text");
            return null;
        }
        if (s.getString().length() > TEXT_MAX) {
            errors.add(field, "is longer than " + TEXT_MAX + " characters");
            return null;
        }
        return s.getString().strip();
    }

    static String choice(InvalidInput.Collector errors, JsonObject form, String field, boolean required,
                         String... allowed) {
        String v = text(errors, form, field, required);
        if (v != null && !Arrays.asList(allowed).contains(v)) {
            errors.add(field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return v;
    }

    static Boolean bool(InvalidInput.Collector errors, JsonObject form, String field, boolean required) {
        JsonValue v = form.get(field);
        if (v == JsonValue.TRUE) {
            return true;
        }
        if (v == JsonValue.FALSE) {
            return false;
        }
        if (v == null || v == JsonValue.NULL) {
            if (required) {
                errors.add(field, "is required: true or false");
            }
        } else {
            errors.add(field, "must be true or false");
        }
        return null;
    }

    Instant time(InvalidInput.Collector errors, JsonObject form, String field, boolean required) {
        String v = text(errors, form, field, required);
        if (v == null) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(v).toInstant();
            if (t.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
                errors.add(field, "lies in the future");
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO-8601 time with offset, e.g. 2026-03-02T09:30:00+08:00");
            return null;
        }
    }

    LocalDate date(InvalidInput.Collector errors, JsonObject form, String field, boolean required) {
        String v = text(errors, form, field, required);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a date like 2026-03-02");
            return null;
        }
    }
}
