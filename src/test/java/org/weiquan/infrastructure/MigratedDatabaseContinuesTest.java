package org.weiquan.infrastructure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 2: after the migration the application carries on. EclipseLink takes ids from the V12 sequences in
 * blocks of their increment (50): a {@code nextval} v gives it v − 49 … v. So the migration's own rows must all lie
 * below the next block, whatever they are; a new record inserted as EclipseLink would insert it must not collide.
 * And a database without the engine's tables (a fresh one, whose engine is made after Flyway) migrates too.
 */
class MigratedDatabaseContinuesTest {

    /** The tables the migration fills, each with the sequence EclipseLink takes its ids from. */
    static final List<String> FILLED = List.of("handling_round", "extension_request", "closure_request", "follow_up_visit",
            "written_reply", "mediation_session", "mediation_agreement", "referral", "risk_assessment", "safety_plan",
            "protection_order", "mandatory_report", "task_note");

    @Test
    void theApplicationsNextIdsLieAboveEveryMigratedRecord() {
        try (OldDatabase db = OldDatabase.withFixture(true)) {
            db.migrate();
            Sql sql = new Sql(db.dataSource);
            for (String table : FILLED) {
                long max = sql.count("SELECT COALESCE(MAX(id), 0) FROM " + table);
                long increment = Long.parseLong(sql.row("SELECT increment FROM information_schema.sequences WHERE"
                        + " LOWER(sequence_name) = ? AND LOWER(sequence_schema) = LOWER(CURRENT_SCHEMA)", table + "_seq")
                        .values().iterator().next().toString().strip());
                long next = sql.count(db.postgres ? "SELECT nextval('" + table + "_seq')" : "SELECT NEXT VALUE FOR " + table + "_seq");
                assertThat(increment).as(table).isEqualTo(50);
                assertThat(max).as("%s holds rows", table).isPositive();
                assertThat(next - increment + 1).as("the first id of EclipseLink's next block for %s", table).isGreaterThan(max);
            }
            // a new round, a note and a referral, with the first ids of their next blocks, as the application adds them
            Map<String, Object> aCase = sql.row("SELECT id, contact_id, number FROM case_file WHERE id = (SELECT MIN(id) FROM case_file)");
            long round = firstOfNextBlock(sql, db, "handling_round");
            sql.execute("INSERT INTO handling_round (id, case_id, round_no, started_at, start_reason, due_at, recorded_at,"
                    + " recorded_by) VALUES (?, ?, 99, CURRENT_TIMESTAMP, 'REOPENED_AFTER_AUDIT', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, 'it')", round, aCase.get("id"));
            sql.execute("INSERT INTO task_note (id, contact_id, case_id, task_key, note, written_at, written_by)"
                    + " VALUES (?, ?, ?, 'Task_ChaseOverdueCase', '已督办', CURRENT_TIMESTAMP, 'it')",
                    firstOfNextBlock(sql, db, "task_note"), aCase.get("contact_id"), aCase.get("id"));
            sql.execute("INSERT INTO referral (id, case_id, case_number, referral_no, agency_code, urgent, consent_recorded_at,"
                    + " sent_at, sent_by, answer_due_at, status, recorded_at) VALUES (?, ?, ?, 99, 'QX-FLYZ', FALSE,"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'it', CURRENT_TIMESTAMP, 'REQUESTED', CURRENT_TIMESTAMP)",
                    firstOfNextBlock(sql, db, "referral"), aCase.get("id"), aCase.get("number"));
            assertThat(sql.count("SELECT COUNT(*) FROM handling_round WHERE id = ?", round)).isEqualTo(1);
        }
    }

    private static long firstOfNextBlock(Sql sql, OldDatabase db, String table) {
        String seq = table + "_seq";
        return sql.count(db.postgres ? "SELECT nextval('" + seq + "')" : "SELECT NEXT VALUE FOR " + seq) - 50 + 1;
    }

    @Test
    void aFreshDatabaseWithoutTheEnginesTablesMigrates() {
        try (OldDatabase db = OldDatabase.empty()) {
            db.migrate();
            Sql sql = new Sql(db.dataSource);
            assertThat(sql.count("SELECT COUNT(*) FROM \"schema_history\" WHERE \"version\" = '13' AND \"success\" = TRUE")).isEqualTo(1);
            assertThat(sql.count("SELECT COUNT(*) FROM \"schema_history\" WHERE \"version\" = '14' AND \"success\" = TRUE")).isEqualTo(1);
            for (String table : FILLED) {
                assertThat(sql.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
        }
    }

    /**
     * Without the engine's history a referral's number cannot come from its process, nor its agency from a variable:
     * the timeline's entry still names the agency, so the same referrals are there, with the same agencies.
     */
    @Test
    void withoutTheEnginesTablesEveryReferralStillHasItsAgency() {
        Map<String, List<String>> withEngine;
        try (OldDatabase db = OldDatabase.withFixture(true)) {
            db.migrate();
            withEngine = referralsByCase(new Sql(db.dataSource));
        }
        try (OldDatabase db = OldDatabase.withFixture(false)) {
            db.migrate();
            Sql sql = new Sql(db.dataSource);
            assertThat(referralsByCase(sql)).isEqualTo(withEngine).hasSize(5);
            assertThat(sql.count("SELECT COUNT(*) FROM referral")).isEqualTo(9);
        }
    }

    /** A row the database refuses is named by its table; its values (notes, terms, names) stay out of the message. */
    @Test
    void aRefusedRowIsReportedWithoutTheValuesItHolds() {
        try (OldDatabase db = OldDatabase.withFixture(true)) {
            DatabaseMigrations.configuration(db.dataSource, db.postgres).target("12").load().migrate();
            Sql sql = new Sql(db.dataSource);
            Map<String, Object> aCase = sql.row("SELECT id, accepted_station_id FROM case_file WHERE id = (SELECT MIN(id) FROM case_file)");
            // the id V13 gives its first session (the first of the sequence's first block) is taken already
            sql.execute("INSERT INTO mediation_session (id, case_id, accepted_station_id, round_no, session_no, held_at,"
                    + " mediator, attendees, outcome, recorded_at, recorded_by) VALUES (1, ?, ?, 1, 99, CURRENT_TIMESTAMP,"
                    + " 'it', 'it', 'CONTINUE', CURRENT_TIMESTAMP, 'it')", aCase.get("id"), aCase.get("accepted_station_id"));

            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(db::migrate);

            StringBuilder messages = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                messages.append(t).append('\n');
                for (Throwable s : t.getSuppressed()) {
                    messages.append(s).append('\n');
                }
            }
            assertThat(messages).contains("mediation_session").contains("personal data")
                    .doesNotContain("双方陈述了各自意见").doesNotContain("申请人、被申请人").doesNotContain("一、双方共同分担家务");
        }
    }

    private static Map<String, List<String>> referralsByCase(Sql sql) {
        return sql.rows("SELECT case_number, agency_code, urgent, status FROM referral ORDER BY agency_code, urgent").stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("case_number"), java.util.TreeMap::new,
                        Collectors.mapping(r -> r.get("agency_code") + " " + r.get("urgent") + " " + r.get("status"),
                                Collectors.toList())));
    }
}
