package org.weiquan.infrastructure;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * V13: moves a case's work out of the JSON that each completed task kept in {@code task_record.data} into the typed
 * tables of V12 (handling rounds, extension and closure requests, follow-up visits, written replies, mediation
 * sessions and agreements, referrals, risk assessments, safety plans, protection orders, mandatory reports, task
 * notes), points every task record at the record it produced, gives the case file its current round's deadlines,
 * and fills the timeline's {@code recorded_at}. V14 then drops the JSON. What each case's records mean is
 * {@link V13CaseWork}'s; this class reads and writes, in one transaction, with plain JDBC on PostgreSQL and H2.
 *
 * <p>New ids come from the tables' own sequences the way EclipseLink takes them (allocation size = the sequence's
 * increment, 50): each {@code nextval} v gives the ids v − 49 … v, so the application's next block starts above every
 * id written here. The engine's tables are read when they exist (a fresh database has none yet: the engine creates
 * them after Flyway); a referral still running gets the {@code referralKey} variable the application now reads.
 * Nothing personal is logged: counts only.
 */
public class V13__CaseWorkAsRecords extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V13__CaseWorkAsRecords.class.getName());
    static final String INSTRUMENT = "seeds/risk-instrument.json";
    /** Cases read at a time. */
    static final int CHUNK = 500;
    static final int BATCH = 500;
    static final Pattern REFERRAL_KEY = Pattern.compile("(.+)/R(\\d+)");
    static final Pattern DAYS = Pattern.compile("P(\\d+)D");

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        long started = System.nanoTime();
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        timelineKeepsWhenRecorded(c, postgres);
        long timeline = System.nanoTime();
        Shared shared = new Shared(c, postgres);
        Rows rows = new Rows(c);
        int cases = 0;
        long reading = 0;
        long last = Long.MIN_VALUE;
        while (true) {
            long read = System.nanoTime();
            List<V13CaseWork.OldCase> chunk = casesAfter(c, last);
            if (chunk.isEmpty()) {
                break;
            }
            long from = chunk.get(0).id();
            last = chunk.get(chunk.size() - 1).id();
            Map<Long, List<V13CaseWork.OldRecord>> records = recordsOf(c, from, last);
            Map<Long, List<V13CaseWork.OldEvent>> events = eventsOf(c, from, last);
            reading += System.nanoTime() - read;
            for (V13CaseWork.OldCase aCase : chunk) {
                V13CaseWork work = V13CaseWork.of(aCase, records.getOrDefault(aCase.id(), List.of()),
                        events.getOrDefault(aCase.id(), List.of()), shared);
                rows.write(work);
                cases++;
            }
        }
        rows.flush();
        int keys = shared.referralKeys(rows.runningReferrals);
        long done = System.nanoTime();
        LOG.info(String.format(Locale.ROOT, "V13: %d cases' work moved into typed records in %d ms (timeline %d ms,"
                        + " reading %d ms, writing %d ms): %s; %d running referrals got their key variable; adapted: %s",
                cases, (done - started) / 1_000_000, (timeline - started) / 1_000_000, reading / 1_000_000,
                rows.writing / 1_000_000, rows.written, keys, shared.counts));
    }

    /**
     * V12 added {@code case_event.recorded_at}: until now an entry was written when its step happened. The timeline is
     * append-only (a trigger refuses every UPDATE), so the guard is lifted for this one statement and put back.
     */
    static void timelineKeepsWhenRecorded(Connection c, boolean postgres) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("ALTER TABLE case_event DISABLE TRIGGER case_event_append_only");
                s.executeUpdate("UPDATE case_event SET recorded_at = occurred_at");
                s.execute("ALTER TABLE case_event ENABLE TRIGGER case_event_append_only");
            } else {
                s.execute("DROP TRIGGER case_event_append_only");
                s.executeUpdate("UPDATE case_event SET recorded_at = occurred_at");
                s.execute("CREATE TRIGGER case_event_append_only BEFORE UPDATE, DELETE ON case_event FOR EACH ROW CALL '"
                        + AppendOnlyTrigger.class.getName() + "'");
            }
            s.execute("ALTER TABLE case_event ALTER COLUMN recorded_at SET NOT NULL");
        }
    }

    // ---------------------------------------------------------------- reading the old records

    private static List<V13CaseWork.OldCase> casesAfter(Connection c, long after) throws SQLException {
        List<V13CaseWork.OldCase> list = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, number, contact_id, station_id, accepted_station_id,"
                + " accepted_at, accepted_by, status, stage, mediator, closure_reason, closure_note, closure_requested_at,"
                + " closed_at, closed_by, withdrawn_at FROM case_file WHERE id > ? ORDER BY id")) {
            s.setLong(1, after);
            s.setMaxRows(CHUNK);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    list.add(new V13CaseWork.OldCase(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                            instant(r, 6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                            r.getString(11), r.getString(12), instant(r, 13), instant(r, 14), r.getString(15),
                            instant(r, 16)));
                }
            }
        }
        return list;
    }

    private static Map<Long, List<V13CaseWork.OldRecord>> recordsOf(Connection c, long from, long to) throws SQLException {
        Map<Long, List<V13CaseWork.OldRecord>> map = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT case_id, id, task_id, task_key, outcome, completed_at,"
                + " completed_by, data FROM task_record WHERE case_id BETWEEN ? AND ?")) {
            s.setLong(1, from);
            s.setLong(2, to);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    map.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new V13CaseWork.OldRecord(r.getLong(2),
                            r.getString(3), r.getString(4), r.getString(5), instant(r, 6), r.getString(7),
                            V13CaseWork.parse(r.getString(8))));
                }
            }
        }
        return map;
    }

    /** The timeline entries that say what no record does: extensions, referrals, reopenings, withdrawals, audits. */
    private static Map<Long, List<V13CaseWork.OldEvent>> eventsOf(Connection c, long from, long to) throws SQLException {
        Map<Long, List<V13CaseWork.OldEvent>> map = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT case_id, type, occurred_at, actor, description"
                + " FROM case_event WHERE case_id BETWEEN ? AND ? AND (type IN ('EXTENSION_REQUESTED', 'REFERRED',"
                + " 'REFERRAL_REVOKED', 'REOPENED', 'WITHDRAWN', 'AUDITED') OR (type = 'TASK_COMPLETED'"
                + " AND description LIKE '结案（台账补录）%')) ORDER BY occurred_at, id")) {
            s.setLong(1, from);
            s.setLong(2, to);
            s.setFetchSize(1000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    map.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new V13CaseWork.OldEvent(r.getString(2),
                            instant(r, 3), r.getString(4), r.getString(5) == null ? "" : r.getString(5)));
                }
            }
        }
        return map;
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The engine's own TIMESTAMP columns hold its JVM's local time, which is this JVM's. */
    private static Instant engineTime(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String candidate : List.of(name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
            try (ResultSet r = meta.getTables(null, c.getSchema(), candidate, new String[]{"TABLE"})) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- what every case shares

    /** Stations, partner agencies, the risk instrument, the engine's knowledge and the id blocks. */
    static final class Shared implements V13CaseWork.Context {
        private final Connection c;
        private final boolean postgres;
        private final Map<Long, Long> parents = new HashMap<>();
        private final List<V13CaseWork.Agency> agencies = new ArrayList<>();
        private final JsonObject instrument;
        private final Map<String, List<V13CaseWork.ReferralProcess>> referralProcesses = new HashMap<>();
        private final Map<String, String> processOfTask = new HashMap<>();
        private final Map<String, Integer> followUpDays = new HashMap<>();
        private final Map<String, Ids> ids = new HashMap<>();
        private final boolean engine;
        final V13CaseWork.Counts counts = new V13CaseWork.Counts();

        Shared(Connection c, boolean postgres) throws SQLException {
            this.c = c;
            this.postgres = postgres;
            try (Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT id, parent_id FROM station")) {
                    while (r.next()) {
                        parents.put(r.getLong(1), (Long) r.getObject(2, Long.class));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT code, name, kind, station_id FROM partner_agency")) {
                    while (r.next()) {
                        agencies.add(new V13CaseWork.Agency(r.getString(1), r.getString(2), r.getString(3),
                                r.getObject(4, Long.class)));
                    }
                }
            }
            instrument = instrument();
            engine = tableExists(c, "ACT_HI_PROCINST") && tableExists(c, "ACT_RU_VARIABLE")
                    && tableExists(c, "ACT_RU_EXECUTION") && tableExists(c, "ACT_HI_TASKINST");
            if (engine) {
                readEngine();
            }
        }

        private static JsonObject instrument() {
            try (InputStream in = V13__CaseWorkAsRecords.class.getClassLoader().getResourceAsStream(INSTRUMENT)) {
                if (in == null) {
                    throw new IllegalStateException(INSTRUMENT + " is missing from the application");
                }
                try (JsonReader reader = JsonProvider.provider().createReader(in)) {
                    return reader.readObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void readEngine() throws SQLException {
            Map<String, Map<String, String>> variables = new HashMap<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT PROC_INST_ID_, NAME_, TEXT_ FROM ACT_RU_VARIABLE"
                        + " WHERE EXECUTION_ID_ = PROC_INST_ID_ AND NAME_ IN ('caseNumber', 'agencyCode', 'referralKey',"
                        + " 'followUpAfter')")) {
                    while (r.next()) {
                        variables.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(r.getString(2), r.getString(3));
                    }
                }
                Map<String, String> runningDefinitions = new HashMap<>();
                try (ResultSet r = s.executeQuery("SELECT ID_, PROC_DEF_ID_ FROM ACT_RU_EXECUTION WHERE ID_ = PROC_INST_ID_")) {
                    while (r.next()) {
                        runningDefinitions.put(r.getString(1), r.getString(2));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT ID_, BUSINESS_KEY_, START_TIME_, PROC_DEF_ID_ FROM ACT_HI_PROCINST"
                        + " WHERE PROC_DEF_KEY_ = 'Referral'")) {
                    while (r.next()) {
                        Matcher key = REFERRAL_KEY.matcher(r.getString(2) == null ? "" : r.getString(2));
                        if (!key.matches()) {
                            continue;
                        }
                        String id = r.getString(1);
                        Map<String, String> vars = variables.getOrDefault(id, Map.of());
                        referralProcesses.computeIfAbsent(key.group(1), k -> new ArrayList<>()).add(
                                new V13CaseWork.ReferralProcess(id, key.group(1), Integer.parseInt(key.group(2)),
                                        engineTime(r, 3), runningDefinitions.containsKey(id), vars.get("agencyCode"),
                                        r.getString(4), vars.containsKey("referralKey")));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT t.ID_, t.PROC_INST_ID_ FROM ACT_HI_TASKINST t JOIN ACT_HI_PROCINST p"
                        + " ON p.ID_ = t.PROC_INST_ID_ WHERE p.PROC_DEF_KEY_ = 'Referral'")) {
                    while (r.next()) {
                        processOfTask.put(r.getString(1), r.getString(2));
                    }
                }
            }
            for (Map<String, String> vars : variables.values()) {
                Matcher days = DAYS.matcher(vars.getOrDefault("followUpAfter", ""));
                if (vars.containsKey("caseNumber") && days.matches()) {
                    followUpDays.put(vars.get("caseNumber"), Integer.parseInt(days.group(1)));
                }
            }
        }

        @Override
        public List<Long> stationChain(long stationId) {
            List<Long> chain = new ArrayList<>();
            Long at = stationId;
            while (at != null && chain.size() < 64 && !chain.contains(at)) {
                chain.add(at);
                at = parents.get(at);
            }
            return chain;
        }

        @Override
        public List<V13CaseWork.Agency> agencies() {
            return agencies;
        }

        @Override
        public String instrumentId() {
            return instrument.getString("id");
        }

        @Override
        public int score(Map<String, Boolean> answers) {
            int score = 0;
            for (JsonObject q : instrument.getJsonArray("questions").getValuesAs(JsonObject.class)) {
                if (Boolean.TRUE.equals(answers.get(q.getString("id")))) {
                    score += q.getInt("weight");
                }
            }
            return score;
        }

        @Override
        public String levelOf(Map<String, Boolean> answers) {
            int score = score(answers);
            String level = "LOW";
            for (JsonObject b : instrument.getJsonArray("bands").getValuesAs(JsonObject.class)) {
                if (score >= b.getInt("from")) {
                    level = b.getString("level");
                }
            }
            for (JsonObject q : instrument.getJsonArray("questions").getValuesAs(JsonObject.class)) {
                if (q.getBoolean("critical", false) && Boolean.TRUE.equals(answers.get(q.getString("id")))) {
                    level = "HIGH";
                }
            }
            return level;
        }

        @Override
        public List<V13CaseWork.ReferralProcess> referralProcesses(String caseNumber) {
            return referralProcesses.getOrDefault(caseNumber, List.of());
        }

        @Override
        public String processOfTask(String taskId) {
            return processOfTask.get(taskId);
        }

        /** The days after closure the case's running process waits for its follow-up visit; 30 by default. */
        @Override
        public int followUpDays(String caseNumber) {
            return followUpDays.getOrDefault(caseNumber, V13CaseWork.DEFAULT_FOLLOW_UP_DAYS);
        }

        @Override
        public LongSupplier ids(String table) {
            return ids.computeIfAbsent(table, t -> new Ids(c, postgres, t + "_seq"));
        }

        @Override
        public V13CaseWork.Counts counts() {
            return counts;
        }

        /**
         * A referral's process started before this version has no {@code referralKey} variable, by which the
         * application now finds the referral of its tasks: it gets one (and {@code referralId}), as a new process does.
         */
        int referralKeys(List<V13CaseWork.Referral> running) throws SQLException {
            int n = 0;
            if (!engine) {
                return n;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_,"
                    + " EXECUTION_ID_, PROC_INST_ID_, PROC_DEF_ID_, LONG_, TEXT_, VAR_SCOPE_, SEQUENCE_COUNTER_,"
                    + " IS_CONCURRENT_LOCAL_) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1, FALSE)")) {
                for (V13CaseWork.Referral x : running) {
                    variable(s, x, "string", "referralKey", null, x.caseNumber + "/R" + x.number);
                    variable(s, x, "long", "referralId", x.id, String.valueOf(x.id));
                    n++;
                }
                s.executeBatch();
            }
            return n;
        }

        private static void variable(PreparedStatement s, V13CaseWork.Referral x, String type, String name, Long longValue,
                                     String text) throws SQLException {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, type);
            s.setString(3, name);
            s.setString(4, x.processId);
            s.setString(5, x.processId);
            s.setString(6, x.definitionId);
            if (longValue == null) {
                s.setNull(7, Types.BIGINT);
            } else {
                s.setLong(7, longValue);
            }
            s.setString(8, text);
            s.setString(9, x.processId);
            s.addBatch();
        }
    }

    /**
     * Ids as EclipseLink takes them from a sequence whose increment is its allocation size: one {@code nextval} v per
     * block, the ids v − increment + 1 … v. The blocks are fetched {@value #BLOCKS} at a time (one statement); the last
     * ones may stay unused, as EclipseLink leaves the rest of its last block unused.
     */
    static final class Ids implements LongSupplier {
        static final int BLOCKS = 20;
        private final Connection c;
        private final boolean postgres;
        private final String sequence;
        private final java.util.ArrayDeque<Long> blocks = new java.util.ArrayDeque<>();
        private long next = 1;
        private long last = 0;
        private long increment;

        Ids(Connection c, boolean postgres, String sequence) {
            this.c = c;
            this.postgres = postgres;
            this.sequence = sequence;
        }

        @Override
        public long getAsLong() {
            if (next > last) {
                if (blocks.isEmpty()) {
                    fetchBlocks();
                }
                last = blocks.removeFirst();
                next = last - increment + 1;
            }
            return next++;
        }

        private void fetchBlocks() {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery(postgres
                         ? "SELECT nextval('" + sequence + "') FROM generate_series(1, " + BLOCKS + ")"
                         : "SELECT NEXT VALUE FOR " + sequence + " FROM SYSTEM_RANGE(1, " + BLOCKS + ")")) {
                while (r.next()) {
                    blocks.add(r.getLong(1));
                }
                increment = increment == 0 ? increment() : increment;
            } catch (SQLException e) {
                throw new IllegalStateException("sequence " + sequence + ": " + e.getMessage(), e);
            }
            List<Long> sorted = new ArrayList<>(blocks);
            sorted.sort(null);
            blocks.clear();
            blocks.addAll(sorted);
        }

        private long increment() throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT increment FROM information_schema.sequences"
                    + " WHERE LOWER(sequence_name) = ? AND LOWER(sequence_schema) = LOWER(?)")) {
                s.setString(1, sequence);
                s.setString(2, c.getSchema());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("sequence " + sequence + " not found");
                    }
                    return Long.parseLong(r.getString(1).strip());
                }
            }
        }
    }

    // ---------------------------------------------------------------- writing the new rows

    /** Batched inserts, flushed parents first so that every foreign key finds its row. */
    static final class Rows {
        private final Connection c;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();
        private final Map<String, Integer> pending = new HashMap<>();
        final Map<String, Integer> written = new LinkedHashMap<>();
        final List<V13CaseWork.Referral> runningReferrals = new ArrayList<>();
        private int unflushed;
        long writing;

        Rows(Connection c) throws SQLException {
            this.c = c;
            // in the order of their foreign keys
            prepare("handling_round", "INSERT INTO handling_round (id, case_id, round_no, started_at, start_reason, start_note,"
                    + " due_at, extended_due_at, ended_at, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("extension_request", "INSERT INTO extension_request (id, round_id, days, reason, requested_at,"
                    + " requested_by, late, status, pending_round_id, approved_round_id, decided_at, decided_by,"
                    + " decision_comment, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("closure_request", "INSERT INTO closure_request (id, round_id, case_id, accepted_station_id, reason, note,"
                    + " requested_at, requested_by, decision, pending_round_id, approved_round_id, decided_at, decided_by,"
                    + " decision_comment, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("contact_attempt", "INSERT INTO contact_attempt (closure_request_id, position, attempted_on, means, note)"
                    + " VALUES (?, ?, ?, ?, ?)");
            prepare("follow_up_visit", "INSERT INTO follow_up_visit (id, case_id, round_id, accepted_station_id, closed_on,"
                    + " due_on, visited_at, result, agreement_performed, problem_back, note, visited_by, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("written_reply", "INSERT INTO written_reply (id, case_id, round_no, sent_on, sent_by_means, summary,"
                    + " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("mediation_session", "INSERT INTO mediation_session (id, case_id, accepted_station_id, round_no,"
                    + " session_no, held_at, mediator, attendees, notes, outcome, next_step, routes_explained, recorded_at,"
                    + " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("mediation_agreement", "INSERT INTO mediation_agreement (id, session_id, case_id, kind, terms, signed_at,"
                    + " confirmation_due_on, confirmation_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("referral", "INSERT INTO referral (id, case_id, case_number, referral_no, agency_code, urgent,"
                    + " consent_recorded_at, sent_at, sent_by, answer_due_at, status, answered_at, answered_by, done_at,"
                    + " done_by, outcome, revoked_at, revoked_by, revoke_reason, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("risk_assessment", "INSERT INTO risk_assessment (id, case_id, accepted_station_id, instrument_id, score,"
                    + " level, assessed_at, assessed_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("risk_answer", "INSERT INTO risk_answer (assessment_id, question_id, yes) VALUES (?, ?, ?)");
            prepare("safety_plan", "INSERT INTO safety_plan (id, case_id, plan, made_at, made_by, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)");
            prepare("protection_order", "INSERT INTO protection_order (id, case_id, status, offered_at, applied_at, urgent,"
                    + " ruling_due_at, ruled_at, valid_until, recorded_at, recorded_by, ruling_recorded_at,"
                    + " ruling_recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            prepare("mandatory_report", "INSERT INTO mandatory_report (id, case_id, reported_to, reported_at, method,"
                    + " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
            prepare("task_note", "INSERT INTO task_note (id, contact_id, case_id, task_key, note, written_at, written_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)");
            prepare("task_record", "UPDATE task_record SET record_type = ?, record_id = ? WHERE id = ?");
            prepare("case_file", "UPDATE case_file SET handling_due = ?, extended_due = ?, days_to_close = ?,"
                    + " withdrawn_at = ? WHERE id = ?");
        }

        /**
         * Why the database refused a batch, without the driver's message: it quotes the rows' values, which may be
         * personal data (a mediation's notes, an agreement's terms). The SQL states say what kind of refusal it was.
         */
        static String refused(String table, SQLException failed) {
            List<String> states = new ArrayList<>();
            for (SQLException e = failed; e != null && states.size() < 5; e = e.getNextException()) {
                states.add(e.getSQLState() + "/" + e.getErrorCode());
            }
            return "V13: the database refused the rows for " + table + " (SQL state/code " + String.join(", ", states)
                    + "); the values are not shown because they may hold personal data";
        }

        private void prepare(String table, String sql) throws SQLException {
            statements.put(table, c.prepareStatement(sql));
        }

        void write(V13CaseWork w) throws SQLException {
            V13CaseWork.OldCase k = w.aCase;
            for (V13CaseWork.Round r : w.rounds) {
                add("handling_round", r.id, k.id(), r.number, r.startedAt, r.startReason, r.startNote, r.dueAt,
                        r.extendedDueAt, r.endedAt, r.recordedAt, r.recordedBy);
            }
            for (V13CaseWork.Extension x : w.extensions) {
                add("extension_request", x.id, x.round.id, x.days, x.reason, x.requestedAt, x.requestedBy, x.late, x.status,
                        "REQUESTED".equals(x.status) ? x.round.id : null, "APPROVED".equals(x.status) ? x.round.id : null,
                        x.decidedAt, x.decidedBy, x.comment, x.requestedAt);
            }
            for (V13CaseWork.Closure x : w.closures) {
                add("closure_request", x.id, x.round.id, k.id(), k.acceptedStationId(), x.reason, x.note, x.requestedAt,
                        x.requestedBy, x.decision, x.decision == null ? x.round.id : null,
                        "APPROVED".equals(x.decision) ? x.round.id : null, x.decidedAt, x.decidedBy, x.comment, x.requestedAt);
                for (int i = 0; i < x.attempts.size(); i++) {
                    V13CaseWork.Attempt a = x.attempts.get(i);
                    add("contact_attempt", x.id, i, a.on(), a.means(), a.note());
                }
            }
            for (V13CaseWork.FollowUp v : w.followUps) {
                add("follow_up_visit", v.id, k.id(), v.round.id, k.acceptedStationId(), v.closedOn, v.dueOn, v.visitedAt,
                        v.result, v.agreementPerformed, v.problemBack, v.note, v.visitedBy, v.visitedAt);
            }
            for (V13CaseWork.Reply x : w.replies) {
                add("written_reply", x.id(), k.id(), x.roundNumber(), x.sentOn(), x.means(), x.summary(), x.recordedAt(),
                        x.recordedBy());
            }
            for (V13CaseWork.Session x : w.sessions) {
                add("mediation_session", x.id(), k.id(), k.acceptedStationId(), x.roundNumber(), x.number(), x.heldAt(),
                        x.mediator(), x.attendees(), x.notes(), x.outcome(), x.nextStep(), x.routesExplained(),
                        x.recordedAt(), x.recordedBy());
                V13CaseWork.Agreement a = x.agreement();
                if (a != null) {
                    add("mediation_agreement", a.id(), x.id(), k.id(), a.kind(), a.terms(), a.signedAt(),
                            a.confirmationDueOn(), a.confirmationStatus());
                }
            }
            for (V13CaseWork.Referral x : w.referrals) {
                add("referral", x.id, k.id(), k.number(), x.number, x.agencyCode, x.urgent, x.sentAt, x.sentAt, x.sentBy,
                        x.answerDueAt, x.status, x.answeredAt, x.answeredBy, x.doneAt, x.doneBy, x.outcome, x.revokedAt,
                        x.revokedBy, x.revokeReason, x.sentAt);
                if (x.running && !x.hasKeyVariable) {
                    runningReferrals.add(x);
                }
            }
            for (V13CaseWork.Risk x : w.risks) {
                add("risk_assessment", x.id(), k.id(), k.acceptedStationId(), x.instrumentId(), x.score(), x.level(),
                        x.assessedAt(), x.assessedBy(), x.assessedAt());
                for (Map.Entry<String, Boolean> a : x.answers().entrySet()) {
                    add("risk_answer", x.id(), a.getKey(), a.getValue());
                }
            }
            for (V13CaseWork.SafetyPlan x : w.plans) {
                add("safety_plan", x.id(), k.id(), x.plan(), x.madeAt(), x.madeBy(), x.madeAt());
            }
            for (V13CaseWork.Order x : w.orders) {
                add("protection_order", x.id, k.id(), x.status, x.offeredAt, x.appliedAt, x.urgent, x.rulingDueAt,
                        x.ruledAt, x.validUntil, x.recordedAt, x.recordedBy, x.rulingRecordedAt, x.rulingRecordedBy);
            }
            for (V13CaseWork.Report x : w.reports) {
                add("mandatory_report", x.id(), k.id(), x.reportedTo(), x.reportedAt(), x.method(), x.recordedAt(),
                        x.recordedBy());
            }
            for (V13CaseWork.Note x : w.notes) {
                add("task_note", x.id(), k.contactId(), k.id(), x.taskKey(), x.note(), x.writtenAt(), x.writtenBy());
            }
            for (V13CaseWork.Receipt x : w.receipts) {
                add("task_record", x.type(), x.recordId(), x.taskRecordId());
            }
            V13CaseWork.Round current = w.currentRound();
            Long days = w.daysToClose();
            add("case_file", current.dueAt, current.extendedDueAt, days == null ? null : BigDecimal.valueOf(days),
                    w.withdrawnAt(), k.id());
            if (unflushed >= BATCH) {
                flush();
            }
        }

        private void add(String table, Object... values) throws SQLException {
            PreparedStatement s = statements.get(table);
            for (int i = 0; i < values.length; i++) {
                set(s, i + 1, values[i]);
            }
            s.addBatch();
            pending.merge(table, 1, Integer::sum);
            unflushed++;
        }

        private static void set(PreparedStatement s, int index, Object value) throws SQLException {
            if (value == null) {
                s.setObject(index, null);
            } else if (value instanceof Instant i) {
                s.setObject(index, i.atOffset(ZoneOffset.UTC));
            } else if (value instanceof LocalDate d) {
                s.setObject(index, d);
            } else {
                s.setObject(index, value);
            }
        }

        void flush() {
            long started = System.nanoTime();
            for (Map.Entry<String, PreparedStatement> e : statements.entrySet()) {
                Integer n = pending.remove(e.getKey());
                if (n != null) {
                    try {
                        e.getValue().executeBatch();
                    } catch (SQLException failed) {
                        throw new IllegalStateException(refused(e.getKey(), failed));
                    }
                    written.merge(e.getKey(), n, Integer::sum);
                }
            }
            unflushed = 0;
            writing += System.nanoTime() - started;
        }
    }
}
