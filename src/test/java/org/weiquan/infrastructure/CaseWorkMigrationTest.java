package org.weiquan.infrastructure;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weiquan.infrastructure.Sql.date;
import static org.weiquan.infrastructure.Sql.instant;

/**
 * Issue 11, item 2: a database as the old version left it — the demo data and a set of cases driven through the old
 * REST API so that every kind of work is there (src/test/resources/migration/README.md says which case is which) —
 * migrated to the newest version with the application's own Flyway configuration. What the old JSON, the timeline and
 * the engine's history say is read from the fixture before the migration, by this test's own code; the typed records
 * must hold all of it: the counts per kind, and every record compared field by field with the form it came from.
 * Runs on PostgreSQL when WEIQUAN_TEST_DB_URL is set, on H2 otherwise.
 */
class CaseWorkMigrationTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String NOT_IN_LEDGER = "（台账未载明）";
    /** The cases driven through the old API (drive_old_app.py), by what they went through. */
    static final String WRITTEN_AGREEMENT = "QX-0101-2026-0030";
    static final String REOPENED_AFTER_FOLLOW_UP = "QX-0101-2026-0031";
    static final String REFERRALS_DONE_REJECTED_REVOKED = "QX-0101-2026-0032";
    static final String ORDER_GRANTED_REFERRAL_WAITING = "QX-0201-2026-0019";
    static final String ORDER_DECLINED = "QX-0101-2026-0033";
    static final String ORDER_REFUSED_EXTENSION_WAITING = "QX-0101-2026-0034";
    static final String MANDATORY_REPORT_LOST_CONTACT = "QX-0101-2026-0035";
    static final String WITHDRAWN_WITH_REFERRAL = "QX-0101-2026-0036";
    static final String REOPENED_AFTER_AUDIT = "QX-0101-2026-0037";
    static final String LATE_EXTENSION = "QX-0101-2025-0002";
    static final String LEDGER_WITHDRAWN = "QX-0101-2025-0016";

    static final Set<String> FORM_TASKS = Set.of("Task_RecordMandatoryReport", "Task_AssessRisk", "Task_MakeSafetyPlan",
            "Task_ReferToPoliceOrShelter", "Task_OfferProtectionOrder", "Task_RecordProtectionOrderRuling",
            "Task_AssignMediator", "Task_HandleCase", "Task_HoldMediationSession", "Task_WriteReply", "Task_ApproveClosure",
            "Task_ApproveExtension", "Task_FollowUpVisit", "Task_AwaitReferralAnswer", "Task_RecordReferralOutcome");

    static OldDatabase db;
    static Sql sql;
    /** The fixture before the migration: each case's task records (with their JSON) and timeline entries. */
    static Map<Long, OldCase> before;
    static List<OldRecord> records;

    record OldRecord(long id, long caseId, String taskId, String key, String outcome, Instant at, String by,
                     JsonObject data) {
        boolean ledger() {
            return taskId.startsWith("ledger-");
        }
    }

    record OldEvent(long caseId, String type, Instant at, String actor, String text) {
    }

    record OldCase(long id, String number, long contactId, String stage, String status, Instant acceptedAt,
                   Instant closedAt, Instant withdrawnAt, Instant extendedDue, List<OldRecord> records,
                   List<OldEvent> events) {
        List<OldRecord> of(String key) {
            return records.stream().filter(r -> r.key().equals(key)).toList();
        }

        List<OldEvent> events(String type) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    @BeforeAll
    static void migrateTheOldDatabase() {
        db = OldDatabase.withFixture(true);
        sql = new Sql(db.dataSource);
        readTheFixture();
        db.migrate();
    }

    @AfterAll
    static void dropIt() {
        if (db != null) {
            db.close();
        }
    }

    private static void readTheFixture() {
        records = sql.rows("SELECT id, case_id, task_id, task_key, outcome, completed_at, completed_by, data"
                + " FROM task_record ORDER BY completed_at, id").stream().map(r -> new OldRecord((Long) r.get("id"),
                (Long) r.get("case_id"), (String) r.get("task_id"), (String) r.get("task_key"), (String) r.get("outcome"),
                instant(r.get("completed_at")), (String) r.get("completed_by"), json((String) r.get("data")))).toList();
        List<OldEvent> events = sql.rows("SELECT case_id, type, occurred_at, actor, description FROM case_event"
                + " WHERE case_id IS NOT NULL ORDER BY occurred_at, id").stream().map(r -> new OldEvent(
                (Long) r.get("case_id"), (String) r.get("type"), instant(r.get("occurred_at")), (String) r.get("actor"),
                (String) r.get("description"))).toList();
        before = new HashMap<>();
        for (Map<String, Object> c : sql.rows("SELECT id, number, contact_id, stage, status, accepted_at, closed_at,"
                + " withdrawn_at, extended_due FROM case_file")) {
            long id = (Long) c.get("id");
            before.put(id, new OldCase(id, (String) c.get("number"), (Long) c.get("contact_id"), (String) c.get("stage"),
                    (String) c.get("status"), instant(c.get("accepted_at")), instant(c.get("closed_at")),
                    instant(c.get("withdrawn_at")), instant(c.get("extended_due")),
                    records.stream().filter(r -> r.caseId() == id).toList(),
                    events.stream().filter(e -> e.caseId() == id).toList()));
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static OldCase numbered(String number) {
        return before.values().stream().filter(c -> c.number().equals(number)).findFirst().orElseThrow();
    }

    private static List<OldRecord> all(String key) {
        return records.stream().filter(r -> r.key().equals(key)).toList();
    }

    /** The row a task record's receipt points at. */
    private static Map<String, Object> recordOf(OldRecord r, String table) {
        Map<String, Object> receipt = sql.row("SELECT record_type, record_id FROM task_record WHERE id = ?", r.id());
        assertThat(receipt.get("record_id")).as("receipt of task record %s (%s)", r.id(), r.key()).isNotNull();
        return sql.row("SELECT * FROM " + table + " WHERE id = ?", receipt.get("record_id"));
    }

    private static Instant deadline(Instant event, int days) {
        return event.atZone(BEIJING).toLocalDate().plusDays(days + 1L).atStartOfDay(BEIJING).toInstant();
    }

    private static LocalDate beijingDate(Instant at) {
        return at.atZone(BEIJING).toLocalDate();
    }

    private static String text(JsonObject o, String field) {
        return o.containsKey(field) && o.get(field).getValueType() == JsonValue.ValueType.STRING
                ? o.getString(field).strip() : null;
    }

    private static Instant time(JsonObject o, String field) {
        return OffsetDateTime.parse(o.getString(field)).toInstant();
    }

    // ---------------------------------------------------------------- counts

    @Test
    void everyKindOfWorkIsCarriedOverAsManyTimesAsTheOldRecordsSayItWasDone() {
        long urgentReferrals = all("Task_ReferToPoliceOrShelter").stream()
                .mapToLong(r -> "BOTH".equals(r.data().getString("agency")) ? 2 : 1).sum();
        long referred = before.values().stream().mapToLong(c -> c.events("REFERRED").size()).sum();
        long closureRequests = all("Task_HandleCase").stream()
                .filter(r -> "REQUEST_CLOSURE".equals(r.data().getString("step"))).count()
                + all("Task_ApproveClosure").stream().filter(OldRecord::ledger)
                .filter(r -> !before.get(r.caseId()).events.stream().anyMatch(e -> e.text().equals("结案（台账补录）：WITHDRAWN")))
                .count();
        long stillToVisit = before.values().stream().filter(c -> "FOLLOW_UP".equals(c.stage())).count();
        long reopenings = before.values().stream().mapToLong(c -> c.events("REOPENED").size()).sum();
        long attempts = all("Task_HandleCase").stream().filter(r -> r.data().containsKey("contactAttempts"))
                .mapToLong(r -> r.data().getJsonArray("contactAttempts").size()).sum();
        long answers = all("Task_AssessRisk").stream().mapToLong(r -> r.data().getJsonObject("answers").size()).sum();
        long notes = records.stream().filter(r -> !FORM_TASKS.contains(r.key())).count();

        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("mediation_session", (long) all("Task_HoldMediationSession").size());
        expected.put("mediation_agreement", all("Task_HoldMediationSession").stream()
                .filter(r -> r.outcome().endsWith("_AGREEMENT")).count());
        expected.put("referral", referred + urgentReferrals);
        expected.put("protection_order", (long) all("Task_OfferProtectionOrder").size());
        expected.put("risk_assessment", (long) all("Task_AssessRisk").size());
        expected.put("risk_answer", answers);
        expected.put("safety_plan", (long) all("Task_MakeSafetyPlan").size());
        expected.put("mandatory_report", (long) all("Task_RecordMandatoryReport").size());
        expected.put("written_reply", (long) all("Task_WriteReply").size());
        expected.put("follow_up_visit", all("Task_FollowUpVisit").size() + stillToVisit);
        expected.put("closure_request", closureRequests);
        expected.put("contact_attempt", attempts);
        expected.put("extension_request", before.values().stream().mapToLong(c -> c.events("EXTENSION_REQUESTED").size()).sum());
        expected.put("handling_round", before.size() + reopenings);
        expected.put("task_note", notes);
        Map<String, Long> migrated = new java.util.LinkedHashMap<>();
        expected.keySet().forEach(table -> migrated.put(table, sql.count("SELECT COUNT(*) FROM " + table)));

        assertThat(migrated).as("rows per kind on " + db.product()).isEqualTo(expected);
        // the fixture holds every kind, so that the comparison above means something
        assertThat(expected.values()).allMatch(n -> n > 0);
        assertThat(expected).containsEntry("referral", 9L).containsEntry("mediation_session", 8L)
                .containsEntry("follow_up_visit", 6L).containsEntry("handling_round", 126L);
    }

    // ---------------------------------------------------------------- mediation

    @Test
    void everyMediationSessionAndAgreementKeepsWhatItsFormSaid() {
        Map<Long, Integer> numbers = new HashMap<>();
        for (OldRecord r : all("Task_HoldMediationSession")) {
            Map<String, Object> s = recordOf(r, "mediation_session");
            JsonObject form = r.data();
            int number = numbers.merge(r.caseId(), 1, Integer::sum);
            Instant held = r.ledger() ? r.at() : time(form, "heldAt");
            assertThat(s).as("session of task record %s", r.id())
                    .containsEntry("case_id", r.caseId()).containsEntry("session_no", (long) number)
                    .containsEntry("held_at", held).containsEntry("outcome", r.outcome())
                    .containsEntry("attendees", r.ledger() ? NOT_IN_LEDGER : text(form, "attendees"))
                    .containsEntry("notes", text(form, "notes")).containsEntry("next_step", text(form, "nextStep"))
                    .containsEntry("recorded_by", r.by()).containsEntry("recorded_at", r.at());
            boolean failed = Set.of("TERMINATED", "REFUSED").contains(r.outcome());
            assertThat(s.get("routes_explained")).isEqualTo(failed && r.ledger() ? NOT_IN_LEDGER : text(form, "routesExplained"));
            List<Map<String, Object>> agreements = sql.rows("SELECT * FROM mediation_agreement WHERE session_id = ?", s.get("id"));
            if (!r.outcome().endsWith("_AGREEMENT")) {
                assertThat(agreements).isEmpty();
                continue;
            }
            boolean written = r.outcome().equals("WRITTEN_AGREEMENT");
            assertThat(agreements).singleElement().satisfies(a -> assertThat(a)
                    .containsEntry("kind", written ? "WRITTEN" : "ORAL").containsEntry("case_id", r.caseId())
                    .containsEntry("terms", r.ledger() ? NOT_IN_LEDGER : text(form, "agreementTerms"))
                    .containsEntry("signed_at", held)
                    .containsEntry("confirmation_due_on", written ? beijingDate(held).plusDays(30) : null)
                    .containsEntry("confirmation_status", written ? "NOT_APPLIED" : null));
        }
    }

    // ---------------------------------------------------------------- referrals

    @Test
    void everyReferralEverMadeIsThereWithItsPartnerAgency() {
        for (OldCase c : before.values()) {
            for (OldEvent sent : c.events("REFERRED")) {
                Matcher m = Pattern.compile("转介 (.+)（当事人已同意），(\\d+) 天内答复").matcher(sent.text());
                assertThat(m.matches()).isTrue();
                assertThat(sql.rows("SELECT r.sent_by, r.answer_due_at, r.urgent, r.consent_recorded_at FROM referral r"
                                + " JOIN partner_agency a ON a.code = r.agency_code WHERE r.case_id = ? AND a.name = ?"
                                + " AND r.sent_at = ?", c.id(), m.group(1), sent.at().atOffset(java.time.ZoneOffset.UTC)))
                        .as("the referral of %s to %s", c.number(), m.group(1)).singleElement()
                        .satisfies(r -> assertThat(r).containsEntry("sent_by", sent.actor()).containsEntry("urgent", false)
                                .containsEntry("consent_recorded_at", sent.at())
                                .containsEntry("answer_due_at", deadline(sent.at(), Integer.parseInt(m.group(2)))));
            }
        }
        assertThat(sql.count("SELECT COUNT(*) FROM referral r LEFT JOIN partner_agency a ON a.code = r.agency_code"
                + " WHERE a.code IS NULL")).isZero();
        assertThat(referrals(REFERRALS_DONE_REJECTED_REVOKED)).containsExactly(
                "R1 QX-FLYZ DONE", "R2 QX-FY REJECTED", "R3 QX-SFS-CG REVOKED");
        // the urgent path's referrals go to the nearest police station and the shelter; the waiting one keeps its number
        assertThat(referrals(ORDER_GRANTED_REFERRAL_WAITING)).containsExactly(
                "R1 QX-GA-HX REQUESTED", "R2 QX-GA-HX REQUESTED urgent", "R3 QX-MZ-JZZ REQUESTED urgent");
        assertThat(referrals(ORDER_DECLINED)).containsExactly("R1 QX-GA-CG REQUESTED urgent");
        assertThat(referrals(ORDER_REFUSED_EXTENSION_WAITING)).containsExactly("R1 QX-MZ-JZZ REQUESTED urgent");
        assertThat(referrals(WITHDRAWN_WITH_REFERRAL)).containsExactly("R1 QX-FLYZ REVOKED");
    }

    private static List<String> referrals(String number) {
        return sql.rows("SELECT referral_no, agency_code, status, urgent FROM referral WHERE case_number = ?"
                + " ORDER BY referral_no", number).stream().map(r -> "R" + r.get("referral_no") + " " + r.get("agency_code")
                + " " + r.get("status") + (Boolean.TRUE.equals(r.get("urgent")) ? " urgent" : "")).toList();
    }

    @Test
    void aReferralKeepsWhoAnsweredDidOrRevokedItAndWhen() {
        OldCase c = numbered(REFERRALS_DONE_REJECTED_REVOKED);
        List<OldRecord> answers = c.of("Task_AwaitReferralAnswer");
        OldRecord done = c.of("Task_RecordReferralOutcome").get(0);
        OldEvent revoked = c.events("REFERRAL_REVOKED").get(0);
        assertThat(sql.row("SELECT * FROM referral WHERE case_id = ? AND referral_no = 1", c.id()))
                .containsEntry("answered_at", answers.get(0).at()).containsEntry("answered_by", answers.get(0).by())
                .containsEntry("done_at", done.at()).containsEntry("done_by", done.by())
                .containsEntry("outcome", done.data().getString("outcome"));
        assertThat(sql.row("SELECT * FROM referral WHERE case_id = ? AND referral_no = 2", c.id()))
                .containsEntry("answered_at", answers.get(1).at()).containsEntry("done_at", null);
        assertThat(sql.row("SELECT * FROM referral WHERE case_id = ? AND referral_no = 3", c.id()))
                .containsEntry("answered_at", null).containsEntry("revoked_at", revoked.at())
                .containsEntry("revoked_by", revoked.actor()).containsEntry("revoke_reason", "当事人撤回对司法所转介的同意");
        for (OldRecord r : List.of(answers.get(0), answers.get(1), done)) {
            assertThat(sql.row("SELECT record_type FROM task_record WHERE id = ?", r.id())).containsEntry("record_type", "Referral");
        }
        // the withdrawal ended the referral's process: the referral was revoked then, by whoever recorded it
        OldCase withdrawn = numbered(WITHDRAWN_WITH_REFERRAL);
        assertThat(sql.row("SELECT * FROM referral WHERE case_id = ?", withdrawn.id()))
                .containsEntry("revoked_at", withdrawn.withdrawnAt())
                .containsEntry("revoked_by", withdrawn.events("WITHDRAWN").get(0).actor())
                .containsEntry("revoke_reason", "当事人撤回，转介随之撤销");
        // an urgent referral is answered within a day
        OldRecord urgent = numbered(ORDER_DECLINED).of("Task_ReferToPoliceOrShelter").get(0);
        assertThat(recordOf(urgent, "referral")).containsEntry("sent_at", urgent.at()).containsEntry("sent_by", urgent.by())
                .containsEntry("answer_due_at", deadline(urgent.at(), 1));
    }

    @Test
    void aReferralStillRunningGetsTheKeyTheApplicationFindsItsTasksBy() {
        Map<String, Object> referral = sql.row("SELECT id FROM referral WHERE case_number = ? AND referral_no = 1",
                ORDER_GRANTED_REFERRAL_WAITING);
        List<Map<String, Object>> keys = sql.rows("SELECT v.NAME_ AS name, v.TEXT_ AS text, v.LONG_ AS long_value,"
                + " v.TYPE_ AS type, v.EXECUTION_ID_ AS execution, v.VAR_SCOPE_ AS scope, v.PROC_DEF_ID_ AS definition,"
                + " e.PROC_DEF_ID_ AS running_definition FROM ACT_RU_VARIABLE v JOIN ACT_RU_EXECUTION e"
                + " ON e.ID_ = v.PROC_INST_ID_ WHERE v.NAME_ IN ('referralKey', 'referralId') ORDER BY v.NAME_");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0)).containsEntry("name", "referralId").containsEntry("type", "long")
                .containsEntry("long_value", referral.get("id"));
        assertThat(keys.get(1)).containsEntry("name", "referralKey").containsEntry("type", "string")
                .containsEntry("text", ORDER_GRANTED_REFERRAL_WAITING + "/R1");
        assertThat(keys).allSatisfy(k -> {
            assertThat(k.get("scope")).isEqualTo(k.get("execution"));
            assertThat(k.get("definition")).isEqualTo(k.get("running_definition"));
        });
        assertThat(sql.row("SELECT BUSINESS_KEY_ AS business_key FROM ACT_RU_EXECUTION WHERE ID_ = ?",
                keys.get(0).get("execution"))).containsEntry("business_key", ORDER_GRANTED_REFERRAL_WAITING + "/R1");
    }

    // ---------------------------------------------------------------- risk and protection

    @Test
    void riskAssessmentsKeepEveryAnswerAndAreScoredByTheInstrument() throws Exception {
        JsonObject instrument;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("seeds/risk-instrument.json");
             JsonReader reader = Json.createReader(in)) {
            instrument = reader.readObject();
        }
        Map<String, Integer> weights = instrument.getJsonArray("questions").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(q -> q.getString("id"), q -> q.getInt("weight")));
        for (OldRecord r : all("Task_AssessRisk")) {
            Map<String, Object> a = recordOf(r, "risk_assessment");
            JsonObject given = r.data().getJsonObject("answers");
            long score = given.keySet().stream().filter(q -> given.getBoolean(q)).mapToLong(weights::get).sum();
            assertThat(a).containsEntry("level", r.outcome()).containsEntry("score", score)
                    .containsEntry("instrument_id", instrument.getString("id")).containsEntry("assessed_at", r.at())
                    .containsEntry("assessed_by", r.by()).containsEntry("case_id", r.caseId());
            Map<String, Boolean> answers = sql.rows("SELECT question_id, yes FROM risk_answer WHERE assessment_id = ?",
                    a.get("id")).stream().collect(Collectors.toMap(x -> (String) x.get("question_id"), x -> (Boolean) x.get("yes")));
            assertThat(answers).isEqualTo(given.keySet().stream().collect(Collectors.toMap(q -> q, given::getBoolean)));
        }
    }

    @Test
    void theUrgentPathKeepsItsSafetyPlansOrdersAndTheMandatoryReport() {
        for (OldRecord r : all("Task_MakeSafetyPlan")) {
            assertThat(recordOf(r, "safety_plan")).containsEntry("plan", r.data().getString("plan"))
                    .containsEntry("made_at", r.at()).containsEntry("made_by", r.by()).containsEntry("case_id", r.caseId());
        }
        for (OldRecord r : all("Task_OfferProtectionOrder")) {
            Map<String, Object> o = recordOf(r, "protection_order");
            JsonObject form = r.data();
            if (!form.getBoolean("applied")) {
                assertThat(o).containsEntry("status", "DECLINED").containsEntry("applied_at", null)
                        .containsEntry("offered_at", r.at());
                continue;
            }
            boolean urgent = form.getBoolean("urgent");
            Instant applied = time(form, "appliedAt");
            assertThat(o).containsEntry("applied_at", applied).containsEntry("urgent", urgent)
                    .containsEntry("ruling_due_at", applied.plus(Duration.ofHours(urgent ? 24 : 72)))
                    .containsEntry("recorded_by", r.by());
            OldRecord ruling = before.get(r.caseId()).of("Task_RecordProtectionOrderRuling").get(0);
            assertThat(recordOf(ruling, "protection_order").get("id")).isEqualTo(o.get("id"));
            JsonObject ruled = ruling.data();
            assertThat(o).containsEntry("status", ruled.getBoolean("granted") ? "GRANTED" : "REFUSED")
                    .containsEntry("ruled_at", time(ruled, "ruledAt"))
                    .containsEntry("valid_until", ruled.containsKey("expiresOn") ? LocalDate.parse(ruled.getString("expiresOn")) : null)
                    .containsEntry("ruling_recorded_at", ruling.at()).containsEntry("ruling_recorded_by", ruling.by());
        }
        assertThat(sql.rows("SELECT status FROM protection_order ORDER BY status").stream().map(o -> o.get("status")))
                .containsExactly("DECLINED", "GRANTED", "REFUSED");
        OldRecord report = all("Task_RecordMandatoryReport").get(0);
        assertThat(recordOf(report, "mandatory_report")).containsEntry("reported_to", report.data().getString("reportedTo"))
                .containsEntry("reported_at", time(report.data(), "reportedAt"))
                .containsEntry("method", report.data().getString("method")).containsEntry("recorded_by", report.by());
    }

    // ---------------------------------------------------------------- handling: rounds, extensions, closures

    @Test
    void eachReopeningStartsARoundWithItsOwnSixtyDays() {
        for (OldCase c : before.values()) {
            List<Map<String, Object>> rounds = sql.rows("SELECT * FROM handling_round WHERE case_id = ? ORDER BY round_no", c.id());
            List<OldEvent> reopened = c.events("REOPENED");
            assertThat(rounds).hasSize(1 + reopened.size());
            assertThat(rounds.get(0)).containsEntry("started_at", c.acceptedAt()).containsEntry("start_reason", "ACCEPTED")
                    .containsEntry("due_at", deadline(c.acceptedAt(), 60));
            for (int i = 0; i < reopened.size(); i++) {
                OldEvent e = reopened.get(i);
                assertThat(rounds.get(i + 1)).containsEntry("started_at", e.at()).containsEntry("due_at", deadline(e.at(), 60))
                        .containsEntry("start_reason", e.text().startsWith("回访") ? "REOPENED_AFTER_FOLLOW_UP" : "REOPENED_AFTER_AUDIT");
                assertThat(instant(rounds.get(i).get("ended_at"))).isNotNull().isBeforeOrEqualTo(e.at());
            }
        }
        assertThat(sql.row("SELECT r.start_note, r.recorded_by FROM handling_round r JOIN case_file c ON c.id = r.case_id"
                + " WHERE c.number = ? AND r.round_no = 2", REOPENED_AFTER_AUDIT))
                .containsEntry("start_note", "未见劳动仲裁告知书").containsEntry("recorded_by", "zhuren");
        // the visit that found the problem back was the mediator's
        assertThat(sql.row("SELECT r.recorded_by FROM handling_round r JOIN case_file c ON c.id = r.case_id"
                + " WHERE c.number = ? AND r.round_no = 2", REOPENED_AFTER_FOLLOW_UP)).containsEntry("recorded_by", "tiaojie");
    }

    @Test
    void theCaseFileShowsTheCurrentRoundsDeadlineNotTheFirstOnes() {
        assertThat(sql.count("SELECT COUNT(*) FROM case_file c JOIN handling_round r ON r.case_id = c.id"
                + " AND r.round_no = (SELECT MAX(x.round_no) FROM handling_round x WHERE x.case_id = c.id)"
                + " WHERE c.handling_due = r.due_at AND (c.extended_due = r.extended_due_at"
                + " OR (c.extended_due IS NULL AND r.extended_due_at IS NULL))")).isEqualTo(before.size());
        // reopened after its first round was extended: the old file kept the first round's extension
        OldCase reopened = numbered(REOPENED_AFTER_FOLLOW_UP);
        assertThat(reopened.extendedDue()).isNotNull();
        Instant reopenedAt = reopened.events("REOPENED").get(0).at();
        assertThat(sql.row("SELECT handling_due, extended_due FROM case_file WHERE id = ?", reopened.id()))
                .containsEntry("handling_due", deadline(reopenedAt, 60)).containsEntry("extended_due", null);
        assertThat(sql.row("SELECT extended_due_at FROM handling_round WHERE case_id = ? AND round_no = 1", reopened.id()))
                .containsEntry("extended_due_at", deadline(reopened.acceptedAt(), 60).plus(Duration.ofDays(15)));
    }

    @Test
    void everyExtensionRequestKeepsItsDaysReasonAndDecision() {
        for (OldCase c : before.values()) {
            for (OldEvent e : c.events("EXTENSION_REQUESTED")) {
                Matcher m = Pattern.compile("申请延期 (\\d+) 天：(.*)").matcher(e.text());
                assertThat(m.matches()).isTrue();
                OldRecord decision = c.of("Task_ApproveExtension").stream().filter(r -> r.at().isAfter(e.at()))
                        .findFirst().orElse(null);
                String status = decision != null ? decision.outcome() : c.withdrawnAt() != null ? "LAPSED" : "REQUESTED";
                Map<String, Object> x = sql.row("SELECT x.*, r.due_at, r.id AS round FROM extension_request x"
                        + " JOIN handling_round r ON r.id = x.round_id WHERE r.case_id = ? AND x.requested_at = ?",
                        c.id(), e.at().atOffset(java.time.ZoneOffset.UTC));
                assertThat(x).as("extension of %s", c.number()).containsEntry("days", Long.parseLong(m.group(1)))
                        .containsEntry("reason", m.group(2)).containsEntry("requested_by", e.actor())
                        .containsEntry("status", status)
                        .containsEntry("late", !e.at().isBefore(instant(x.get("due_at"))))
                        .containsEntry("pending_round_id", status.equals("REQUESTED") ? x.get("round") : null)
                        .containsEntry("approved_round_id", status.equals("APPROVED") ? x.get("round") : null)
                        .containsEntry("decided_by", decision == null ? null : decision.by());
                if (decision != null) {
                    assertThat(recordOf(decision, "extension_request").get("id")).isEqualTo(x.get("id"));
                }
            }
        }
        assertThat(sql.row("SELECT x.late, x.status FROM extension_request x JOIN handling_round r ON r.id = x.round_id"
                + " JOIN case_file c ON c.id = r.case_id WHERE c.number = ?", LATE_EXTENSION))
                .containsEntry("late", true).containsEntry("status", "APPROVED");
    }

    @Test
    void everyClosureRequestKeepsItsReasonEvidenceAndTheSupervisorsDecision() {
        for (OldRecord r : all("Task_HandleCase")) {
            JsonObject form = r.data();
            if (!"REQUEST_CLOSURE".equals(form.getString("step"))) {
                assertThat(sql.row("SELECT record_type FROM task_record WHERE id = ?", r.id())).containsEntry("record_type", null);
                continue;
            }
            OldCase c = before.get(r.caseId());
            OldRecord decision = c.of("Task_ApproveClosure").stream().filter(d -> d.at().isAfter(r.at())).findFirst()
                    .orElse(null);
            Map<String, Object> x = recordOf(r, "closure_request");
            assertThat(x).containsEntry("reason", form.getString("closureReason"))
                    .containsEntry("note", text(form, "closureNote")).containsEntry("requested_at", r.at())
                    .containsEntry("requested_by", r.by());
            if (decision != null) {
                assertThat(x).containsEntry("decision", decision.outcome()).containsEntry("decided_at", decision.at())
                        .containsEntry("decided_by", decision.by()).containsEntry("decision_comment", text(decision.data(), "comment"));
                assertThat(recordOf(decision, "closure_request").get("id")).isEqualTo(x.get("id"));
            } else {
                // pending when the person withdrew: sent back then, as the application does
                assertThat(c.withdrawnAt()).isNotNull();
                assertThat(x).containsEntry("decision", "SENT_BACK").containsEntry("decided_at", c.withdrawnAt());
            }
            List<String> attempts = sql.rows("SELECT note FROM contact_attempt WHERE closure_request_id = ? ORDER BY position",
                    x.get("id")).stream().map(a -> (String) a.get("note")).toList();
            assertThat(attempts).hasSize(form.containsKey("contactAttempts") ? form.getJsonArray("contactAttempts").size() : 0);
        }
        OldCase lost = numbered(MANDATORY_REPORT_LOST_CONTACT);
        LocalDate requested = beijingDate(lost.of("Task_HandleCase").stream()
                .filter(r -> "REQUEST_CLOSURE".equals(r.outcome())).findFirst().orElseThrow().at());
        assertThat(sql.rows("SELECT a.position, a.attempted_on, a.means, a.note FROM contact_attempt a JOIN closure_request x"
                + " ON x.id = a.closure_request_id WHERE x.case_id = ? ORDER BY a.position", lost.id()))
                .extracting(a -> a.get("attempted_on") + " " + a.get("means") + " " + a.get("note"))
                .containsExactly(LocalDate.of(requested.getYear(), 12, 1) + " PHONE 12月1日电话无人接听",
                        requested.minusDays(2) + " VISIT 上门未遇", LocalDate.of(requested.getYear(), 12, 4) + " SMS 12月4日短信未回复");
        // a ledger's closure is requested and approved when the ledger says; its withdrawal is recorded as one
        assertThat(sql.rows("SELECT x.reason, x.note, x.decision FROM closure_request x JOIN case_file c ON c.id = x.case_id"
                + " WHERE c.number LIKE 'QX-0101-2025-001%' ORDER BY c.number").stream().map(Map::values).map(List::copyOf).toList())
                .containsExactly(List.of("MEDIATED_WRITTEN", "台账补录", "APPROVED"), List.of("MEDIATED_ORAL", "台账补录", "APPROVED"),
                        List.of("EXPLAINED", "台账补录", "APPROVED"));
        assertThat(sql.row("SELECT withdrawn_at, closed_at FROM case_file WHERE number = ?", LEDGER_WITHDRAWN))
                .satisfies(c -> assertThat(c.get("withdrawn_at")).isNotNull().isEqualTo(c.get("closed_at")));
    }

    // ---------------------------------------------------------------- follow-up, reply, notes

    @Test
    void followUpVisitsDoneAndStillDueBelongToTheClosureTheyFollow() {
        for (OldRecord r : all("Task_FollowUpVisit")) {
            OldCase c = before.get(r.caseId());
            Instant closed = c.of("Task_ApproveClosure").stream().filter(d -> d.outcome().equals("APPROVED")
                    && d.at().isBefore(r.at())).reduce((a, b) -> b).orElseThrow().at();
            assertThat(recordOf(r, "follow_up_visit")).containsEntry("result", r.outcome()).containsEntry("visited_at", r.at())
                    .containsEntry("visited_by", r.by())
                    .containsEntry("problem_back", r.data().getBoolean("problemBack", false))
                    .containsEntry("closed_on", beijingDate(closed)).containsEntry("due_on", beijingDate(closed).plusDays(30))
                    .containsEntry("case_id", r.caseId());
        }
        for (OldCase c : before.values()) {
            if ("FOLLOW_UP".equals(c.stage())) {
                assertThat(sql.row("SELECT * FROM follow_up_visit WHERE case_id = ?", c.id()))
                        .containsEntry("visited_at", null).containsEntry("result", null).containsEntry("cancelled_at", null)
                        .containsEntry("closed_on", beijingDate(c.closedAt()))
                        .containsEntry("due_on", beijingDate(c.closedAt()).plusDays(30));
            }
        }
    }

    @Test
    void theWrittenReplyAndTheNotesOfChasesAndRemindersAreKept() {
        OldRecord reply = all("Task_WriteReply").get(0);
        assertThat(recordOf(reply, "written_reply")).containsEntry("sent_on", LocalDate.parse(reply.data().getString("sentOn")))
                .containsEntry("sent_by_means", reply.data().getString("form"))
                .containsEntry("summary", reply.data().getString("summary")).containsEntry("round_no", 1L)
                .containsEntry("recorded_by", reply.by());
        List<OldRecord> notes = records.stream().filter(r -> !FORM_TASKS.contains(r.key())).toList();
        assertThat(notes).extracting(OldRecord::key).contains("Task_ChaseReferral", "Task_ChaseOverdueCase",
                "Task_RemindJudicialConfirmation", "Task_ChaseMandatoryReport");
        for (OldRecord r : notes) {
            assertThat(recordOf(r, "task_note")).containsEntry("note", r.data().getString("note"))
                    .containsEntry("task_key", r.key()).containsEntry("written_at", r.at()).containsEntry("written_by", r.by())
                    .containsEntry("case_id", r.caseId()).containsEntry("contact_id", before.get(r.caseId()).contactId());
        }
    }

    // ---------------------------------------------------------------- what is left of task_record and the timeline

    @Test
    void aTaskRecordIsOnlyAReceiptThatPointsAtARealRecord() {
        assertThat(columns("task_record")).doesNotContain("data", "outcome").contains("record_type", "record_id");
        assertThat(columns("case_file")).doesNotContain("extension_reason", "closure_note", "closure_requested_at");
        Map<String, String> tables = Map.ofEntries(Map.entry("MediationSession", "mediation_session"),
                Map.entry("Referral", "referral"), Map.entry("RiskAssessment", "risk_assessment"),
                Map.entry("ProtectionOrder", "protection_order"), Map.entry("SafetyPlan", "safety_plan"),
                Map.entry("MandatoryReport", "mandatory_report"), Map.entry("WrittenReply", "written_reply"),
                Map.entry("FollowUpVisit", "follow_up_visit"), Map.entry("ClosureRequest", "closure_request"),
                Map.entry("ExtensionRequest", "extension_request"), Map.entry("TaskNote", "task_note"));
        List<Map<String, Object>> receipts = sql.rows("SELECT id, task_key, record_type, record_id, case_id FROM task_record");
        assertThat(receipts).hasSize(records.size());
        List<String> pointing = new ArrayList<>();
        for (Map<String, Object> r : receipts) {
            if (r.get("record_type") == null) {
                assertThat(r.get("record_id")).isNull();
                continue;
            }
            assertThat(tables).containsKey((String) r.get("record_type"));
            String table = tables.get(r.get("record_type"));
            String ofCase = table.equals("extension_request")
                    ? "SELECT COUNT(*) FROM extension_request x JOIN handling_round h ON h.id = x.round_id WHERE x.id = ? AND h.case_id = ?"
                    : "SELECT COUNT(*) FROM " + table + " WHERE id = ? AND case_id = ?";
            assertThat(sql.count(ofCase, r.get("record_id"), r.get("case_id")))
                    .as("the %s of task record %s, of its case", r.get("record_type"), r.get("id")).isEqualTo(1);
            pointing.add((String) r.get("task_key"));
        }
        // what produces no record: the mediator's assignment, the choice to mediate or reply, a ledger's withdrawal
        List<String> without = receipts.stream().filter(r -> r.get("record_type") == null)
                .map(r -> (String) r.get("task_key")).distinct().sorted().toList();
        assertThat(without).containsExactly("Task_ApproveClosure", "Task_AssignMediator", "Task_HandleCase");
        assertThat(pointing).hasSize(records.size() - (int) receipts.stream().filter(r -> r.get("record_type") == null).count());
    }

    private static List<String> columns(String table) {
        try (var c = db.dataSource.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                names.add(r.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTimelineKnowsWhenEachEntryWasRecordedAndStaysAppendOnly() {
        assertThat(sql.count("SELECT COUNT(*) FROM case_event")).isPositive();
        assertThat(sql.count("SELECT COUNT(*) FROM case_event WHERE recorded_at IS NULL OR recorded_at <> occurred_at")).isZero();
        assertThatThrownBy(() -> sql.execute("UPDATE case_event SET description = 'x'"))
                .hasStackTraceContaining("append-only");
        String copy = "INSERT INTO case_event (id, occurred_at, actor, type, description, contact_id%s) SELECT %d,"
                + " occurred_at, actor, type, description, contact_id%s FROM case_event WHERE id = (SELECT MIN(id) FROM case_event)";
        sql.execute(String.format(copy, ", recorded_at", 999_999, ", occurred_at"));
        assertThatThrownBy(() -> sql.execute(String.format(copy, "", 999_998, "")))
                .as("a new entry needs its recorded_at").isInstanceOf(IllegalStateException.class);
    }
}
