package org.weiquan.workflow.engine;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.infrastructure.TestPostgres;
import org.weiquan.workflow.InboxQuery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's row of a new task on PostgreSQL: it lies where its contact or case lies, ranked by the case's risk,
 * and the statement that writes it is planned once per connection, not at every task made (a task is made at every
 * intake and at most completions). Runs when {@code WEIQUAN_TEST_DB_URL} is set (as CI sets it), in a schema of its
 * own.
 */
@EnabledIfEnvironmentVariable(named = "WEIQUAN_TEST_DB_URL", matches = "jdbc:postgresql:.*")
class InboxRowsPostgresTest {

    static PGSimpleDataSource dataSource;
    static PGSimpleDataSource admin;
    static String schema;

    @BeforeAll
    static void database() throws SQLException {
        schema = "inbox_rows_" + ProcessHandle.current().pid();
        admin = TestPostgres.dataSource(System.getenv("WEIQUAN_TEST_DB_URL"), null);
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        dataSource = TestPostgres.dataSource(System.getenv("WEIQUAN_TEST_DB_URL"), schema);
        // a statement is prepared on the server from its first execution, as the driver does from its fifth
        dataSource.setPrepareThreshold(1);
        DatabaseMigrations.configuration(dataSource, true).schemas(schema).load().migrate();
        execute(dataSource,
                "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (1, 'T', 'T', 'COUNTY', NULL, '/1/', 1)",
                "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (2, 'T-2', 'T-2', 'COMMUNITY', 1, '/1/2/', 1)",
                "INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at, registered_by,"
                        + " version, primary_category) VALUES (10, 2, 'VISIT', now(), 'x', 'ACCEPTED', now(), 'test', 1, 'OTHER')",
                "INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at, registered_by,"
                        + " version, primary_category) VALUES (11, 1, 'VISIT', now(), 'x', 'NEW', now(), 'test', 1, 'OTHER')",
                "INSERT INTO case_file (id, number, station_id, accepted_station_id, number_year, number_seq, contact_id,"
                        + " accepted_at, accepted_by, status, stage, handling_due, version, primary_category, channel,"
                        + " risk_level) VALUES (20, 'T-2-2026-0001', 2, 2, 2026, 1, 10, now(), 'test', 'OPEN', 'HANDLING',"
                        + " now() + INTERVAL '60' DAY, 1, 'OTHER', 'VISIT', 'HIGH')");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (admin != null) {
            execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void aTaskIsListedWhereItsContactOrCaseLiesRankedByTheCasesRisk() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            InboxRows.insert(c, task("review", null, 11L, null));
            InboxRows.insert(c, task("review-medium", null, 11L, "MEDIUM"));
            // the case's own risk comes first; the process's is the fallback
            InboxRows.insert(c, task("handling", "T-2-2026-0001", 10L, "LOW"));
            assertThat(row(c, "review")).containsExactly(1L, "/1/", 3);
            assertThat(row(c, "review-medium")).containsExactly(1L, "/1/", 1);
            assertThat(row(c, "handling")).containsExactly(2L, "/1/2/", 0);
            c.rollback();
        }
    }

