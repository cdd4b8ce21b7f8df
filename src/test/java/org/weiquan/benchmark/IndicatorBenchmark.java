package org.weiquan.benchmark;

import org.flywaydb.core.Flyway;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.casefile.FollowUpPolicy;
import org.weiquan.reporting.Indicator;
import org.weiquan.reporting.IndicatorQueries;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * How the indicator SQL ({@link IndicatorQueries}) scales on PostgreSQL: for 10 k, 100 k and 1 M cases over a
 * 300-station tree it times a county subtree report for a year, a single station's month, a drill-down page and
 * the whole county page as ReportService builds it, and prints a table per size (median, min, p90, max over the
 * measured runs, and the median's ratio to a yardstick of fixed work timed in the same run), the machine, a
 * per-statement breakdown of the county report and of the page, and
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of the report's slowest statement and of the drill-down at the largest size,
 * both as the custom plan and as the generic plan. The county year and the page are timed twice: read through the
 * indicator counters (PostgreSQL, V90) and computed from the rows alone ({@link IndicatorQueries#computedOnly}), and it
 * prints whether the two agree; at the largest size it times the writes the counters' triggers add to (closing a case,
 * accepting a contact) with the triggers on and off ({@code weiquan.benchmark.writeBlocks}, default 10 blocks of
 * 100). With {@code weiquan.benchmark.reuse=true} a database made before a migration gets it first (V90 fills the
 * counters from the rows). It asserts nothing about time: it is a measurement, not a test,
 * and runs only with {@code -Dweiquan.benchmark=true}:
 *
 * <pre>
 * psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE weiquan_bench OWNER weiquan'
 * mvn -B -o test -Dtest=IndicatorBenchmark -Dweiquan.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Properties: {@code weiquan.benchmark.db.url} (default {@code jdbc:postgresql://127.0.0.1:5432/weiquan_bench}),
 * {@code weiquan.benchmark.db.user} / {@code .password} (weiquan/weiquan), {@code weiquan.benchmark.sizes}
 * (comma-separated, default 10000,100000,1000000), {@code weiquan.benchmark.runs} (measured runs, at least 7,
 * default 10), {@code weiquan.benchmark.warmup} (default 2), {@code weiquan.benchmark.reuse=true} (keep the data
 * when the database already holds exactly N cases: for trying an index without generating again),
 * {@code weiquan.benchmark.fullPage=false} (leave out the whole county page as ReportService builds it, with
 * {@link IndicatorQueries#report}: the station alone, each of the 20 sub-districts, the total and the groups).
 * Session settings go in the URL, e.g.
 * {@code ...weiquan_bench?options=-c%20jit=off%20-c%20plan_cache_mode=force_custom_plan}, or
 * {@code ?prepareThreshold=0}.
 *
 * <p>The schema is the application's own (Flyway, common + postgresql, cleaned first); the rows are made with
 * {@code INSERT ... SELECT ... FROM generate_series} from a seeded {@code random()}, so every run makes the same
 * data: contacts, cases, and the records of their work that the indicators read (handling rounds, closure
 * requests, follow-up visits, mediation sessions, risk assessments, safety plans, referrals, protection-order
 * applications). Task receipts and the timeline, which no indicator reads, are not made. IndicatorQueries gets one
 * connection that is kept open, as behind the container's pool (so the driver's server-side prepared statements and
 * PostgreSQL's plan cache, generic plans included, behave as in production); each statement it runs is timed on the
 * way. Generation drops the loaded tables' secondary indexes and foreign keys and makes them again,
 * from their catalog definitions, after the load.
 */
@EnabledIfSystemProperty(named = "weiquan.benchmark", matches = "true")
class IndicatorBenchmark {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    /**
     * The same fixed work at every size, measured with the operations: its time says how fast the machine was then
     * (the cores are shared), and each operation's ratio to it can be compared between runs.
     */
    static final String YARDSTICK = "yardstick: SELECT count(*) FROM generate_series(1, 1000000) (the same at every N)";
    /** Acceptances run over three years, 2023-2025 (Beijing time); the data end on 1 April 2026. */
    static final String DATA_START = "2023-01-01 00:00:00+08";
    static final String DATA_END = "2026-04-01 00:00:00+08";
    static final int YEAR = 2025;
    /** A village of middling size, for the single-station month. */
    static final long VILLAGE = 151;

    static final String URL = System.getProperty("weiquan.benchmark.db.url",
            "jdbc:postgresql://127.0.0.1:5432/weiquan_bench");
    static final String USER = System.getProperty("weiquan.benchmark.db.user", "weiquan");
    static final String PASSWORD = System.getProperty("weiquan.benchmark.db.password", "weiquan");

    final int runs = Math.max(7, Integer.getInteger("weiquan.benchmark.runs", 10));
    final int warmup = Math.max(0, Integer.getInteger("weiquan.benchmark.warmup", 2));
    final boolean reuse = Boolean.getBoolean("weiquan.benchmark.reuse");
    final boolean fullPage = Boolean.parseBoolean(System.getProperty("weiquan.benchmark.fullPage", "true"));
    final StringBuilder out = new StringBuilder();

    @Test
    void indicatorQueriesOnGrowingData() throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("weiquan.benchmark.sizes", "10000,100000,1000000").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(URL);
        pg.setUser(USER);
        pg.setPassword(PASSWORD);

        try (Connection admin = pg.getConnection()) {
            machine(admin);
        }
        Map<String, Map<Long, Stats>> summary = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            long n = sizes[i];
            try (Connection admin = pg.getConnection()) {
                prepare(pg, admin, n);
            }
            try (Connection kept = pg.getConnection()) {
                Timed timed = new Timed(kept);
                Map<String, Stats> results = measure(timed, n, i == sizes.length - 1);
                if (i == sizes.length - 1) {
                    writePaths(kept, n);
                }
                results.forEach((op, s) -> summary.computeIfAbsent(op, x -> new TreeMap<>()).put(n, s));
            }
        }
        printSummary(summary, sizes);
        Path file = Path.of("target", "indicator-benchmark.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out, StandardCharsets.UTF_8);
            System.out.println("(also written to " + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            System.out.println("could not write " + file + ": " + e);
        }
    }

    // ---------------------------------------------------------------- the machine

    void machine(Connection c) throws SQLException {
        line("== Indicator benchmark (IndicatorQueries on PostgreSQL) ==");
        line("when:       " + Instant.now());
        line("machine:    " + Runtime.getRuntime().availableProcessors() + " cores (Runtime.availableProcessors), "
                + cpuModel() + ", " + memory() + ", load average " + loadAverage() + " at start");
        line("java:       " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        line("database:   " + single(c, "SELECT version()") + " at " + URL + " (same machine, sharing its cores)");
        line("settings:   shared_buffers=" + single(c, "SHOW shared_buffers") + ", work_mem=" + single(c, "SHOW work_mem")
                + ", effective_cache_size=" + single(c, "SHOW effective_cache_size") + ", random_page_cost="
                + single(c, "SHOW random_page_cost") + ", max_parallel_workers_per_gather="
                + single(c, "SHOW max_parallel_workers_per_gather") + ", jit=" + single(c, "SHOW jit")
                + ", plan_cache_mode=" + single(c, "SHOW plan_cache_mode"));
        line("method:     per operation " + warmup + " warm-up run(s), then " + runs + " measured runs on one kept"
                + " connection; times are wall-clock in the JVM (JDBC round trips included), in ms");
        line("");
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("cpu ?");
        } catch (IOException | RuntimeException e) {
            return "cpu ?";
        }
    }

    static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GB RAM", os.getTotalMemorySize() / 1e9);
        }
        return "RAM ?";
    }

    static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---------------------------------------------------------------- the data

    void prepare(DataSource pg, Connection c, long n) throws SQLException {
        if (reuse && holds(c, n)) {
            line("-- N = " + n + ": reusing the cases already in the database (weiquan.benchmark.reuse=true)");
            // a database made before a migration gets it now (V90 back-fills the counters from the rows)
            long t = System.nanoTime();
            int applied = DatabaseMigrations.configuration(pg, true).load().migrate().migrationsExecuted;
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + String.join(", ", COUNTER_TABLES));
            }
            line(String.format(Locale.ROOT, "   migrations applied now: %d in %.1f s; counter tables analyzed", applied,
                    seconds(t)));
            sizes(c);
            return;
        }
        long start = System.nanoTime();
        Flyway flyway = DatabaseMigrations.configuration(pg, true).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        double migrated = seconds(start);
        List<String> steps = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("SET work_mem = '256MB'");
            s.execute("SET maintenance_work_mem = '512MB'");
            List<String> restore = new ArrayList<>();
            for (String[] step : generation(n)) {
                if (step[0].equals("contacts")) {
                    // bulk load: the loaded tables' secondary indexes and foreign keys are dropped here and made
                    // again, exactly as they were, after the load (the schema ends as Flyway made it); the counter
                    // triggers are off during the load and the counters made from the rows after it, as V90 does
                    restore = withoutIndexesAndForeignKeys(s, BULK_LOADED);
                    for (String table : COUNTED_TABLES) {
                        s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
                    }
                }
                long t = System.nanoTime();
                s.execute(step[1]);
                steps.add(step[0] + " " + String.format(Locale.ROOT, "%.1f s", seconds(t)));
            }
            long t = System.nanoTime();
            for (String ddl : restore) {
                s.execute(ddl);
            }
            steps.add("indexes+foreign keys " + String.format(Locale.ROOT, "%.1f s", seconds(t)));
            t = System.nanoTime();
            for (String table : COUNTED_TABLES) {
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            }
            s.execute("SELECT indicator_counts_rebuild()");
            steps.add("counters from the rows (V90's back-fill) " + String.format(Locale.ROOT, "%.1f s", seconds(t)));
            t = System.nanoTime();
            s.execute("DROP TABLE gen");
            s.execute("VACUUM (ANALYZE) station, partner_agency, " + String.join(", ", COUNTER_TABLES) + ", "
                    + String.join(", ", BULK_LOADED));
            steps.add("vacuum+analyze " + String.format(Locale.ROOT, "%.1f s", seconds(t)));
            s.execute("RESET work_mem");
            s.execute("RESET maintenance_work_mem");
        }
        line(String.format(Locale.ROOT, "-- N = %,d: clean+migrate %.1f s; generated in %.1f s (%s)", n, migrated,
                seconds(start) - migrated, String.join(", ", steps)));
        sizes(c);
    }

    /** The indicator counters: the stations' (V90, V96) and the whole tree's (V95). */
    static final List<String> COUNTER_TABLES = List.of("indicator_month", "indicator_group_month", "indicator_cohort",
            "indicator_open", "indicator_tree_group_month", "indicator_tree_days", "indicator_follow_up");

    /** The tables whose triggers keep the indicator counters (V90, V96). */
    static final List<String> COUNTED_TABLES = List.of("contact", "case_file", "mediation_session",
            "closure_request", "follow_up_visit");

    /** The tables the generation loads, whose secondary indexes and foreign keys are made after the load. */
    static final List<String> BULK_LOADED = List.of("contact", "case_file", "handling_round", "closure_request",
            "follow_up_visit", "mediation_session", "risk_assessment", "safety_plan", "referral", "protection_order");

    /**
     * Drops the foreign keys and the indexes that back no constraint of the given tables, and returns the statements
     * that make them again as they were (indexes first, then the foreign keys, which are checked as they are added).
     */
    static List<String> withoutIndexesAndForeignKeys(Statement s, List<String> tables) throws SQLException {
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        String in = "('" + String.join("','", tables) + "')";
        try (ResultSet rs = s.executeQuery("SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"
                + " FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text IN " + in
                + " ORDER BY 1, 2")) {
            while (rs.next()) {
                drops.add("ALTER TABLE " + rs.getString(1) + " DROP CONSTRAINT " + rs.getString(2));
                foreignKeys.add("ALTER TABLE " + rs.getString(1) + " ADD CONSTRAINT " + rs.getString(2) + " "
                        + rs.getString(3));
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i WHERE i.indrelid::regclass::text IN " + in
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1")) {
            while (rs.next()) {
                drops.add("DROP INDEX " + rs.getString(1));
                indexes.add(rs.getString(2));
            }
        }
        for (String drop : drops) {
            s.execute(drop);
        }
        List<String> restore = new ArrayList<>(indexes);
        restore.addAll(foreignKeys);
        return restore;
    }

    static boolean holds(Connection c, long n) {
        try {
            return Long.parseLong(single(c, "SELECT COUNT(*) FROM case_file")) == n;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    void sizes(Connection c) throws SQLException {
        StringBuilder b = new StringBuilder("   rows:");
        List<String> tables = new ArrayList<>(List.of("station"));
        tables.addAll(BULK_LOADED);
        for (String t : tables) {
            b.append(String.format(Locale.ROOT, " %s %,d (%s)", t, Long.parseLong(single(c, "SELECT COUNT(*) FROM " + t)),
                    single(c, "SELECT pg_size_pretty(pg_total_relation_size('" + t + "'))")));
            b.append(t.equals(tables.get(tables.size() - 1)) ? "" : ";");
        }
        line(b.toString());
    }

    /** A weighted choice among values as an SQL expression: value, weight, value, weight ... ("NULL" for null). */
    static String pick(Object... valuesAndWeights) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            String v = (String) valuesAndWeights[i];
            int w = (Integer) valuesAndWeights[i + 1];
            for (int k = 0; k < w; k++) {
                items.add(v.equals("NULL") ? "NULL" : "'" + v + "'");
            }
        }
        return "(ARRAY[" + String.join(",", items) + "]::text[])[1 + floor(random() * " + items.size() + ")::int]";
    }

    static final String CHANNEL = pick("VISIT", 35, "PHONE", 18, "HOTLINE", 14, "ONLINE", 11, "LETTER", 8,
            "AGENCY_REFERRAL", 4, "TRANSFER", 3, "JUDICIAL_OFFICE", 2, "MANDATORY_REPORT", 2, "SCREENING", 1,
            "COMPLAINT_BOX", 1, "MEDIA", 1);
    static final String CATEGORY = pick("MARRIAGE_DISPUTE", 18, "DOMESTIC_VIOLENCE", 12, "DIVORCE_PROPERTY", 10,
            "ELDER_SUPPORT", 8, "CHILD_CUSTODY_SUPPORT", 8, "RURAL_LAND_RIGHTS", 8, "INHERITANCE", 6,
            "EMPLOYMENT_DISCRIMINATION", 5, "HARDSHIP_ASSISTANCE", 6, "LEFT_BEHIND_CHILD", 3, "SEXUAL_HARASSMENT", 3,
            "PRIVACY_ONLINE_HARM", 2, "SEXUAL_ASSAULT", 1, "TRAFFICKING", 1, "OTHER", 8);
    static final String PETITION = pick("CLAIM", 50, "ACCUSATION", 15, "SUGGESTION", 5, "NULL", 30);
    static final String REASON = pick("MEDIATED_WRITTEN", 15, "MEDIATED_ORAL", 15, "MEDIATION_FAILED_ADVISED", 6,
            "REFERRAL_COMPLETED", 8, "CLAIM_SUPPORTED", 8, "EXPLAINED", 15, "NOT_SUPPORTED", 6, "IN_LITIGATION", 5,
            "WITHDRAWN", 7, "LOST_CONTACT", 3, "DUPLICATE_MERGED", 2, "OUT_OF_SCOPE", 3, "MOVED_OR_DECEASED", 2,
            "OTHER", 5);
    static final String OPEN_STAGE = pick("HANDLING", 8, "CLOSURE_REQUESTED", 1, "FOLLOW_UP", 1);
    static final String FOLLOW_UP_RESULT = pick("SATISFIED", 72, "NOT_SATISFIED", 14, "UNREACHABLE", 14);
    /** The categories visited after closure, as the application decides (FollowUpPolicy). */
    static final String FOLLOWED_UP = FollowUpPolicy.FOLLOWED_UP.stream().map(c -> "'" + c.name() + "'").sorted()
            .collect(Collectors.joining(","));

    /** 24:00 of the 60th day after an instant, Beijing dates (DESIGN §3): a handling round's deadline. */
    static String deadline(String instant) {
        return "(((" + instant + ") AT TIME ZONE 'Asia/Shanghai')::date + 61)::timestamp AT TIME ZONE 'Asia/Shanghai'";
    }

    /**
     * The generation, step by step. A temporary table {@code gen} holds one row per contact-and-case with all its
     * random choices and the instants that follow from them; contacts, cases and the records of their work
     * (handling rounds, closure requests, follow-up visits, mediation sessions, risk assessments, safety plans,
     * referrals, protection-order applications) are then made from it, so that they agree. A reopened case was
     * closed at 0.3 of its duration, reopened at 0.45 and closed finally at its end; its first visit was cancelled
     * by the reopening. Ids: contact = case = g; round = 2 g + round - 1; closure request = 4 g + slot; visit =
     * 2 g + slot; session = 20 g + session; assessment, plan, order = g; referral = 2 g + slot.
     */
    static List<String[]> generation(long n) {
        List<String[]> steps = new ArrayList<>();
        // 300 stations: the county (1), 20 sub-districts (2..21), 279 communities/villages (22..300)
        steps.add(new String[] {"stations", """
                INSERT INTO station (id, code, name, level, parent_id, path, version)
                SELECT 1, 'QX', 'Benchmark county', 'COUNTY', NULL, '/1/', 1
                UNION ALL
                SELECT i, 'QX-' || lpad((i - 1)::text, 2, '0'), 'Sub-district ' || (i - 1), 'SUBDISTRICT', 1,
                       '/1/' || i || '/', 1
                FROM generate_series(2, 21) i
                UNION ALL
                SELECT i, 'QX-' || lpad((p - 1)::text, 2, '0') || lpad(k::text, 2, '0'),
                       CASE WHEN i % 3 = 0 THEN 'Community ' ELSE 'Village ' END || i,
                       CASE WHEN i % 3 = 0 THEN 'COMMUNITY' ELSE 'VILLAGE' END, p, '/1/' || p || '/' || i || '/', 1
                FROM (SELECT i, 2 + (i - 22) % 20 AS p, 1 + (i - 22) / 20 AS k FROM generate_series(22, 300) i) v
                """});
        // partner agencies: a police station per sub-district, shelters (civil affairs), courts, legal aid
        steps.add(new String[] {"agencies", """
                INSERT INTO partner_agency (code, name, kind, station_id)
                SELECT 'PS-' || lpad(i::text, 2, '0'), 'Police station ' || i, 'POLICE', i + 1 FROM generate_series(1, 20) i
                UNION ALL
                SELECT 'SH-' || i, 'Shelter ' || i, 'CIVIL_AFFAIRS', NULL FROM generate_series(0, 4) i
                UNION ALL
                SELECT 'CT-' || i, 'Court ' || i, 'COURT', NULL FROM generate_series(0, 2) i
                UNION ALL
                SELECT 'LA-0', 'Legal aid centre', 'LEGAL_AID', NULL
                """});
        String raw = """
                SELECT setseed(0.20260401);
                CREATE TEMP TABLE gen0 AS
                SELECT g, st, CASE WHEN transfer THEN 2 + (st % 299) ELSE st END AS now_st, channel, category, petition,
                       recv, acc, closed, d, reason, extended, assess_h, reopened, repeat_of, minor, elderly, open_stage,
                       EXTRACT(YEAR FROM acc AT TIME ZONE 'Asia/Shanghai')::int AS yr,
                       CASE WHEN category IN ('DOMESTIC_VIOLENCE', 'SEXUAL_ASSAULT', 'SEXUAL_HARASSMENT', 'TRAFFICKING',
                                              'LEFT_BEHIND_CHILD')
                            THEN CASE WHEN r_risk < 0.25 THEN 'HIGH' WHEN r_risk < 0.6 THEN 'MEDIUM' ELSE 'LOW' END
                            WHEN r_assessed < 0.2
                            THEN CASE WHEN r_risk < 0.03 THEN 'HIGH' WHEN r_risk < 0.25 THEN 'MEDIUM' ELSE 'LOW' END
                       END AS risk
                FROM (
                    SELECT g,
                           CASE WHEN r_st < 0.02 THEN 1
                                WHEN r_st < 0.12 THEN 2 + floor(random() * 20)::int
                                ELSE 22 + floor(279 * power(random(), 1.3))::int END AS st,
                           random() < 0.03 AS transfer,
                           %CHANNEL% AS channel, %CATEGORY% AS category, %PETITION% AS petition,
                           recv, recv + interval '1 hour' * (1 + 119 * power(random(), 2)) AS acc,
                           random() < 0.8 AS closed,
                           1 + 89 * power(random(), 1.4) AS d,
                           %REASON% AS reason,
                           random() < 0.07 AS extended,
                           random() * 36 AS assess_h,
                           random() < 0.03 AS reopened,
                           CASE WHEN random() < 0.06 AND g > %N% / 36 + 1
                                THEN greatest(1, g - 1 - floor(random() * %N% / 36.0 * 15)::bigint) END AS repeat_of,
                           random() < 0.08 AS minor, random() < 0.12 AS elderly,
                           %OPEN_STAGE% AS open_stage,
                           random() AS r_risk, random() AS r_assessed
                    FROM (SELECT g, random() AS r_st,
                                 timestamptz '%START%' + (g - 1 + random()) / %N% * interval '1096 days' AS recv
                          FROM generate_series(1, %N%) g) s
                ) x
                """;
        steps.add(new String[] {"gen", raw.replace("%CHANNEL%", CHANNEL).replace("%CATEGORY%", CATEGORY)
                .replace("%PETITION%", PETITION).replace("%REASON%", REASON).replace("%OPEN_STAGE%", OPEN_STAGE)
                .replace("%START%", DATA_START).replace("%N%", Long.toString(n))});
        // case numbers as the application makes them (station code, year, sequence per station and year), and the
        // instants of each case's rounds: closures, the reopening, the deadline in force
        steps.add(new String[] {"numbers", """
                CREATE TEMP TABLE gen1 AS
                SELECT x.*, s.code || '-' || x.yr || '-' || lpad(x.seq::text, greatest(4, length(x.seq::text)), '0') AS number,
                       closed AND reopened AS twice,
                       CASE WHEN closed THEN acc + interval '1 day' * d END AS close_at,
                       CASE WHEN closed AND reopened THEN acc + interval '1 day' * (d * 0.3) END AS first_close,
                       CASE WHEN closed AND reopened THEN acc + interval '1 day' * (d * 0.45) END AS reopen_at
                FROM (SELECT gen0.*, row_number() OVER (PARTITION BY st, yr ORDER BY g) AS seq FROM gen0) x
                JOIN station s ON s.id = x.st;
                CREATE TEMP TABLE gen AS
                SELECT gen1.*, %DUE1% AS due1, CASE WHEN twice THEN %DUE2% END AS due2,
                       CASE WHEN twice THEN 2 * g + 1 ELSE 2 * g END AS round_id
                FROM gen1;
                DROP TABLE gen0;
                DROP TABLE gen1;
                ANALYZE gen
                """.replace("%DUE1%", deadline("acc")).replace("%DUE2%", deadline("reopen_at"))});
        steps.add(new String[] {"contacts", """
                INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at, registered_by,
                    version, petition_type, primary_category, minor_involved, elderly, repeat_visit, repeat_of_contact_id,
                    decision, decided_at, decided_by, acknowledged_on, acknowledgement_form, acknowledged_by, case_number)
                SELECT g, st, channel, recv, 'benchmark contact ' || g, 'ACCEPTED', recv + interval '3 minutes',
                       'intake-' || st, 2, petition, category, minor, elderly, repeat_of IS NOT NULL, repeat_of,
                       'ACCEPTED', acc, 'supervisor-' || st, (recv AT TIME ZONE 'Asia/Shanghai')::date,
                       CASE channel WHEN 'LETTER' THEN 'WRITTEN' WHEN 'ONLINE' THEN 'SMS' ELSE 'ORAL' END,
                       'intake-' || st, number
                FROM gen ORDER BY g
                """});
        // the case keeps its current round's deadline (the reopened round's, extended or not) and its final closure
        steps.add(new String[] {"cases", """
                INSERT INTO case_file (id, number, station_id, accepted_station_id, number_year, number_seq, contact_id,
                    primary_category, channel, petition_type, repeat_of_contact_id,
                    accepted_at, accepted_by, status, stage, handling_due, extended_due, closure_reason,
                    closed_at, closed_by, days_to_close, mediator, risk_level, reopen_count, withdrawn_at, version)
                SELECT g, number, now_st, st, yr, seq, g, category, channel, petition, repeat_of, acc, 'supervisor-' || st,
                       CASE WHEN closed THEN 'CLOSED' ELSE 'OPEN' END,
                       CASE WHEN closed THEN 'CLOSED' ELSE open_stage END,
                       coalesce(due2, due1),
                       CASE WHEN extended THEN coalesce(due2, due1) + interval '30 days' END,
                       CASE WHEN closed THEN reason END,
                       close_at,
                       CASE WHEN closed THEN 'supervisor-' || st END,
                       CASE WHEN closed THEN (close_at AT TIME ZONE 'Asia/Shanghai')::date
                                             - (acc AT TIME ZONE 'Asia/Shanghai')::date END,
                       'mediator-' || now_st, risk,
                       CASE WHEN twice THEN 1 ELSE 0 END,
                       CASE WHEN closed AND reason = 'WITHDRAWN' THEN close_at END,
                       3
                FROM gen ORDER BY g
                """});
        steps.add(new String[] {"rounds", """
                INSERT INTO handling_round (id, case_id, round_no, started_at, start_reason, due_at, extended_due_at,
                    ended_at, recorded_at, recorded_by, version)
                SELECT 2 * g, g, 1, acc, 'ACCEPTED', due1, CASE WHEN extended AND NOT twice THEN due1 + interval '30 days' END,
                       coalesce(first_close, close_at), acc, 'supervisor-' || st, 1
                FROM gen
                UNION ALL
                SELECT 2 * g + 1, g, 2, reopen_at, 'REOPENED_AFTER_FOLLOW_UP', due2,
                       CASE WHEN extended THEN due2 + interval '30 days' END, close_at, reopen_at, 'supervisor-' || st, 1
                FROM gen WHERE twice
                """});
        // closures approved (the final one, and the reopened cases' first), some sent back first; a withdrawal
        // closes a case without a closure request
        steps.add(new String[] {"closures", """
                INSERT INTO closure_request (id, round_id, case_id, accepted_station_id, reason, requested_at, requested_by,
                    decision, approved_round_id, decided_at, decided_by, recorded_at, version)
                SELECT 4 * g, round_id, g, st, reason, close_at - interval '1 day' * (d * 0.05), 'mediator-' || now_st,
                       'APPROVED', round_id, close_at, 'supervisor-' || st, close_at, 1
                FROM gen WHERE closed AND reason <> 'WITHDRAWN'
                UNION ALL
                SELECT 4 * g + 1, round_id, g, st, reason, acc + interval '1 day' * (d * 0.55), 'mediator-' || now_st,
                       'SENT_BACK', NULL, acc + interval '1 day' * (d * 0.6), 'supervisor-' || st,
                       acc + interval '1 day' * (d * 0.6), 1
                FROM gen WHERE closed AND g % 12 = 5
                UNION ALL
                SELECT 4 * g + 2, 2 * g, g, st, 'EXPLAINED', first_close - interval '1 hour', 'mediator-' || now_st,
                       'APPROVED', 2 * g, first_close, 'supervisor-' || st, first_close, 1
                FROM gen WHERE twice
                """});
        // follow-up visits of the categories that have one, due 30 days after the closure; mostly made about a month
        // after it (some not, some not yet); a reopened case's first visit was cancelled by the reopening
        steps.add(new String[] {"follow-ups", """
                INSERT INTO follow_up_visit (id, case_id, round_id, accepted_station_id, closed_on, due_on, visited_at,
                    result, problem_back, visited_by, recorded_at, cancelled_at, version)
                SELECT 2 * g, g, round_id, st, closed_on, closed_on + 30, CASE WHEN made THEN visit_at END,
                       CASE WHEN made THEN result END, CASE WHEN made THEN FALSE END,
                       CASE WHEN made THEN 'mediator-' || now_st END, CASE WHEN made THEN visit_at END, NULL, 1
                FROM (SELECT gen.*, (close_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_on,
                             close_at + interval '1 day' * (28 + 10 * random()) AS visit_at, %FOLLOW_UP_RESULT% AS result
                      FROM gen WHERE closed AND category IN (%FOLLOWED_UP%) AND reason <> 'WITHDRAWN') v
                CROSS JOIN LATERAL (SELECT g % 9 <> 0 AND visit_at <= timestamptz '%END%' AS made) m
                UNION ALL
                SELECT 2 * g + 1, g, 2 * g, st, (first_close AT TIME ZONE 'Asia/Shanghai')::date,
                       (first_close AT TIME ZONE 'Asia/Shanghai')::date + 30, NULL, NULL, NULL, NULL, NULL, reopen_at, 1
                FROM gen WHERE twice AND category IN (%FOLLOWED_UP%)
                """.replace("%FOLLOW_UP_RESULT%", FOLLOW_UP_RESULT).replace("%FOLLOWED_UP%", FOLLOWED_UP)
                .replace("%END%", DATA_END)});
        // mediation sessions: one to three, the last ending the mediation as the closure says
        steps.add(new String[] {"mediations", """
                INSERT INTO mediation_session (id, case_id, accepted_station_id, round_no, session_no, held_at, mediator,
                    attendees, outcome, recorded_at, recorded_by)
                SELECT g * 20 + j, g, st, 1, j, held_at, 'mediator-' || now_st, 'benchmark: both parties',
                       CASE WHEN j < k OR NOT closed THEN 'CONTINUE'
                            WHEN reason = 'MEDIATED_WRITTEN' THEN 'WRITTEN_AGREEMENT'
                            WHEN reason = 'MEDIATED_ORAL' THEN 'ORAL_AGREEMENT'
                            WHEN g % 3 = 0 THEN 'REFUSED' ELSE 'TERMINATED' END,
                       held_at, 'mediator-' || now_st
                FROM (SELECT gen.*, 1 + g % 3 AS k FROM gen
                      WHERE (closed AND reason IN ('MEDIATED_WRITTEN', 'MEDIATED_ORAL', 'MEDIATION_FAILED_ADVISED'))
                         OR (NOT closed AND g % 6 = 0)) m
                CROSS JOIN LATERAL generate_series(1, k) j
                CROSS JOIN LATERAL (SELECT acc + interval '1 day' * (d * j / (k + 1.0)) AS held_at) h
                WHERE held_at <= timestamptz '%END%'
                """.replace("%END%", DATA_END)});
        // risk assessments, and after a HIGH one mostly a safety plan or an urgent police/shelter referral, some a
        // protection-order application, not always within 24 h
        steps.add(new String[] {"risk", """
                INSERT INTO risk_assessment (id, case_id, accepted_station_id, instrument_id, score, level, assessed_at,
                    assessed_by, recorded_at)
                SELECT g, g, st, 'benchmark', CASE risk WHEN 'HIGH' THEN 14 WHEN 'MEDIUM' THEN 8 ELSE 2 END, risk,
                       acc + interval '1 hour' * assess_h, 'mediator-' || now_st, acc + interval '1 hour' * assess_h
                FROM gen WHERE risk IS NOT NULL AND acc + interval '1 hour' * assess_h <= timestamptz '%END%'
                """.replace("%END%", DATA_END)});
        String urgent = "acc + interval '1 hour' * (assess_h + 0.5 + 47.5 * power(random(), 1.5))";
        steps.add(new String[] {"safety plans", """
                INSERT INTO safety_plan (id, case_id, plan, made_at, made_by, recorded_at)
                SELECT g, g, 'benchmark safety plan', at, 'mediator-' || now_st, at
                FROM (SELECT gen.*, %URGENT% AS at FROM gen WHERE risk = 'HIGH' AND g % 7 <> 0 AND g % 5 < 3) u
                WHERE at <= timestamptz '%END%'
                """.replace("%URGENT%", urgent).replace("%END%", DATA_END)});
        steps.add(new String[] {"referrals", """
                INSERT INTO referral (id, case_id, case_number, referral_no, agency_code, urgent, consent_recorded_at,
                    sent_at, sent_by, answer_due_at, status, answered_at, done_at, recorded_at, version)
                SELECT 2 * g, g, number, 1,
                       CASE WHEN g % 2 = 0 THEN 'PS-' || lpad((1 + st % 20)::text, 2, '0') ELSE 'SH-' || (st % 5) END,
                       TRUE, at, at, 'mediator-' || now_st, at + interval '1 day', 'DONE', at + interval '3 hours',
                       at + interval '2 days', at, 1
                FROM (SELECT gen.*, %URGENT% AS at FROM gen WHERE risk = 'HIGH' AND g % 7 <> 0 AND g % 5 >= 3) u
                WHERE at <= timestamptz '%END%'
                UNION ALL
                -- the referrals a closure as REFERRAL_COMPLETED or IN_LITIGATION went through (legal aid, a court)
                SELECT 2 * g + 1, g, number, 2, CASE WHEN reason = 'IN_LITIGATION' THEN 'CT-' || (st % 3) ELSE 'LA-0' END,
                       FALSE, at, at, 'mediator-' || now_st, at + interval '7 days', 'DONE', at + interval '2 days',
                       close_at, at, 1
                FROM (SELECT gen.*, acc + interval '1 day' * (d * 0.4) AS at FROM gen
                      WHERE closed AND reason IN ('REFERRAL_COMPLETED', 'IN_LITIGATION')) r
                """.replace("%URGENT%", urgent).replace("%END%", DATA_END)});
        steps.add(new String[] {"protection orders", """
                INSERT INTO protection_order (id, case_id, status, offered_at, applied_at, urgent, ruling_due_at,
                    recorded_at, recorded_by, version)
                SELECT g, g, 'APPLIED', at, at, TRUE, at + interval '24 hours', at, 'mediator-' || now_st, 1
                FROM (SELECT gen.*, acc + interval '1 hour' * (assess_h + 1 + 40 * random()) AS at FROM gen
                      WHERE risk = 'HIGH' AND g % 4 = 1) o
                WHERE at <= timestamptz '%END%'
                """.replace("%END%", DATA_END)});
        return steps;
    }

    // ---------------------------------------------------------------- the measurements

    record Stats(int runs, double median, double min, double p90, double max) {
        static Stats of(List<Double> ms) {
            double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            double p90 = v[(int) Math.ceil(0.9 * n) - 1];
            return new Stats(n, median, v[0], p90, v[n - 1]);
        }
    }

    interface Operation {
        void run() throws Exception;
    }

    static Instant beijing(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(BEIJING).toInstant();
    }

    Map<String, Stats> measure(Timed timed, long n, boolean last) throws Exception {
        IndicatorQueries queries = new IndicatorQueries(timed);
        Instant cutoff = beijing(2026, 3, 31);
        IndicatorQueries.Scope countyYear = new IndicatorQueries.Scope("/1/", beijing(YEAR, 1, 1),
                beijing(YEAR + 1, 1, 1), cutoff);
        String villagePath = single(timed.connection, "SELECT path FROM station WHERE id = " + VILLAGE);
        IndicatorQueries.Scope villageMonth = new IndicatorQueries.Scope(villagePath, beijing(YEAR, 6, 1),
                beijing(YEAR, 7, 1), cutoff, false);
        List<String> subDistricts = new ArrayList<>();
        try (Statement s = timed.connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT path FROM station WHERE parent_id = 1 ORDER BY id")) {
            while (rs.next()) {
                subDistricts.add(rs.getString(1));
            }
        }

        IndicatorQueries.Counts county = queries.counts(countyYear);
        IndicatorQueries.Counts village = queries.counts(villageMonth);
        line(String.format(Locale.ROOT, "   county %d: received %,d, accepted %,d, closed %,d, cohort closure %s, on time %s,"
                        + " resolution %s, overdue %,d, days to close median %s, mediation success %s, follow-ups %s,"
                        + " reopen %s, repeat %s, high-risk timely %s", YEAR, county.received(), county.accepted(),
                county.closed(), rate(county.cohortClosureRate()), rate(county.onTimeRate()),
                rate(county.resolutionRate()), county.overdue(), county.medianDaysToClose(),
                rate(county.mediationSuccessRate()), rate(county.followUpRate()), rate(county.reopenRate()),
                rate(county.repeatVisitRate()), rate(county.highRiskTimeliness())));
        line(String.format(Locale.ROOT, "   village %s (%s), June %d: received %,d, accepted %,d, closed %,d", VILLAGE,
                villagePath, YEAR, village.received(), village.accepted(), village.closed()));
        IndicatorQueries.ReportRows page = queries.report(countyYear, subDistricts);
        line(String.format(Locale.ROOT, "   county page %d: accepted %,d at the county alone + %,d in the sub-districts = %,d"
                        + " (total row %,d; the same as the county report: %s)", YEAR, page.station().accepted(),
                page.children().stream().mapToLong(IndicatorQueries.Counts::accepted).sum(),
                page.station().accepted() + page.children().stream().mapToLong(IndicatorQueries.Counts::accepted).sum(),
                page.total().accepted(), page.total().equals(county)));

        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put(YARDSTICK, () -> single(timed.connection, "SELECT count(*) FROM generate_series(1, 1000000)"));
        String countyOp = "county subtree /1/, year " + YEAR + ": counts + groups (category, channel, month)";
        ops.put(countyOp, () -> {
            queries.counts(countyYear);
            queries.groups(countyYear);
        });
        ops.put("one village " + villagePath + ", month " + YEAR + "-06: counts (station alone)",
                () -> queries.counts(villageMonth));
        String drillOp = "drill-down page: cases(CLOSED, county year, 0, 50)";
        ops.put(drillOp, () -> queries.cases(Indicator.CLOSED, countyYear, 0, 50));
        String pageOp = "county page as ReportService builds it: report(county alone, 20 sub-districts, total, groups)";
        if (fullPage) {
            ops.put(pageOp, () -> queries.report(countyYear, subDistricts));
        }
        // a year not ended: its last month up to the cut-off is counted from the rows, the months before from the
        // counters
        IndicatorQueries.Scope yearSoFar = new IndicatorQueries.Scope("/1/", beijing(YEAR + 1, 1, 1),
                beijing(YEAR + 2, 1, 1), Instant.parse("2026-03-20T05:00:00Z"));
        ops.put("county page, year " + (YEAR + 1) + " to a cut-off in its third month (2026-03-20 13:00)",
                () -> queries.report(yearSoFar, subDistricts));
        // the same figures computed from the rows alone, as before the counters (V90): the comparison in the same run
        IndicatorQueries computed = IndicatorQueries.computedOnly(timed);
        ops.put(countyOp + " [computed from the rows, no counters]", () -> {
            computed.counts(countyYear);
            computed.groups(countyYear);
        });
        if (fullPage) {
            ops.put(pageOp + " [computed from the rows, no counters]", () -> computed.report(countyYear, subDistricts));
        }
        line("   counters = computed from the rows: county year " + computed.counts(countyYear).equals(county)
                + ", village month " + computed.counts(villageMonth).equals(village) + ", county page "
                + computed.report(countyYear, subDistricts).equals(page) + ", year to a cut-off in March "
                + computed.report(yearSoFar, subDistricts).equals(queries.report(yearSoFar, subDistricts)));

        line("   load average before measuring: " + loadAverage());
        Map<String, Stats> results = new LinkedHashMap<>();
        Map<String, List<Double>> inOrder = new LinkedHashMap<>();
        Map<String, Timed.Breakdown> breakdowns = new LinkedHashMap<>();
        for (Map.Entry<String, Operation> op : ops.entrySet()) {
            for (int i = 0; i < warmup; i++) {
                op.getValue().run();
            }
            List<Double> times = new ArrayList<>();
            Timed.Breakdown breakdown = new Timed.Breakdown();
            for (int i = 0; i < runs; i++) {
                timed.recordInto(breakdown);
                long t = System.nanoTime();
                op.getValue().run();
                times.add((System.nanoTime() - t) / 1e6);
                timed.recordInto(null);
                breakdown.endRun();
            }
            results.put(op.getKey(), Stats.of(times));
            inOrder.put(op.getKey(), times);
            breakdowns.put(op.getKey(), breakdown);
        }

        line("   load average after measuring: " + loadAverage());
        double yardstick = results.get(YARDSTICK).median();
        line(String.format(Locale.ROOT, "%-92s %10s %5s %10s %9s %9s %9s %12s", "operation", "N cases", "runs",
                "median ms", "min", "p90", "max", "x yardstick"));
        results.forEach((op, s) -> line(String.format(Locale.ROOT, "%-92s %,10d %5d %10.1f %9.1f %9.1f %9.1f %12.2f", op,
                n, s.runs(), s.median(), s.min(), s.p90(), s.max(), s.median() / yardstick)));
        line("   the runs in order (ms), warm-up excluded:");
        inOrder.forEach((op, times) -> line("   " + op.substring(0, Math.min(40, op.length())) + ": " + String.join(", ",
                times.stream().map(t -> String.format(Locale.ROOT, "%.1f", t)).toList())));
        line("");
        List<Map.Entry<String, Timed.StatementTimes>> slowest = statements("the county year report", n,
                breakdowns.get(countyOp));
        if (fullPage) {
            statements("the county page", n, breakdowns.get(pageOp));
        }
        if (last) {
            explain(timed.connection, "slowest statement of the county year report", slowest.get(0));
            explain(timed.connection, "the drill-down page", breakdowns.get(drillOp).slowestFirst().get(0));
        }
        flush();
        return results;
    }

    /**
     * What the counter triggers add to the writes that change what a report counts, at the database: closing a case
     * (the closure request approved, the UPDATE of case_file as EclipseLink writes it, and the follow-up visit the
     * closure schedules), and accepting a contact (register: INSERT contact; decide:
     * UPDATE contact; open the case: INSERT case_file), each with its commit (the triggers are deferred to it). Each
     * is timed with the triggers on and off, in alternating blocks on one kept connection, and undone afterwards (not
     * timed), so the data stay as they were.
     */
    void writePaths(Connection c, long n) throws SQLException {
        int perBlock = 100;
        int blocks = Math.max(2, Integer.getInteger("weiquan.benchmark.writeBlocks", 10));
        List<Long> open = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM case_file WHERE closed_at IS NULL ORDER BY id LIMIT "
                     + perBlock)) {
            while (rs.next()) {
                open.add(rs.getLong(1));
            }
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        String[] ops = {"close a case (UPDATE closure_request: approved; UPDATE case_file: closed; INSERT"
                + " follow_up_visit)", "accept a contact"
                + " (INSERT contact, UPDATE contact, INSERT case_file)"};
        // each of the open cases gets a closure request waiting for the supervisor (not timed; removed at the end)
        long requests = 40 * n;
        try (PreparedStatement request = c.prepareStatement("INSERT INTO closure_request (id, round_id, case_id,"
                + " accepted_station_id, reason, requested_at, requested_by, recorded_at) SELECT ? + k.id,"
                + " (SELECT MAX(h.id) FROM handling_round h WHERE h.case_id = k.id), k.id, k.accepted_station_id,"
                + " 'MEDIATED_WRITTEN', k.accepted_at, 'bench', k.accepted_at FROM case_file k WHERE k.id = ?")) {
            for (long id : open) {
                request.setLong(1, requests);
                request.setLong(2, id);
                request.executeUpdate();
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement close = c.prepareStatement("UPDATE case_file SET status = 'CLOSED', stage = 'CLOSED',"
                + " closed_at = ?, closed_by = 'bench', closure_reason = 'MEDIATED_WRITTEN', days_to_close = ?,"
                + " version = version + 1 WHERE id = ?");
             PreparedStatement visit = c.prepareStatement("INSERT INTO follow_up_visit (id, case_id, round_id,"
                     + " accepted_station_id, closed_on, due_on) SELECT ?, k.id, (SELECT MAX(h.id) FROM handling_round h"
                     + " WHERE h.case_id = k.id), k.accepted_station_id, ?, ? FROM case_file k WHERE k.id = ?");
             PreparedStatement undoVisit = c.prepareStatement("DELETE FROM follow_up_visit WHERE id = ?");
             PreparedStatement register = c.prepareStatement("INSERT INTO contact (id, station_id, channel, received_at,"
                     + " summary, status, registered_at, registered_by, version, primary_category, petition_type)"
                     + " VALUES (?, ?, 'VISIT', ?, 'bench', 'UNDER_REVIEW', ?, 'bench', 1, 'MARRIAGE_DISPUTE', 'CLAIM')");
             PreparedStatement decide = c.prepareStatement("UPDATE contact SET status = 'ACCEPTED', decision = 'ACCEPTED',"
                     + " decided_at = ?, decided_by = 'bench', version = version + 1 WHERE id = ?");
             PreparedStatement accept = c.prepareStatement("INSERT INTO case_file (id, number, station_id,"
                     + " accepted_station_id, number_year, number_seq, contact_id, primary_category, channel,"
                     + " petition_type, accepted_at, accepted_by, status, stage, handling_due, reopen_count, version)"
                     + " VALUES (?, ?, ?, ?, 2026, ?, ?, 'MARRIAGE_DISPUTE', 'VISIT', 'CLAIM', ?, 'bench', 'OPEN',"
                     + " 'HANDLING', ?, 0, 1)");
             PreparedStatement undoClose = c.prepareStatement("UPDATE case_file SET status = 'OPEN', stage = 'HANDLING',"
                     + " closed_at = NULL, closed_by = NULL, closure_reason = NULL, days_to_close = NULL WHERE id = ?");
             PreparedStatement approve = c.prepareStatement("UPDATE closure_request SET decision = 'APPROVED',"
                     + " decided_at = ?, decided_by = 'bench', version = version + 1 WHERE id = ?");
             PreparedStatement undoApprove = c.prepareStatement("UPDATE closure_request SET decision = NULL,"
                     + " decided_at = NULL, decided_by = NULL WHERE id = ?");
             PreparedStatement undoCase = c.prepareStatement("DELETE FROM case_file WHERE id = ?");
             PreparedStatement undoContact = c.prepareStatement("DELETE FROM contact WHERE id = ?");
             Statement ddl = c.createStatement()) {
            for (int block = -1; block < blocks; block++) {
                boolean on = block % 2 == 0 || block < 0;
                for (String table : COUNTED_TABLES) {
                    ddl.execute("ALTER TABLE " + table + (on ? " ENABLE" : " DISABLE") + " TRIGGER USER");
                }
                c.commit();
                for (int i = 0; i < perBlock; i++) {
                    Instant now = beijing(2026, 3, 20).plusSeconds(60L * i);
                    long t = System.nanoTime();
                    approve.setTimestamp(1, java.sql.Timestamp.from(now));
                    approve.setLong(2, requests + open.get(i % open.size()));
                    approve.executeUpdate();
                    close.setTimestamp(1, java.sql.Timestamp.from(now));
                    close.setBigDecimal(2, java.math.BigDecimal.valueOf(30));
                    close.setLong(3, open.get(i % open.size()));
                    close.executeUpdate();
                    visit.setLong(1, requests + open.get(i % open.size()));
                    visit.setObject(2, LocalDate.of(2026, 3, 20));
                    visit.setObject(3, LocalDate.of(2026, 4, 3));
                    visit.setLong(4, open.get(i % open.size()));
                    visit.executeUpdate();
                    c.commit();
                    double closing = (System.nanoTime() - t) / 1e6;
                    long id = 10 * n + 1000L * (block + 1) + i + 1;
                    long station = 22 + i % 279;
                    t = System.nanoTime();
                    register.setLong(1, id);
                    register.setLong(2, station);
                    register.setTimestamp(3, java.sql.Timestamp.from(now));
                    register.setTimestamp(4, java.sql.Timestamp.from(now));
                    register.executeUpdate();
                    decide.setTimestamp(1, java.sql.Timestamp.from(now.plusSeconds(30)));
                    decide.setLong(2, id);
                    decide.executeUpdate();
                    accept.setLong(1, id);
                    accept.setString(2, "BENCH-" + id);
                    accept.setLong(3, station);
                    accept.setLong(4, station);
                    accept.setLong(5, 900000 + i);
                    accept.setLong(6, id);
                    accept.setTimestamp(7, java.sql.Timestamp.from(now.plusSeconds(30)));
                    accept.setTimestamp(8, java.sql.Timestamp.from(now.plus(java.time.Duration.ofDays(61))));
                    accept.executeUpdate();
                    c.commit();
                    double accepting = (System.nanoTime() - t) / 1e6;
                    // as they were (through the triggers as they are, so the counters stay right)
                    undoVisit.setLong(1, requests + open.get(i % open.size()));
                    undoVisit.executeUpdate();
                    undoClose.setLong(1, open.get(i % open.size()));
                    undoClose.executeUpdate();
                    undoApprove.setLong(1, requests + open.get(i % open.size()));
                    undoApprove.executeUpdate();
                    undoCase.setLong(1, id);
                    undoCase.executeUpdate();
                    undoContact.setLong(1, id);
                    undoContact.executeUpdate();
                    c.commit();
                    if (block >= 0) {
                        String with = on ? " [counter triggers on]" : " [counter triggers off]";
                        times.computeIfAbsent(ops[0] + with, x -> new ArrayList<>()).add(closing);
                        times.computeIfAbsent(ops[1] + with, x -> new ArrayList<>()).add(accepting);
                    }
                }
            }
            for (String table : COUNTED_TABLES) {
                ddl.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            }
            ddl.execute("DELETE FROM closure_request WHERE id > " + requests);
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        line(String.format(Locale.ROOT, "   write paths at N = %,d (ms per operation at the database, statements and"
                + " commit, undone after; %d blocks of %d alternating triggers on/off; load average %s):", n, blocks, perBlock,
                loadAverage()));
        line(String.format(Locale.ROOT, "   %-100s %9s %9s %9s %9s", "operation", "median", "min", "p90", "max"));
        new TreeMap<>(times).forEach((op, ms) -> {
            Stats st = Stats.of(ms);
            line(String.format(Locale.ROOT, "   %-100s %9.3f %9.3f %9.3f %9.3f", op, st.median(), st.min(), st.p90(),
                    st.max()));
        });
        line("");
        flush();
    }

    /** Prints an operation's statements, slowest first (the 10 slowest), and returns them all in that order. */
    List<Map.Entry<String, Timed.StatementTimes>> statements(String what, long n, Timed.Breakdown breakdown) {
        line(String.format(Locale.ROOT, "   statements of %s at N = %,d (median ms per run, summed over the statement's"
                + " executions in one run; the 10 slowest of %d):", what, n, breakdown.bySql.size()));
        List<Map.Entry<String, Timed.StatementTimes>> slowest = breakdown.slowestFirst();
        for (Map.Entry<String, Timed.StatementTimes> e : slowest.subList(0, Math.min(10, slowest.size()))) {
            line(String.format(Locale.ROOT, "   %9.1f ms (max %8.1f)  x%d  %s", e.getValue().median(), e.getValue().max(),
                    e.getValue().callsPerRun, abbreviate(e.getKey())));
        }
        line("");
        return slowest;
    }

    static String rate(org.weiquan.reporting.Rate r) {
        return r.numerator() + "/" + r.denominator() + (r.percent() == null ? "" : " = " + r.percent() + " %");
    }

    /** A statement shortened for the table: its filtered counts and quoted lists folded, at most 230 characters. */
    static String abbreviate(String sql) {
        int filtered = sql.split("FILTER \\(WHERE", -1).length - 1;
        String s = sql.replaceAll("'[A-Za-z_]+'(,\\s*'[A-Za-z_]+')+", "(...)");
        if (filtered > 2 && s.startsWith("SELECT ") && s.contains(" FROM ")) {
            s = s.substring(0, s.indexOf(',') + 1) + " <" + filtered + " counts FILTER (WHERE ...)>" + s.substring(
                    s.indexOf(" FROM "));
        }
        return s.length() > 230 ? s.substring(0, 227) + "..." : s;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of a statement twice: with its parameter values (the custom plan, as a fresh
     * connection or {@code prepareThreshold=0} gets it), and as the generic plan that PostgreSQL may switch to once
     * the driver has prepared the statement on a kept connection (after 5 executions) - what a pooled connection
     * then runs.
     */
    void explain(Connection c, String what, Map.Entry<String, Timed.StatementTimes> statement) throws SQLException {
        line("== EXPLAIN (ANALYZE, BUFFERS) of " + what + " (median " + String.format(Locale.ROOT, "%.1f ms, max %.1f ms",
                statement.getValue().median(), statement.getValue().max()) + " in the runs) ==");
        line(statement.getKey());
        List<Object> p = statement.getValue().lastParameters;
        line("parameters: " + p);
        line("-- custom plan (with the values):");
        try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.getKey())) {
            for (int i = 0; i < p.size(); i++) {
                s.setObject(i + 1, p.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    line(rs.getString(1));
                }
            }
        }
        line("-- generic plan (plan_cache_mode = force_generic_plan; PREPARE + EXPLAIN EXECUTE):");
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : statement.getKey().toCharArray()) {
            numbered.append(ch == '?' ? "$" + (++n) : String.valueOf(ch));
        }
        List<String> literals = new ArrayList<>();
        for (Object v : p) {
            literals.add(v instanceof java.sql.Timestamp t ? "'" + t.toInstant() + "'"
                    : v instanceof Number ? v.toString() : "'" + String.valueOf(v).replace("'", "''") + "'");
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE bench_generic AS " + numbered);
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_generic("
                    + String.join(", ", literals) + ")")) {
                while (rs.next()) {
                    line(rs.getString(1));
                }
            } finally {
                s.execute("DEALLOCATE bench_generic");
                s.execute("RESET plan_cache_mode");
            }
        }
        line("");
    }

    void printSummary(Map<String, Map<Long, Stats>> summary, long[] sizes) {
        line("== Summary: median ms (min-max) and the median's ratio to the yardstick's, per size; growth against the"
                + " first size ==");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-92s", "operation"));
        for (long n : sizes) {
            head.append(String.format(Locale.ROOT, " %34s", String.format(Locale.ROOT, "N=%,d", n)));
        }
        head.append("   growth (time / cases)");
        line(head.toString());
        summary.forEach((op, bySize) -> {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-92s", op));
            for (long n : sizes) {
                Stats s = bySize.get(n);
                double yardstick = summary.get(YARDSTICK).get(n).median();
                b.append(String.format(Locale.ROOT, " %34s", String.format(Locale.ROOT, "%.1f (%.1f-%.1f) x%.2f",
                        s.median(), s.min(), s.max(), s.median() / yardstick)));
            }
            if (sizes.length > 1) {
                Stats first = bySize.get(sizes[0]);
                Stats lastSize = bySize.get(sizes[sizes.length - 1]);
                b.append(String.format(Locale.ROOT, "   x%.1f / x%.0f", lastSize.median() / first.median(),
                        (double) sizes[sizes.length - 1] / sizes[0]));
            }
            line(b.toString());
        });
        flush();
    }

    // ---------------------------------------------------------------- plumbing

    void line(String s) {
        out.append(s).append('\n');
        System.out.println(s);
    }

    void flush() {
        System.out.flush();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A data source that hands out one kept connection (close does nothing, as with a pool) and times every
     * prepared statement's executeQuery, keeping its parameters, while a breakdown is being recorded.
     */
    static final class Timed implements DataSource {
        final Connection connection;
        private Breakdown recording;

        Timed(Connection connection) {
            this.connection = connection;
        }

        void recordInto(Breakdown breakdown) {
            this.recording = breakdown;
        }

        static final class StatementTimes {
            final List<Double> perRun = new ArrayList<>();
            double currentRun;
            int calls;
            int callsPerRun;
            List<Object> lastParameters = List.of();

            double median() {
                return perRun.isEmpty() ? 0 : Stats.of(perRun).median();
            }

            double max() {
                return perRun.isEmpty() ? 0 : Stats.of(perRun).max();
            }
        }

        static final class Breakdown {
            final Map<String, StatementTimes> bySql = new LinkedHashMap<>();

            void add(String sql, List<Object> params, double ms) {
                StatementTimes t = bySql.computeIfAbsent(sql, x -> new StatementTimes());
                t.currentRun += ms;
                t.calls++;
                t.lastParameters = params;
            }

            void endRun() {
                for (StatementTimes t : bySql.values()) {
                    t.perRun.add(t.currentRun);
                    t.callsPerRun = t.calls;
                    t.currentRun = 0;
                    t.calls = 0;
                }
            }

            List<Map.Entry<String, StatementTimes>> slowestFirst() {
                List<Map.Entry<String, StatementTimes>> all = new ArrayList<>(bySql.entrySet());
                all.sort(Comparator.comparingDouble((Map.Entry<String, StatementTimes> e) -> e.getValue().median())
                        .reversed());
                return all;
            }
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "close":
                                return null;
                            case "isClosed":
                                return false;
                            case "prepareStatement":
                                if (args.length == 1) {
                                    PreparedStatement real = connection.prepareStatement((String) args[0]);
                                    return statement(real, (String) args[0]);
                                }
                                return invoke(connection, method, args);
                            default:
                                return invoke(connection, method, args);
                        }
                    });
        }

        private PreparedStatement statement(PreparedStatement real, String sql) {
            Map<Integer, Object> params = new TreeMap<>();
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                    params.put(index, args[1]);
                } else if (name.equals("executeQuery") && (args == null || args.length == 0)) {
                    long t = System.nanoTime();
                    Object result = invoke(real, method, args);
                    Breakdown b = recording;
                    if (b != null) {
                        b.add(sql, new ArrayList<>(params.values()), (System.nanoTime() - t) / 1e6);
                    }
                    return result;
                }
                return invoke(real, method, args);
            };
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, handler);
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
