package org.weiquan.infrastructure;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one case's old records mean in the typed tables of V12, for {@link V13__CaseWorkAsRecords}: its handling
 * rounds (the first from acceptance, one more at each reopening, each with its own 60 days), extension and closure
 * requests with their decisions, follow-up visits, written replies, mediation sessions and agreements, every referral
 * ever made with its partner agency, risk assessments, safety plans, protection orders, mandatory reports and the
 * notes of chases and reminders — read from the JSON that each completed task kept in {@code task_record.data}, its
 * outcome, the timeline's texts and what the engine still knows. Plain data in, plain rows out: no JDBC here.
 *
 * <p>The rules are the application's own, restated here because a migration must not change when the code does
 * (and infrastructure may use no other package): a deadline of N days from an event ends at 24:00 of its Beijing
 * date plus N; a round's extension moves its deadline by the days asked; a written agreement may be confirmed by a
 * court within 30 days of its signing date; a protection order is ruled on within 72 hours, 24 when urgent.
 */
final class V13CaseWork {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int HANDLING_DAYS = 60;
    static final int CONFIRMATION_DAYS = 30;
    static final int DEFAULT_FOLLOW_UP_DAYS = 30;
    static final Duration RULING = Duration.ofHours(72);
    static final Duration URGENT_RULING = Duration.ofHours(24);
    /** What a record brought in from a ledger says where the ledger did not (as the ledger import writes it). */
    static final String NOT_IN_LEDGER = "（台账未载明）";
    static final String LEDGER_NOTE = "台账补录";
    static final String REVOKED_AT_WITHDRAWAL = "当事人撤回，转介随之撤销";
    static final String REVOKED_AT_CLOSURE = "结案时转介仍未获答复：系统升级时记为撤销";

    // task keys of the BPMN models as the old records name them, spelled here on purpose rather than taken from
    // casework.CaseTask: an applied migration must read those records the same way on every database, whatever the
    // enum becomes later (Flyway runs it only on databases that have not had it, and notices no change to a Java one)
    static final String MANDATORY_REPORT = "Task_RecordMandatoryReport";
    static final String ASSESS_RISK = "Task_AssessRisk";
    static final String SAFETY_PLAN = "Task_MakeSafetyPlan";
    static final String URGENT_REFERRAL = "Task_ReferToPoliceOrShelter";
    static final String OFFER_ORDER = "Task_OfferProtectionOrder";
    static final String ORDER_RULING = "Task_RecordProtectionOrderRuling";
    static final String ASSIGN_MEDIATOR = "Task_AssignMediator";
    static final String HANDLE_CASE = "Task_HandleCase";
    static final String SESSION = "Task_HoldMediationSession";
    static final String WRITE_REPLY = "Task_WriteReply";
    static final String APPROVE_CLOSURE = "Task_ApproveClosure";
    static final String APPROVE_EXTENSION = "Task_ApproveExtension";
    static final String FOLLOW_UP = "Task_FollowUpVisit";
    static final String REFERRAL_ANSWER = "Task_AwaitReferralAnswer";
    static final String REFERRAL_OUTCOME = "Task_RecordReferralOutcome";
    /** Tasks completed with a form of their own; every other case task was a chase, reminder or warning: a note. */
    static final Set<String> FORM_TASKS = Set.of(MANDATORY_REPORT, ASSESS_RISK, SAFETY_PLAN, URGENT_REFERRAL, OFFER_ORDER,
            ORDER_RULING, ASSIGN_MEDIATOR, HANDLE_CASE, SESSION, WRITE_REPLY, APPROVE_CLOSURE, APPROVE_EXTENSION, FOLLOW_UP,
            REFERRAL_ANSWER, REFERRAL_OUTCOME);

    // the timeline's texts, as the old services wrote them
    static final Pattern EXTENSION_TEXT = Pattern.compile("申请延期 (\\d+) 天：(.*)", Pattern.DOTALL);
    static final Pattern REFERRAL_TEXT = Pattern.compile("转介 (.+)（当事人已同意），(\\d+) 天内答复", Pattern.DOTALL);
    static final Pattern REVOCATION_TEXT = Pattern.compile("撤回转介 R(\\d+)：(.*)", Pattern.DOTALL);
    static final Pattern AUDIT_FAILED_TEXT = Pattern.compile("结案质量抽查：不合格：(.*)", Pattern.DOTALL);
    static final Pattern LEDGER_CLOSURE_TEXT = Pattern.compile("结案（台账补录）：([A-Z_]+)");
    static final Pattern DATE_IN_TEXT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    static final Pattern DAY_IN_TEXT = Pattern.compile("(\\d{1,2})月(\\d{1,2})日");
    /** A referral's process starts in the transaction that writes its timeline entry. */
    static final Duration SAME_STEP = Duration.ofMinutes(10);

    // ---------------------------------------------------------------- what goes in

    record OldCase(long id, String number, long contactId, long stationId, long acceptedStationId, Instant acceptedAt,
                   String acceptedBy, String status, String stage, String mediator, String closureReason,
                   String closureNote, Instant closureRequestedAt, Instant closedAt, String closedBy,
                   Instant withdrawnAt) {
        boolean closed() {
            return "CLOSED".equals(status);
        }
    }

    /** A completed task's record: the form it was completed with is its JSON {@code data}. */
    record OldRecord(long id, String taskId, String taskKey, String outcome, Instant completedAt, String completedBy,
                     JsonObject data) {
        boolean fromLedger() {
            return taskId.startsWith("ledger-");
        }
    }