    @Test
    void theRowOfEveryNewTaskIsWrittenWithAPlanKeptOnTheConnection() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // a station's day: the reviews of its intakes, then the tasks of the cases it accepted
            for (int i = 0; i < 12; i++) {
                InboxRows.insert(c, task("contact-task-" + i, null, 11L, null));
            }
            for (int i = 0; i < 12; i++) {
                InboxRows.insert(c, task("case-task-" + i, "T-2-2026-0001", 10L, null));
            }
            int statements = 0;
            int kept = 0;
            int planned = 0;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                         + " WHERE statement LIKE 'INSERT INTO inbox_task %'")) {
                while (rs.next()) {
                    statements++;
                    kept += rs.getInt(1);
                    planned += rs.getInt(2);
                }
            }
            c.rollback();
            // PostgreSQL plans a prepared statement for its values five times, then keeps one plan for any values
            // unless the five were cheaper: one statement for a contact's task and one for a case's, each planned
            // five times; the other seven tasks of each use the kept plan
            assertThat(planned).as("tasks planned for their values").isEqualTo(10);
            assertThat(kept).as("tasks written with the kept plan").isEqualTo(14);
            assertThat(statements).isEqualTo(2);
        }
    }

    /**
     * A contact's tasks that have no case yet are found by the contact's index alone, also before the database has
     * gathered statistics of the inbox (a new installation, autovacuum off). Every registration looks for them (the
     * contact's insert trigger) and so does every review's completion. With the contact's index and the case number's
     * apart, PostgreSQL without statistics combined both, and the case number's gave every task still without a case:
     * 7 ms a registration at 124,000 tasks awaiting review, growing with them (twenty-sixth session).
     */
    @Test
    void aContactsTasksWithoutACaseAreFoundByTheContactsIndexEvenWithoutStatistics() throws SQLException {
        String trigger = "UPDATE inbox_task SET station_id = 2, station_path = '/1/2/'"
                + " WHERE contact_id = $1 AND case_number IS NULL";
        String review = InboxSql.REVIEW_TASK_OF_CONTACT.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery("SELECT pg_get_functiondef('inbox_follow_contact'::regproc)")) {
                rs.next();
                assertThat(rs.getString(1).replaceAll("\\s+", " "))
                        .as("the contact trigger's statement, as explained below")
                        .contains("WHERE contact_id = NEW.id AND case_number IS NULL");
            }
            // a network's reviews awaiting decision, written in this transaction, so that no statistics can exist
            s.execute("INSERT INTO inbox_task (task_id, process_instance_id, task_key, created, contact_id)"
                    + " SELECT 'review-' || g, 'process-' || g, 'Task_ReviewContact', now(), 1000 + g"
                    + " FROM generate_series(1, 130000) g");
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            s.execute("PREPARE follow_contact(BIGINT) AS " + trigger);
            s.execute("PREPARE review_task(BIGINT, VARCHAR) AS " + review);
            assertThat(TestPostgres.plan(s, "EXPLAIN EXECUTE follow_contact(5)"))
                    .contains("inbox_task_contact").doesNotContain("inbox_task_case_ix");
            assertThat(TestPostgres.plan(s, "EXPLAIN EXECUTE review_task(5, 'Task_ReviewContact')"))
                    .contains("inbox_task_contact").doesNotContain("inbox_task_case_ix");
            c.rollback();
        }
    }

    /**
     * Every order the inbox's page can be given (the web table's columns, either way, and the API's creation) reads
     * the page from an index in that order and stops at its end. Before V103 only the ascending orders had such an
     * index: a descending page read and sorted every task of the scope, 30-90 ms at 70,000 open tasks of one station
     * (the station's own column the slowest), growing with the tasks.
     */
    @Test
    void everyOrderOfTheInboxEitherWayReadsOnlyItsPage() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // one station's open tasks, unassigned, for its supervisors: a case number on half of them, a due date on
            // nine in ten, every risk
            s.execute("INSERT INTO inbox_task (task_id, process_instance_id, task_key, created, risk_rank, due_date,"
                    + " case_number, station_id, station_path, group_1)"
                    + " SELECT 'sorted-' || g, 'process-' || g, 'Task_AssignMediator',"
                    + " TIMESTAMP '2026-01-01 00:00' + g * INTERVAL '1' MINUTE, g % 4,"
                    + " CASE WHEN g % 10 = 0 THEN NULL ELSE TIMESTAMP '2026-02-01 00:00' + (g % 300) * INTERVAL '1' DAY END,"
                    + " CASE WHEN g % 2 = 0 THEN NULL ELSE 'T-2-2026-' || lpad(g::text, 6, '0') END,"
                    + " 2, '/1/2/', 'station:T-2:supervisor' FROM generate_series(1, 60000) g");
            s.execute("ANALYZE inbox_task");
            SoftAssertions each = new SoftAssertions();
            for (InboxQuery.Order order : InboxQuery.Order.values()) {
                for (boolean descending : new boolean[] {false, true}) {
                    InboxSql sql = new InboxSql(new InboxQuery(null, List.of("station:T-2:supervisor"), true, "/1/",
                            null, List.of(), order, descending, 0, 50), true);
                    assertThat(sql.parameters).allSatisfy(p -> assertThat(p).isInstanceOf(String[].class));
                    String plan = TestPostgres.plan(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                            + sql.page.replace("?", "'{station:T-2:supervisor}'"));
                    each.assertThat(plan).as("the page of %s%s, as analysed", order, descending ? " descending" : "")
                            .containsPattern("Limit +\\(actual rows=50 loops=1\\)");
                    each.assertThat(rowsRead(plan)).as("rows read for the first page by %s%s:%n%s", order,
                            descending ? " descending" : "", plan).isLessThanOrEqualTo(500);
                }
            }
            c.rollback();
            each.assertAll();
        }
    }

    /** The most rows any one node of an analysed plan read: the rows it gave on, and those its filter removed. */
    static long rowsRead(String plan) {
        long most = 0;
        long node = 0;
        for (String line : plan.split("\n")) {
            Matcher gave = Pattern.compile("actual rows=(\\d+) loops=(\\d+)").matcher(line);
            Matcher removed = Pattern.compile("Rows Removed by Filter: (\\d+)").matcher(line);
            if (gave.find()) {
                node = Long.parseLong(gave.group(1)) * Long.parseLong(gave.group(2));
            } else if (removed.find()) {
                node += Long.parseLong(removed.group(1));
            }
            most = Math.max(most, node);
        }
        return most;
    }

    static InboxRows.NewRow task(String id, String caseNumber, Long contact, String processRisk) {
        return new InboxRows.NewRow(id, "process-" + id, caseNumber == null ? "Task_ReviewContact" : "Task_AssignMediator",
                "task", "bk-" + id, caseNumber, contact, null, null, processRisk, null, null, new Date(),
                List.of("station:T:supervisor"));
    }

    static Object[] row(Connection c, String taskId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT station_id, station_path, risk_rank FROM inbox_task WHERE task_id = ?")) {
            s.setString(1, taskId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("the row of task %s", taskId).isTrue();
                return new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3)};
            }
        }
    }

    static void execute(PGSimpleDataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }
}
