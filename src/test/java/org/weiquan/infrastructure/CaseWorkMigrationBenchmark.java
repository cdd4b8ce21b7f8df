package org.weiquan.infrastructure;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How long V13 takes on a county's database: the fixture of {@link CaseWorkMigrationTest} with its worked cases (those
 * with task records) copied until there are about {@code weiquan.benchmark.cases} cases (5000 by default), each copy
 * with its task records, timeline and referral history, then migrated with the application's Flyway configuration.
 * Prints a table (median, min and max over the runs; each run builds the database afresh) beside a yardstick
 * measured in the same run: reading every task record and timeline entry once and parsing the records' JSON, the
 * least any migration of them must do. Asserts nothing about time; runs only with {@code -Dweiquan.benchmark=true}:
 *
 * <pre>
 * WEIQUAN_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/weiquan_test mvn -o test -Dtest=CaseWorkMigrationBenchmark \
 *     -Dweiquan.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (on PostgreSQL in a schema of its own when WEIQUAN_TEST_DB_URL is set, on H2 in memory otherwise;
 * {@code -Dweiquan.benchmark.runs=3}).
 */
@EnabledIfSystemProperty(named = "weiquan.benchmark", matches = "true")
class CaseWorkMigrationBenchmark {

    static final long OFFSET = 10_000_000L;

    @Test
    void migrationOfACountysDatabase() throws Exception {
        int cases = Integer.getInteger("weiquan.benchmark.cases", 5000);
        int runs = Math.max(1, Integer.getInteger("weiquan.benchmark.runs", 3));
        List<Long> v13 = new ArrayList<>();
        List<Long> flyway = new ArrayList<>();
        List<Long> yardstick = new ArrayList<>();
        String product = null;
        long[] size = new long[3];
        for (int run = 0; run < runs; run++) {
            try (OldDatabase db = OldDatabase.withFixture(true)) {
                Sql sql = new Sql(db.dataSource);
                grow(db, sql, cases);
                size[0] = sql.count("SELECT COUNT(*) FROM case_file");
                size[1] = sql.count("SELECT COUNT(*) FROM task_record");
                size[2] = sql.count("SELECT COUNT(*) FROM case_event");
                product = db.product() + ", " + version(db);
                yardstick.add(readEverything(db));
                long started = System.nanoTime();
                db.migrate();
                flyway.add((System.nanoTime() - started) / 1_000_000);
                v13.add(sql.count("SELECT \"execution_time\" FROM \"schema_history\" WHERE \"version\" = '13'"));
                assertMigrated(sql, size[0]);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nV13 on %s; %d cases, %d task records, %d timeline entries; %d cores, %d runs%n",
                product, size[0], size[1], size[2], Runtime.getRuntime().availableProcessors(), runs));
        out.append(String.format(Locale.ROOT, "%-52s %8s %8s %8s %8s%n", "", "median", "min", "max", "ratio"));
        long base = median(yardstick);
        line(out, "yardstick: read records + timeline, parse the JSON", yardstick, base);
        line(out, "V13 (Flyway's execution time of the migration)", v13, base);
        line(out, "V12 + V13 + V14 (the whole upgrade, Flyway)", flyway, base);
        System.out.print(out);
    }

    private static void line(StringBuilder out, String what, List<Long> ms, long base) {
        out.append(String.format(Locale.ROOT, "%-52s %6d ms %5d ms %5d ms %7.1f%n", what, median(ms),
                ms.stream().mapToLong(Long::longValue).min().orElseThrow(),
                ms.stream().mapToLong(Long::longValue).max().orElseThrow(), median(ms) / (double) Math.max(1, base)));
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static String version(OldDatabase db) throws SQLException {
        try (Connection c = db.dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static void assertMigrated(Sql sql, long cases) {
        if (sql.count("SELECT COUNT(*) FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM handling_round r WHERE r.case_id = c.id)") > 0
                || sql.count("SELECT COUNT(DISTINCT case_id) FROM handling_round") != cases) {
            throw new IllegalStateException("the migration left cases without their rounds");
        }
    }

    /** Copies the cases that have task records, with their contacts, records, timeline and referral history. */
    private static void grow(OldDatabase db, Sql sql, int cases) throws SQLException {
        long worked = sql.count("SELECT COUNT(*) FROM case_file WHERE id IN (SELECT case_id FROM task_record)");
        long copies = Math.max(0, (cases - sql.count("SELECT COUNT(*) FROM case_file")) / worked);
        String series = db.postgres ? "generate_series(1, " + copies + ") AS s(x)" : "SYSTEM_RANGE(1, " + copies + ") s";
        String off = " + CAST(s.x AS BIGINT) * " + OFFSET;
        String tag = " || '#' || s.x";
        String workedCases = "(SELECT case_id FROM task_record)";
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            copy(c, "contact", series, "id IN (SELECT contact_id FROM case_file WHERE id IN " + workedCases + ")",
                    column -> switch (column) {
                        case "id" -> "id" + off;
                        case "repeat_of_contact_id", "import_key" -> "NULL";
                        case "case_number" -> "case_number || '-' || s.x";
                        default -> column;
                    });
            copy(c, "case_file", series, "id IN " + workedCases, column -> switch (column) {
                case "id", "contact_id" -> column + off;
                case "repeat_of_contact_id" -> "NULL";
                case "number" -> "number || '-' || s.x";
                default -> column;
            });
            copy(c, "task_record", series, "TRUE", column -> switch (column) {
                case "id", "case_id" -> column + off;
                case "task_id" -> "task_id" + tag;
                default -> column;
            });
            copy(c, "case_event", series, "case_id IN " + workedCases, column -> switch (column) {
                case "id", "contact_id", "case_id" -> column + off;
                default -> column;
            });
            copy(c, "ACT_HI_PROCINST", series, "PROC_DEF_KEY_ = 'Referral'", column -> switch (column) {
                case "id_", "proc_inst_id_", "root_proc_inst_id_" -> column + tag;
                case "business_key_" -> "REPLACE(business_key_, '/R', '-' || s.x || '/R')";
                default -> column;
            });
            copy(c, "ACT_HI_TASKINST", series, "PROC_INST_ID_ IN (SELECT ID_ FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'Referral')",
                    column -> switch (column) {
                        case "id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_" -> column + tag;
                        default -> column;
                    });
            c.commit();
        }
    }

    private static void copy(Connection c, String table, String series, String which, Function<String, String> value)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = r.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
                + String.join(", ", columns.stream().map(value).toList()) + " FROM " + table + " CROSS JOIN " + series
                + " WHERE " + which;
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** The yardstick: every task record with its JSON parsed, and every timeline entry, read once. */
    private static long readEverything(OldDatabase db) throws SQLException {
        long started = System.nanoTime();
        JsonReaderFactory readers = Json.createReaderFactory(java.util.Map.of());
        long n = 0;
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT id, case_id, task_id, task_key, outcome, completed_at,"
                    + " completed_by, data FROM task_record ORDER BY case_id, completed_at")) {
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        try (JsonReader reader = readers.createReader(new StringReader(r.getString(8)))) {
                            n += reader.readObject().size();
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT case_id, type, occurred_at, actor, description FROM case_event"
                    + " ORDER BY case_id, occurred_at")) {
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        n += r.getString(5).length() > 0 ? 1 : 0;
                    }
                }
            }
            c.commit();
        }
        if (n == 0) {
            throw new IllegalStateException("nothing was read");
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