    /** One reader factory for all the records. */
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    /** A record's JSON; an empty object when it cannot be read (the old columns held only what the forms checked). */
    static JsonObject parse(String json) {
        if (json == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    record OldEvent(String type, Instant at, String actor, String description) {
    }

    /** A referral's process as the engine knows it. */
    record ReferralProcess(String id, String caseNumber, int number, Instant startedAt, boolean running,
                           String agencyCode, String definitionId, boolean hasKeyVariable) {
    }

    record Agency(String code, String name, String kind, Long stationId) {
    }

    /** What every case shares: stations, partner agencies, the risk instrument, and what the engine knows. */
    interface Context {
        /** The station and its ancestors, nearest first. */
        List<Long> stationChain(long stationId);

        List<Agency> agencies();

        String instrumentId();

        /** The instrument's score of the answers (the level comes from the record). */
        int score(Map<String, Boolean> answers);

        String levelOf(Map<String, Boolean> answers);

        List<ReferralProcess> referralProcesses(String caseNumber);

        /** The process a completed task belonged to, from the engine's task history; null when it is gone. */
        String processOfTask(String taskId);

        int followUpDays(String caseNumber);

        LongSupplier ids(String table);

        Counts counts();
    }

    /** What was done, per kind, and what had to be adapted; counts only, never the data itself. */
    static final class Counts {
        final Map<String, Integer> values = new LinkedHashMap<>();

        void add(String what) {
            values.merge(what, 1, Integer::sum);
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }

    // ---------------------------------------------------------------- what comes out

    static final class Round {
        long id;
        int number;
        Instant startedAt;
        String startReason;
        String startNote;
        Instant dueAt;
        Instant extendedDueAt;
        /** When its extension was approved. */
        Instant extendedAt;
        Instant endedAt;
        Instant recordedAt;
        String recordedBy;

        Instant currentDue() {
            return extendedDueAt != null ? extendedDueAt : dueAt;
        }
    }

    static final class Extension {
        long id;
        Round round;
        int days;
        String reason;
        Instant requestedAt;
        String requestedBy;
        boolean late;
        String status = "REQUESTED";
        Instant decidedAt;
        String decidedBy;
        String comment;
    }

    record Attempt(LocalDate on, String means, String note) {
    }

    static final class Closure {
        long id;
        Round round;
        String reason;
        String note;
        List<Attempt> attempts = List.of();
        Instant requestedAt;
        String requestedBy;
        String decision;
        Instant decidedAt;
        String decidedBy;
        String comment;
    }

    static final class FollowUp {
        long id;
        Round round;
        LocalDate closedOn;
        LocalDate dueOn;
        Instant visitedAt;
        String result;
        String agreementPerformed;
        Boolean problemBack;
        String note;
        String visitedBy;
    }

    record Reply(long id, int roundNumber, LocalDate sentOn, String means, String summary, Instant recordedAt,
                 String recordedBy) {
    }

    record Session(long id, int roundNumber, int number, Instant heldAt, String mediator, String attendees, String notes,
                   String outcome, String nextStep, String routesExplained, Instant recordedAt, String recordedBy,
                   Agreement agreement) {
    }

    record Agreement(long id, String kind, String terms, Instant signedAt, LocalDate confirmationDueOn,
                     String confirmationStatus) {
    }

    static final class Referral {
        long id;
        String caseNumber;
        Integer number;
        Integer processNumber;
        int ordinal;
        String processId;
        String definitionId;
        boolean running;
        boolean hasKeyVariable;
        String agencyCode;
        boolean urgent;
        Instant sentAt;
        String sentBy;
        Instant answerDueAt;
        String status = "REQUESTED";
        Instant answeredAt;
        String answeredBy;
        Instant doneAt;
        String doneBy;
        String outcome;
        Instant revokedAt;
        String revokedBy;
        String revokeReason;

        boolean open() {
            return "REQUESTED".equals(status) || "ACCEPTED".equals(status);
        }
    }

    record Risk(long id, String instrumentId, int score, String level, Instant assessedAt, String assessedBy,
                Map<String, Boolean> answers) {
    }

    record SafetyPlan(long id, String plan, Instant madeAt, String madeBy) {
    }

    static final class Order {
        long id;
        String status;
        Instant offeredAt;
        Instant appliedAt;
        boolean urgent;
        Instant rulingDueAt;
        Instant ruledAt;
        LocalDate validUntil;
        Instant recordedAt;
        String recordedBy;
        Instant rulingRecordedAt;
        String rulingRecordedBy;
    }

    record Report(long id, String reportedTo, Instant reportedAt, String method, Instant recordedAt, String recordedBy) {
    }

    record Note(long id, String taskKey, String note, Instant writtenAt, String writtenBy) {
    }

    /** Which record a completed task produced (its receipt). */
    record Receipt(long taskRecordId, String type, long recordId) {
    }

    // ---------------------------------------------------------------- the case's work

    final OldCase aCase;
    final List<Round> rounds = new ArrayList<>();
    final List<Extension> extensions = new ArrayList<>();
    final List<Closure> closures = new ArrayList<>();
    final List<FollowUp> followUps = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    final List<Referral> referrals = new ArrayList<>();
    final List<Risk> risks = new ArrayList<>();
    final List<SafetyPlan> plans = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    final List<Report> reports = new ArrayList<>();
    final List<Note> notes = new ArrayList<>();
    final List<Receipt> receipts = new ArrayList<>();
    /** Set when a ledger recorded the case as withdrawn (the old import closed it with the reason WITHDRAWN). */
    Instant withdrawnInLedger;

    private final Context context;
    private final Counts counts;
    private final List<OldRecord> records;
    private final List<OldEvent> events;
    private final Map<Long, Referral> referralReceipts = new LinkedHashMap<>();

    private V13CaseWork(OldCase aCase, List<OldRecord> records, List<OldEvent> events, Context context) {
        this.aCase = aCase;
        this.records = records.stream().sorted(Comparator.comparing(OldRecord::completedAt)
                .thenComparingLong(OldRecord::id)).toList();
        this.events = events.stream().sorted(Comparator.comparing(OldEvent::at)).toList();
        this.context = context;
        this.counts = context.counts();
    }

    /** Reads the case's records and timeline into the typed rows; nothing is written. */
    static V13CaseWork of(OldCase aCase, List<OldRecord> records, List<OldEvent> events, Context context) {
        V13CaseWork work = new V13CaseWork(aCase, records, events, context);
        work.roundsFromAcceptanceAndReopenings();
        work.extensionRequests();
        work.recordsInTheirOrder();
        work.roundsEnd();
        work.lateExtensionRequests();
        work.referralsEverMade();
        work.followUpStillDue();
        return work;
    }

    /** The deadline in the case file: the current round's. */
    Round currentRound() {
        return rounds.get(rounds.size() - 1);
    }

    /** Closure date − acceptance date in whole Beijing dates, once closed. */
    Long daysToClose() {
        return aCase.closedAt() == null ? null : ChronoUnit.DAYS.between(dateOf(aCase.acceptedAt()), dateOf(aCase.closedAt()));
    }

    Instant withdrawnAt() {
        return aCase.withdrawnAt() != null ? aCase.withdrawnAt() : withdrawnInLedger;
    }

    // ---------------------------------------------------------------- rounds

    private void roundsFromAcceptanceAndReopenings() {
        startRound(aCase.acceptedAt(), "ACCEPTED", null, aCase.acceptedBy());
        for (int i = 0; i < events.size(); i++) {
            OldEvent e = events.get(i);
            if (!"REOPENED".equals(e.type())) {
                continue;
            }
            String auditComment = auditCommentBefore(i);
            boolean audit = e.description().startsWith("抽查") || (!e.description().startsWith("回访") && auditComment != null);
            if (audit) {
                startRound(e.at(), "REOPENED_AFTER_AUDIT", fit(auditComment, 1000, "round.startNote"), e.actor());
            } else {
                // the delegate wrote the entry as "system"; the visit that found the problem back was someone's
                String by = records.stream().filter(r -> FOLLOW_UP.equals(r.taskKey()) && !r.completedAt().isAfter(e.at()))
                        .reduce((a, b) -> b).map(OldRecord::completedBy).orElse(e.actor());
                startRound(e.at(), "REOPENED_AFTER_FOLLOW_UP", null, by);
            }
        }
    }

    private String auditCommentBefore(int index) {
        for (int j = index - 1; j >= 0; j--) {
            OldEvent before = events.get(j);
            if (Duration.between(before.at(), events.get(index).at()).compareTo(SAME_STEP) > 0) {
                return null;
            }
            Matcher m = AUDIT_FAILED_TEXT.matcher(before.description());
            if ("AUDITED".equals(before.type()) && m.matches()) {
                return m.group(1).strip();
            }
        }
        return null;
    }

    private void startRound(Instant at, String reason, String note, String by) {
        Round round = new Round();
        round.id = context.ids("handling_round").getAsLong();
        round.number = rounds.size() + 1;
        round.startedAt = at;
        round.startReason = reason;
        round.startNote = note;
        round.dueAt = deadline(at, HANDLING_DAYS);
        round.recordedAt = at;
        round.recordedBy = by;
        rounds.add(round);
    }

    /** The round a step taken at this moment belonged to. */
    private Round roundAt(Instant at) {
        Round found = rounds.get(0);
        for (Round r : rounds) {
            if (!r.startedAt.isAfter(at)) {
                found = r;
            }
        }
        return found;
    }

    private Instant nextRoundStart(Round round) {
        return round.number < rounds.size() ? rounds.get(round.number).startedAt : Instant.MAX;
    }

    private void roundsEnd() {
        Round last = currentRound();
        Instant withdrawn = withdrawnAt();
        if (withdrawn != null && last.endedAt == null) {
            last.endedAt = withdrawn;
            for (Closure c : closures) {
                if (c.round == last && c.decision == null) {
                    c.decision = "SENT_BACK";
                    c.decidedAt = withdrawn;
                    c.decidedBy = aCase.closedBy();
                }
            }
        }
        if (aCase.closed() && last.endedAt == null) {
            closedAsTheCaseFileSays(last);
        }
        for (Round r : rounds) {
            if (r != last && r.endedAt == null) {
                r.endedAt = nextRoundStart(r);
                counts.add("round ended at the next one's start (no approval found)");
            }
            if (r.endedAt == null) {
                continue;
            }
            for (Extension e : extensions) {
                if (e.round == r && "REQUESTED".equals(e.status)) {
                    e.status = "LAPSED";
                    e.decidedAt = r.endedAt;
                }
            }
            for (Closure c : closures) {
                if (c.round == r && c.decision == null) {
                    c.decision = "SENT_BACK";
                    c.decidedAt = r.endedAt;
                    counts.add("closure request left undecided when its round ended");
                }
            }
        }
    }

    /** A closed case whose closure no record shows (a ledger's, or a gap): the case file's closure is the approval. */
    private void closedAsTheCaseFileSays(Round last) {
        if (aCase.closedAt() == null) {
            last.endedAt = last.startedAt;
            counts.add("closed case without a closure date");
            return;
        }
        if ("WITHDRAWN".equals(aCase.closureReason())) {
            withdrawnInLedger = aCase.closedAt();
            last.endedAt = aCase.closedAt();
            return;
        }
        Closure c = new Closure();
        c.id = context.ids("closure_request").getAsLong();
        c.round = last;
        c.reason = aCase.closureReason() == null ? "OTHER" : aCase.closureReason();
        c.note = fit(aCase.closureNote(), 2000, "closure.note");
        c.requestedAt = aCase.closureRequestedAt() != null ? aCase.closureRequestedAt() : aCase.closedAt();
        c.requestedBy = aCase.closedBy() == null ? "system" : aCase.closedBy();
        approve(c, aCase.closedAt(), c.requestedBy, null);
        closures.add(c);
        counts.add("closure taken from the case file");
    }

    // ---------------------------------------------------------------- extensions

    private void extensionRequests() {
        for (OldEvent e : events) {
            Matcher m = EXTENSION_TEXT.matcher(e.description());
            if (!"EXTENSION_REQUESTED".equals(e.type()) || !m.matches()) {
                continue;
            }
            Extension x = new Extension();
            x.id = context.ids("extension_request").getAsLong();
            x.round = roundAt(e.at());
            x.days = Math.max(1, Math.min(30, Integer.parseInt(m.group(1))));
            x.reason = fit(m.group(2).strip(), 1000, "extension.reason");
            x.requestedAt = e.at();
            x.requestedBy = e.actor();
            extensions.add(x);
        }
    }

    private void extensionDecided(OldRecord r) {
        Round round = roundAt(r.completedAt());
        Extension x = extensions.stream().filter(e -> e.round == round && "REQUESTED".equals(e.status)
                && !e.requestedAt.isAfter(r.completedAt())).findFirst().orElse(null);
        if (x == null) {
            counts.add("extension decision without its request");
            return;
        }
        JsonObject data = r.data();
        boolean approved = "APPROVED".equals(r.outcome()) || data.getBoolean("approved", false);
        x.decidedAt = r.completedAt();
        x.decidedBy = r.completedBy();
        x.comment = fit(text(data, "comment"), 2000, "extension.comment");
        if (!approved) {
            x.status = "REFUSED";
        } else if (round.extendedDueAt == null) {
            x.status = "APPROVED";
            round.extendedDueAt = round.dueAt.plus(Duration.ofDays(x.days));
            round.extendedAt = r.completedAt();
        } else {
            // the old code approved a second request of the round but kept the first extension: nothing was extended
            x.status = "LAPSED";
            counts.add("second extension approval of a round (had no effect)");
        }
        receipt(r, "ExtensionRequest", x.id);
    }

    /** A request made once the deadline in force had passed is late: only an explicit late grant approves it. */
    private void lateExtensionRequests() {
        for (Extension x : extensions) {
            Round r = x.round;
            Instant due = r.extendedAt != null && r.extendedAt.isBefore(x.requestedAt) ? r.extendedDueAt : r.dueAt;
            x.late = !x.requestedAt.isBefore(due);
        }
    }

    // ---------------------------------------------------------------- the records, in the order they were made

    private void recordsInTheirOrder() {
        int sessionNumber = 0;
        for (OldRecord r : records) {
            switch (r.taskKey()) {
                case MANDATORY_REPORT -> mandatoryReport(r);
                case ASSESS_RISK -> riskAssessment(r);
                case SAFETY_PLAN -> safetyPlan(r);
                case URGENT_REFERRAL -> { } // after the other referrals: it takes the numbers after theirs
                case OFFER_ORDER -> protectionOrderOffered(r);
                case ORDER_RULING -> protectionOrderRuled(r);
                case HANDLE_CASE -> handlingStep(r);
                case SESSION -> mediationSession(r, ++sessionNumber);
                case WRITE_REPLY -> writtenReply(r);
                case APPROVE_CLOSURE -> closureDecided(r);
                case APPROVE_EXTENSION -> extensionDecided(r);
                case FOLLOW_UP -> followUpVisit(r);
                case ASSIGN_MEDIATOR, REFERRAL_ANSWER, REFERRAL_OUTCOME -> { } // no record / with the referrals
                default -> note(r);
            }
        }
    }

    private void mandatoryReport(OldRecord r) {
        JsonObject data = r.data();
        Report report = new Report(context.ids("mandatory_report").getAsLong(),
                fit(orDefault(text(data, "reportedTo"), NOT_IN_LEDGER), 200, "mandatoryReport.reportedTo"),
                time(data, "reportedAt", r.completedAt()),
                choice(orDefault(text(data, "method"), r.outcome()), Set.of("PHONE", "VISIT", "WRITTEN", "ONLINE"), "PHONE",
                        "mandatoryReport.method"),
                r.completedAt(), r.completedBy());
        reports.add(report);
        receipt(r, "MandatoryReport", report.id());
    }

    private void riskAssessment(OldRecord r) {
        JsonObject data = r.data();
        Map<String, Boolean> answers = new LinkedHashMap<>();
        if (data.get("answers") instanceof JsonObject given) {
            for (Map.Entry<String, JsonValue> a : given.entrySet()) {
                if (a.getKey().length() <= 16 && (a.getValue() == JsonValue.TRUE || a.getValue() == JsonValue.FALSE)) {
                    answers.put(a.getKey(), a.getValue() == JsonValue.TRUE);
                }
            }
        }
        // the level the case was handled by is the one recorded then; the score is the instrument's
        String level = Set.of("LOW", "MEDIUM", "HIGH").contains(r.outcome()) ? r.outcome() : context.levelOf(answers);
        Risk risk = new Risk(context.ids("risk_assessment").getAsLong(), context.instrumentId(), context.score(answers),
                level, r.completedAt(), r.completedBy(), answers);
        risks.add(risk);
        receipt(r, "RiskAssessment", risk.id());
    }

    private void safetyPlan(OldRecord r) {
        SafetyPlan plan = new SafetyPlan(context.ids("safety_plan").getAsLong(),
                fit(orDefault(text(r.data(), "plan"), NOT_IN_LEDGER), 4000, "safetyPlan.plan"), r.completedAt(),
                r.completedBy());
        plans.add(plan);
        receipt(r, "SafetyPlan", plan.id());
    }

    private void protectionOrderOffered(OldRecord r) {
        JsonObject data = r.data();
        Order o = new Order();
        o.id = context.ids("protection_order").getAsLong();
        o.recordedAt = r.completedAt();
        o.recordedBy = r.completedBy();
        boolean applied = "APPLIED".equals(r.outcome()) || data.getBoolean("applied", false);
        if (applied) {
            o.status = "APPLIED";
            o.appliedAt = time(data, "appliedAt", r.completedAt());
            o.offeredAt = o.appliedAt;
            o.urgent = data.getBoolean("urgent", false);
            o.rulingDueAt = o.appliedAt.plus(o.urgent ? URGENT_RULING : RULING);
        } else {
            o.status = "DECLINED";
            o.offeredAt = r.completedAt();
        }
        orders.add(o);
        receipt(r, "ProtectionOrder", o.id);
    }

    private void protectionOrderRuled(OldRecord r) {
        Order o = null;
        for (Order each : orders) {
            if ("APPLIED".equals(each.status)) {
                o = each;
            }
        }
        if (o == null) {
            counts.add("protection-order ruling without its application");
            return;
        }
        JsonObject data = r.data();
        boolean granted = "GRANTED".equals(r.outcome()) || data.getBoolean("granted", false);
        o.status = granted ? "GRANTED" : "REFUSED";
        o.ruledAt = time(data, "ruledAt", r.completedAt());
        if (o.ruledAt.isBefore(o.appliedAt)) {
            o.ruledAt = o.appliedAt;
            counts.add("protection-order ruling recorded before its application: set to the application");
        }
        o.validUntil = granted ? date(data, "expiresOn") : null;
        o.rulingRecordedAt = r.completedAt();
        o.rulingRecordedBy = r.completedBy();
        receipt(r, "ProtectionOrder", o.id);
    }

    private void handlingStep(OldRecord r) {
        JsonObject data = r.data();
        String step = orDefault(r.outcome(), text(data, "step"));
        if (!"REQUEST_CLOSURE".equals(step)) {
            return;
        }
        Closure c = new Closure();
        c.id = context.ids("closure_request").getAsLong();
        c.round = roundAt(r.completedAt());
        c.reason = orDefault(text(data, "closureReason"), "OTHER");
        c.note = fit(text(data, "closureNote"), 2000, "closure.note");
        c.attempts = attempts(data, dateOf(r.completedAt()));
        c.requestedAt = r.completedAt();
        c.requestedBy = r.completedBy();
        closures.add(c);
        receipt(r, "ClosureRequest", c.id);
    }

    /**
     * The documented attempts of a LOST_CONTACT request: the web form sent one {"note"} per line, API clients what
     * they liked. The date and the means are taken where the attempt names them, the request's date and the phone
     * otherwise; the attempt's own words are kept in its note.
     */
    private List<Attempt> attempts(JsonObject data, LocalDate requestedOn) {
        if (!(data.get("contactAttempts") instanceof JsonArray given)) {
            return List.of();
        }
        List<Attempt> list = new ArrayList<>();
        for (JsonValue v : given) {
            String note;
            LocalDate on = null;
            String means = null;
            if (v instanceof JsonObject o) {
                note = text(o, "note");
                for (String key : List.of("on", "date", "attemptedOn", "when")) {
                    on = on != null ? on : parseDate(text(o, key));
                }
                for (String key : List.of("means", "how", "by", "method")) {
                    String given1 = text(o, key);
                    means = means != null ? means : given1 == null ? null : meansOf(given1);
                }
                if (note == null) {
                    note = o.toString();
                }
            } else {
                note = v instanceof JsonString s ? s.getString() : v.toString();
            }
            if (on == null && note != null) {
                on = dateIn(note, requestedOn);
            }
            if (means == null && note != null) {
                means = meansOf(note);
            }
            if (on == null) {
                on = requestedOn;
                counts.add("contact attempt without a date: the request's date");
            }
            if (means == null) {
                means = "PHONE";
                counts.add("contact attempt without its means: PHONE");
            }
            list.add(new Attempt(on, means, fit(note, 500, "contactAttempt.note")));
        }
        return list;
    }

    /** A date written in an attempt's words: 2026-12-01, or 12月1日 (the last such day up to the request). */
    static LocalDate dateIn(String text, LocalDate requestedOn) {
        Matcher iso = DATE_IN_TEXT.matcher(text);
        if (iso.find()) {
            return parseDate(iso.group());
        }
        Matcher day = DAY_IN_TEXT.matcher(text);
        if (day.find()) {
            try {
                LocalDate d = LocalDate.of(requestedOn.getYear(), Integer.parseInt(day.group(1)),
                        Integer.parseInt(day.group(2)));
                return d.isAfter(requestedOn) ? d.minusYears(1) : d;
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    private static String meansOf(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        for (String means : List.of("PHONE", "VISIT", "SMS", "LETTER", "ONLINE")) {
            if (t.equals(means)) {
                return means;
            }
        }
        if (t.contains("短信") || t.contains("SMS")) {
            return "SMS";
        }
        if (t.contains("上门") || t.contains("走访") || t.contains("家访") || t.contains("VISIT")) {
            return "VISIT";
        }
        if (t.contains("微信") || t.contains("网上") || t.contains("ONLINE")) {
            return "ONLINE";
        }
        if (t.contains("信函") || t.contains("寄信") || t.contains("邮寄") || t.contains("LETTER")) {
            return "LETTER";
        }
        if (t.contains("电话") || t.contains("致电") || t.contains("PHONE")) {
            return "PHONE";
        }
        return null;
    }

    private void closureDecided(OldRecord r) {
        if (r.fromLedger()) {
            closedInLedger(r);
            return;
        }
        Round round = roundAt(r.completedAt());
        Closure c = closures.stream().filter(x -> x.round == round && x.decision == null
                && !x.requestedAt.isAfter(r.completedAt())).findFirst().orElse(null);
        if (c == null) {
            counts.add("closure decision without its request");
            return;
        }
        JsonObject data = r.data();
        String comment = fit(text(data, "comment"), 2000, "closure.comment");
        if ("APPROVED".equals(r.outcome()) || data.getBoolean("approved", false)) {
            approve(c, r.completedAt(), r.completedBy(), comment);
            round.endedAt = r.completedAt();
        } else {
            c.decision = "SENT_BACK";
            c.decidedAt = r.completedAt();
            c.decidedBy = r.completedBy();
            c.comment = comment;
        }
        receipt(r, "ClosureRequest", c.id);
    }

    private static void approve(Closure c, Instant at, String by, String comment) {
        c.decision = "APPROVED";
        c.decidedAt = at;
        c.decidedBy = by;
        c.comment = comment;
    }

    /** A ledger's closure: requested and approved when the ledger says; a withdrawal is recorded as one. */
    private void closedInLedger(OldRecord r) {
        String reason = events.stream().filter(e -> e.at().equals(r.completedAt()))
                .map(e -> LEDGER_CLOSURE_TEXT.matcher(e.description())).filter(Matcher::matches)
                .map(m -> m.group(1)).findFirst().orElse(aCase.closureReason());
        Round round = roundAt(r.completedAt());
        round.endedAt = r.completedAt();
        if ("WITHDRAWN".equals(reason)) {
            withdrawnInLedger = r.completedAt();
            return;
        }
        Closure c = new Closure();
        c.id = context.ids("closure_request").getAsLong();
        c.round = round;
        c.reason = reason == null ? "OTHER" : reason;
        c.note = LEDGER_NOTE;
        c.requestedAt = r.completedAt();
        c.requestedBy = r.completedBy();
        approve(c, r.completedAt(), r.completedBy(), null);
        closures.add(c);
        receipt(r, "ClosureRequest", c.id);
    }

    private void followUpVisit(OldRecord r) {
        JsonObject data = r.data();
        FollowUp v = new FollowUp();
        v.id = context.ids("follow_up_visit").getAsLong();
        v.round = roundAt(r.completedAt());
        v.closedOn = dateOf(v.round.endedAt != null ? v.round.endedAt
                : aCase.closedAt() != null ? aCase.closedAt() : r.completedAt());
        v.dueOn = v.closedOn.plusDays(context.followUpDays(aCase.number()));
        v.visitedAt = r.completedAt();
        v.result = choice(r.outcome(), Set.of("SATISFIED", "NOT_SATISFIED", "UNREACHABLE"), "UNREACHABLE", "followUp.result");
        v.problemBack = data.getBoolean("problemBack", false);
        v.agreementPerformed = choiceOrNull(text(data, "agreementPerformed"), Set.of("YES", "PARTLY", "NO", "NO_AGREEMENT"));
        v.note = r.fromLedger() ? LEDGER_NOTE : fit(text(data, "note"), 2000, "followUp.note");
        v.visitedBy = r.completedBy();
        followUps.add(v);
        receipt(r, "FollowUpVisit", v.id);
    }

    /** A case still waiting for its follow-up visit (stage FOLLOW_UP) has one due. */
    private void followUpStillDue() {
        Round last = currentRound();
        if (!"FOLLOW_UP".equals(aCase.stage()) || !aCase.closed() || withdrawnAt() != null
                || followUps.stream().anyMatch(v -> v.round == last)) {
            return;
        }
        FollowUp v = new FollowUp();
        v.id = context.ids("follow_up_visit").getAsLong();
        v.round = last;
        v.closedOn = dateOf(aCase.closedAt() != null ? aCase.closedAt() : last.endedAt);
        v.dueOn = v.closedOn.plusDays(context.followUpDays(aCase.number()));
        followUps.add(v);
    }

    private void writtenReply(OldRecord r) {
        JsonObject data = r.data();
        LocalDate sentOn = parseDate(text(data, "sentOn"));
        Reply reply = new Reply(context.ids("written_reply").getAsLong(), roundAt(r.completedAt()).number,
                sentOn != null ? sentOn : dateOf(r.completedAt()),
                choice(text(data, "form"), Set.of("LETTER", "IN_PERSON", "ONLINE"), "LETTER", "writtenReply.means"),
                fit(orDefault(text(data, "summary"), NOT_IN_LEDGER), 2000, "writtenReply.summary"), r.completedAt(),
                r.completedBy());
        replies.add(reply);
        receipt(r, "WrittenReply", reply.id());
    }

    private void mediationSession(OldRecord r, int number) {
        JsonObject data = r.data();
        String outcome = choice(orDefault(r.outcome(), text(data, "outcome")),
                Set.of("CONTINUE", "WRITTEN_AGREEMENT", "ORAL_AGREEMENT", "TERMINATED", "REFUSED"), "CONTINUE",
                "session.outcome");
        boolean agreement = outcome.endsWith("_AGREEMENT");
        boolean failed = "TERMINATED".equals(outcome) || "REFUSED".equals(outcome);
        Instant heldAt = r.fromLedger() ? r.completedAt() : time(data, "heldAt", r.completedAt());
        String routes = text(data, "routesExplained");
        Agreement signed = null;
        if (agreement) {
            boolean written = "WRITTEN_AGREEMENT".equals(outcome);
            signed = new Agreement(context.ids("mediation_agreement").getAsLong(), written ? "WRITTEN" : "ORAL",
                    fit(orDefault(text(data, "agreementTerms"), NOT_IN_LEDGER), 4000, "agreement.terms"), heldAt,
                    written ? dateOf(heldAt).plusDays(CONFIRMATION_DAYS) : null, written ? "NOT_APPLIED" : null);
        }
        Session session = new Session(context.ids("mediation_session").getAsLong(), roundAt(r.completedAt()).number,
                number, heldAt, aCase.mediator() != null ? aCase.mediator() : r.completedBy(),
                fit(orDefault(text(data, "attendees"), NOT_IN_LEDGER), 2000, "session.attendees"),
                fit(text(data, "notes"), 4000, "session.notes"), outcome, fit(text(data, "nextStep"), 2000, "session.nextStep"),
                fit(failed ? orDefault(routes, NOT_IN_LEDGER) : routes, 2000, "session.routesExplained"), r.completedAt(),
                r.completedBy(), signed);
        sessions.add(session);
        receipt(r, "MediationSession", session.id());
    }

    private void note(OldRecord r) {
        String text = text(r.data(), "note");
        if (text == null) {
            counts.add("task record of an unknown task without a note");
            return;
        }
        Note note = new Note(context.ids("task_note").getAsLong(), fit(r.taskKey(), 64, "note.taskKey"),
                fit(text, 2000, "note.note"), r.completedAt(), r.completedBy());
        notes.add(note);
        receipt(r, "TaskNote", note.id());
    }

    // ---------------------------------------------------------------- referrals

    /**
     * Every referral ever made: each process the engine still knows, matched to the timeline entry written with it
     * (its agency from the running process, otherwise by the name in that entry), the entries whose process history is
     * gone, and the urgent police and shelter referrals of the urgent path (no process of their own: they go to the
     * nearest police station or civil-affairs shelter of the case's station). Numbers come from the processes'
     * business keys; the others take the numbers after them. Status from the answers, outcomes and revocations; one
     * that could no longer be answered when the case ended is revoked then.
     */
    private void referralsEverMade() {
        List<ReferralProcess> processes = new ArrayList<>(context.referralProcesses(aCase.number()));
        processes.sort(Comparator.comparing(ReferralProcess::startedAt));
        List<OldEvent> sent = events.stream().filter(e -> "REFERRED".equals(e.type())).toList();
        Map<OldEvent, ReferralProcess> matched = new HashMap<>();
        for (ReferralProcess p : processes) {
            sent.stream().filter(e -> !matched.containsKey(e))
                    .filter(e -> Duration.between(e.at(), p.startedAt()).abs().compareTo(SAME_STEP) <= 0)
                    .min(Comparator.comparing(e -> Duration.between(e.at(), p.startedAt()).abs()))
                    .ifPresent(e -> matched.put(e, p));
        }
        int ordinal = 0;
        for (OldEvent e : sent) {
            Matcher m = REFERRAL_TEXT.matcher(e.description());
            ReferralProcess p = matched.get(e);
            Referral x = new Referral();
            x.ordinal = ++ordinal;
            x.sentAt = e.at();
            x.sentBy = e.actor();
            String name = m.matches() ? m.group(1).strip() : null;
            x.agencyCode = p != null && p.agencyCode() != null ? p.agencyCode() : agencyNamed(name, e);
            int days = m.matches() ? Integer.parseInt(m.group(2)) : "LEGAL_AID".equals(kindOf(x.agencyCode)) ? 7 : 15;
            x.answerDueAt = deadline(x.sentAt, days);
            if (p != null) {
                fromProcess(x, p);
            }
            referrals.add(x);
        }
        for (ReferralProcess p : processes) {
            if (!matched.containsValue(p)) {
                Referral x = new Referral();
                x.sentAt = p.startedAt();
                x.sentBy = "system";
                x.agencyCode = p.agencyCode();
                if (x.agencyCode == null) {
                    throw new IllegalStateException("referral R" + p.number() + " of case " + aCase.number()
                            + " has no timeline entry and no agency in its process: its partner agency is unknown");
                }
                x.answerDueAt = deadline(x.sentAt, "LEGAL_AID".equals(kindOf(x.agencyCode)) ? 7 : 15);
                fromProcess(x, p);
                referrals.add(x);
                counts.add("referral process without its timeline entry");
            }
        }
        Map<Long, Referral> urgentReceipts = new LinkedHashMap<>();
        for (OldRecord r : records) {
            if (URGENT_REFERRAL.equals(r.taskKey())) {
                urgentReceipts.put(r.id(), urgentReferrals(r));
            }
        }
        numbered();
        referralSteps();
        referralsEndWithTheCase();
        for (Referral x : referrals) {
            x.id = context.ids("referral").getAsLong();
            x.caseNumber = aCase.number();
        }
        urgentReceipts.forEach((recordId, first) -> receipts.add(new Receipt(recordId, "Referral", first.id)));
        referralReceipts.forEach((recordId, x) -> receipts.add(new Receipt(recordId, "Referral", x.id)));
    }

    private static void fromProcess(Referral x, ReferralProcess p) {
        x.processId = p.id();
        x.processNumber = p.number();
        x.definitionId = p.definitionId();
        x.running = p.running();
        x.hasKeyVariable = p.hasKeyVariable();
    }

    private String agencyNamed(String name, OldEvent e) {
        List<Agency> named = context.agencies().stream().filter(a -> a.name().equals(name)).toList();
        if (named.isEmpty()) {
            throw new IllegalStateException("a referral of case " + aCase.number() + " (" + e.at() + ") names a partner"
                    + " agency that no longer exists under that name: " + name
                    + "; give the agency its old name back for the upgrade");
        }
        List<Long> chain = context.stationChain(aCase.stationId());
        return named.stream().min(Comparator.comparingInt((Agency a) -> a.stationId() == null ? Integer.MAX_VALUE - 1
                        : chain.contains(a.stationId()) ? chain.indexOf(a.stationId()) : Integer.MAX_VALUE)
                .thenComparing(Agency::code)).orElseThrow().code();
    }

    private String kindOf(String agencyCode) {
        return context.agencies().stream().filter(a -> a.code().equals(agencyCode)).map(Agency::kind).findFirst()
                .orElse(null);
    }

    /** The urgent path's referral: POLICE, SHELTER (civil affairs) or BOTH; returns the first one made. */
    private Referral urgentReferrals(OldRecord r) {
        String to = orDefault(r.outcome(), text(r.data(), "agency"));
        List<String> kinds = "BOTH".equals(to) ? List.of("POLICE", "CIVIL_AFFAIRS")
                : "SHELTER".equals(to) ? List.of("CIVIL_AFFAIRS") : List.of("POLICE");
        Referral first = null;
        for (String kind : kinds) {
            Referral x = new Referral();
            x.urgent = true;
            x.sentAt = r.completedAt();
            x.sentBy = r.completedBy();
            x.agencyCode = nearestAgency(kind, "CIVIL_AFFAIRS".equals(kind));
            x.answerDueAt = deadline(x.sentAt, 1);
            referrals.add(x);
            first = first == null ? x : first;
        }
        return first;
    }

    /** The partner agency of this kind nearest to the case's station (the station itself, then up); a shelter first. */
    private String nearestAgency(String kind, boolean shelter) {
        List<Long> chain = context.stationChain(aCase.stationId());
        return context.agencies().stream().filter(a -> a.kind().equals(kind))
                .min(Comparator.comparingInt((Agency a) -> a.stationId() == null ? chain.size()
                                : chain.contains(a.stationId()) ? chain.indexOf(a.stationId()) : chain.size() + 1)
                        .thenComparing(a -> shelter && a.name().contains("庇护") ? 0 : 1)
                        .thenComparing(Agency::code))
                .map(Agency::code)
                .orElseThrow(() -> new IllegalStateException("case " + aCase.number() + " was referred urgently to "
                        + kind + ", but no partner agency of that kind exists"));
    }

    /** Each referral's number within the case: its process's when it has one (unique), the next free ones otherwise. */
    private void numbered() {
        referrals.sort(Comparator.comparing((Referral x) -> x.sentAt));
        Set<Integer> taken = new java.util.HashSet<>();
        for (Referral x : referrals) {
            if (x.processNumber != null && taken.add(x.processNumber)) {
                x.number = x.processNumber;
            } else if (x.processNumber != null) {
                counts.add("referral number given twice by the old count: renumbered");
            }
        }
        int next = taken.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Referral x : referrals) {
            if (x.number == null) {
                x.number = ++next;
            }
        }
    }

    /** Answers, outcomes and revocations in the order they happened. */
    private void referralSteps() {
        record Step(Instant at, OldRecord record, OldEvent revocation) {
        }
        List<Step> steps = new ArrayList<>();
        records.stream().filter(r -> REFERRAL_ANSWER.equals(r.taskKey()) || REFERRAL_OUTCOME.equals(r.taskKey()))
                .forEach(r -> steps.add(new Step(r.completedAt(), r, null)));
        events.stream().filter(e -> "REFERRAL_REVOKED".equals(e.type()))
                .forEach(e -> steps.add(new Step(e.at(), null, e)));
        steps.sort(Comparator.comparing(Step::at));
        for (Step s : steps) {
            if (s.revocation() != null) {
                revoked(s.revocation());
            } else if (REFERRAL_ANSWER.equals(s.record().taskKey())) {
                answered(s.record());
            } else {
                done(s.record());
            }
        }
    }

    private Referral referralOfTask(OldRecord r, String expected) {
        String process = context.processOfTask(r.taskId());
        if (process != null) {
            for (Referral x : referrals) {
                if (process.equals(x.processId)) {
                    return x;
                }
            }
        }
        // the task's history is gone: the earliest referral sent before it that was waiting for this step
        counts.add("referral task matched without its process history");
        return referrals.stream().filter(x -> !x.urgent && expected.equals(x.status) && !x.sentAt.isAfter(r.completedAt()))
                .findFirst().orElse(null);
    }

    private void answered(OldRecord r) {
        Referral x = referralOfTask(r, "REQUESTED");
        if (x == null) {
            counts.add("referral answer without its referral");
            return;
        }
        if ("REQUESTED".equals(x.status)) {
            x.status = "REJECTED".equals(r.outcome()) || "REJECTED".equals(text(r.data(), "answer")) ? "REJECTED" : "ACCEPTED";
            x.answeredAt = r.completedAt();
            x.answeredBy = r.completedBy();
        }
        referralReceipts.put(r.id(), x);
    }

    private void done(OldRecord r) {
        Referral x = referralOfTask(r, "ACCEPTED");
        if (x == null) {
            counts.add("referral outcome without its referral");
            return;
        }
        if (x.open()) {
            if (x.answeredAt == null) {
                x.answeredAt = r.completedAt();
                x.answeredBy = r.completedBy();
            }
            x.status = "DONE";
            x.doneAt = r.completedAt();
            x.doneBy = r.completedBy();
            x.outcome = fit(orDefault(text(r.data(), "outcome"), NOT_IN_LEDGER), 2000, "referral.outcome");
        }
        referralReceipts.put(r.id(), x);
    }

    private void revoked(OldEvent e) {
        Matcher m = REVOCATION_TEXT.matcher(e.description());
        if (!m.matches()) {
            return;
        }
        int number = Integer.parseInt(m.group(1));
        Referral x = referrals.stream().filter(r -> !r.sentAt.isAfter(e.at()) && r.open()
                        && Integer.valueOf(number).equals(r.processNumber)).reduce((a, b) -> b)
                .or(() -> referrals.stream().filter(r -> r.processNumber == null && r.ordinal == number && r.open()
                        && !r.sentAt.isAfter(e.at())).findFirst())
                .orElse(null);
        if (x == null) {
            counts.add("referral revocation without its referral");
            return;
        }
        x.status = "REVOKED";
        x.revokedAt = e.at();
        x.revokedBy = e.actor();
        x.revokeReason = fit(m.group(2).strip(), 1000, "referral.revokeReason");
    }

    /** A referral nobody can answer any more (no running process) ends with its closed case, as revoked. */
    private void referralsEndWithTheCase() {
        if (!aCase.closed()) {
            return;
        }
        for (Referral x : referrals) {
            if (!x.open() || x.running) {
                continue;
            }
            Instant withdrawn = withdrawnAt();
            if (withdrawn != null && !x.sentAt.isAfter(withdrawn)) {
                x.revokedAt = withdrawn;
                x.revokedBy = aCase.closedBy() != null ? aCase.closedBy() : "system";
                x.revokeReason = REVOKED_AT_WITHDRAWAL;
            } else {
                Round ended = rounds.stream().filter(r -> r.endedAt != null && !r.endedAt.isBefore(x.sentAt))
                        .findFirst().orElse(currentRound());
                x.revokedAt = ended.endedAt != null ? ended.endedAt : aCase.closedAt();
                x.revokedBy = "system";
                x.revokeReason = REVOKED_AT_CLOSURE;
            }
            x.status = "REVOKED";
            counts.add("unanswered referral revoked with its closed case");
        }
    }

    // ---------------------------------------------------------------- helpers

    private void receipt(OldRecord r, String type, long id) {
        receipts.add(new Receipt(r.id(), type, id));
    }

    /** 24:00 of the event's Beijing date plus the days: when a deadline of that many days passes. */
    static Instant deadline(Instant event, int days) {
        return dateOf(event).plusDays(days + 1L).atStartOfDay(ZONE).toInstant();
    }

    static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    private static String text(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v instanceof JsonString s) {
            return s.getString().isBlank() ? null : s.getString().strip();
        }
        return v == null || v == JsonValue.NULL ? null : v.toString();
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private Instant time(JsonObject o, String field, Instant otherwise) {
        String v = text(o, field);
        if (v == null) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            counts.add("unreadable time in " + field + ": the completion time");
            return otherwise;
        }
    }

    private LocalDate date(JsonObject o, String field) {
        LocalDate d = parseDate(text(o, field));
        if (d == null && o.containsKey(field)) {
            counts.add("unreadable date in " + field);
        }
        return d;
    }

    private static LocalDate parseDate(String v) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String choice(String value, Set<String> allowed, String otherwise, String what) {
        if (value != null && allowed.contains(value)) {
            return value;
        }
        counts.add(what + " not one of the allowed values: " + otherwise);
        return otherwise;
    }

    private static String choiceOrNull(String value, Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    /** Texts longer than their new column (the old one was longer) are cut, and counted. */
    private String fit(String value, int max, String what) {
        if (value == null || value.length() <= max) {
            return value;
        }
        counts.add(what + " cut to " + max + " characters");
        return value.substring(0, max);
    }
}
