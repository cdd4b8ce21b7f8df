package org.weiquan.benchmark;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.workflow.InboxQuery;
import org.weiquan.workflow.engine.CamundaCaseWorkflow;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inbox's first page (issue 16: "inbox first page < 100 ms at 100 k open tasks"), before and after the inbox's
 * own table (V93/V94), on PostgreSQL, at growing numbers of open tasks. For each size it makes the application's
 * schema (Flyway, cleaned first) and the engine's tables (a standalone engine on the same database), generates the
 * open tasks as the engine holds them — one process instance per task with its {@code caseNumber} or
 * {@code contactId} and sometimes {@code riskLevel} variables, candidate groups {@code station:<code>:<role>}, a
 * holder for a third of them — with their contacts and cases over a 300-station tree, ANALYZEs, and then, in one
 * interleaved loop, times:
 * <ul>
 *     <li>before: the statements the inbox ran until V93 (count, page, candidate groups over the engine's task,
 *     variable and identity-link tables joined with case, contact and station; copied below from the old
 *     {@code InboxSql});</li>
 *     <li>after: {@link CamundaCaseWorkflow#inbox} itself, on {@code inbox_task} filled by the engine migration
 *     V94 (the back-fill, timed once, then ANALYZE);</li>
 *     <li>the yardstick: {@code SELECT count(*) FROM generate_series(1, 1000000)}, fixed work that says how fast the
 *     shared machine was at that moment.</li>
 * </ul>
 * for seven inboxes: the county supervisor's {@code scope=overseen} (every task, ~1,000 candidate groups), the
 * same by due date and by station descending, a sub-district supervisor's {@code scope=station} (unclaimed, her
 * subtree's supervisor groups) and the same by case number descending, a village mediator's {@code scope=station}
 * and her {@code scope=mine}. Page 1 of 20 rows, as the web page and the
 * API ask first. It prints one table per size (median, min, p90, max of the measured runs in ms, JDBC round trips
 * included; the median's ratio to the yardstick's) and the plans ({@code EXPLAIN ANALYZE}) of the county's page and
 * count after, at the largest size. Nothing is asserted: it is a measurement, run only with
 * {@code -Dweiquan.benchmark.inbox=true}:
 *
 * <pre>
 * psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE weiquan_bench_inbox OWNER weiquan'
 * mvn -o -B test -Dtest=InboxBenchmark -Dweiquan.benchmark.inbox=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Properties: {@code weiquan.benchmark.db.url} (default {@code jdbc:postgresql://127.0.0.1:5432/weiquan_bench_inbox}),
 * {@code weiquan.benchmark.db.user} / {@code .password} (weiquan/weiquan), {@code weiquan.benchmark.sizes} (default
 * 10000,100000), {@code weiquan.benchmark.runs} (at least 7, default 15), {@code weiquan.benchmark.warmup} (3).
 * The table is also written to {@code target/benchmark/inbox-<time>.txt}.
 */
@EnabledIfSystemProperty(named = "weiquan.benchmark.inbox", matches = "true")
class InboxBenchmark {

    static final String URL = System.getProperty("weiquan.benchmark.db.url",
            "jdbc:postgresql://127.0.0.1:5432/weiquan_bench_inbox");
    static final String USER = System.getProperty("weiquan.benchmark.db.user", "weiquan");
    static final String PASSWORD = System.getProperty("weiquan.benchmark.db.password", "weiquan");
    static final String YARDSTICK = "SELECT count(*) FROM generate_series(1, 1000000)";
    static final String[] ROLES = {"intake", "mediator", "supervisor"};

    final int runs = Math.max(7, Integer.getInteger("weiquan.benchmark.runs", 15));
    final int warmup = Math.max(0, Integer.getInteger("weiquan.benchmark.warmup", 3));
    final StringBuilder out = new StringBuilder();

    @Test
    void firstPageOfTheInboxBeforeAndAfterItsOwnTable() throws Exception {
        long[] sizes = Arrays.stream(System.getProperty("weiquan.benchmark.sizes", "10000,100000").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(URL);
        pg.setUser(USER);
        pg.setPassword(PASSWORD);
        line("== Inbox benchmark: first page (20 rows) before and after the inbox's own table ==");
        line("when:       " + Instant.now());
        line("machine:    " + Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage()
                + " at start (the cores are shared with other work)");
        try (Connection c = pg.getConnection()) {
            line("database:   " + single(c, "SELECT version()") + " at " + URL);
            line("settings:   shared_buffers=" + single(c, "SHOW shared_buffers") + ", work_mem="
                    + single(c, "SHOW work_mem") + ", jit=" + single(c, "SHOW jit") + ", plan_cache_mode="
                    + single(c, "SHOW plan_cache_mode"));
        }
        line("method:     per size: generate, VACUUM ANALYZE (as autovacuum would after a load); " + warmup + " warm-up and " + runs + " measured rounds, each"
                + " round running every operation once in turn (before, after, yardstick) on one kept connection;"
                + " wall-clock ms in the JVM, JDBC round trips included");
        line("");
        for (int i = 0; i < sizes.length; i++) {
            measure(pg, sizes[i], i == sizes.length - 1);
        }
        Path file = Path.of("target", "benchmark", "inbox-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.println("(also in " + file + ")");
    }

    // ---------------------------------------------------------------- one size

    private void measure(PGSimpleDataSource pg, long n, boolean explain) throws Exception {
        long started = System.nanoTime();
        DatabaseMigrations.configuration(pg, true).cleanDisabled(false).load().clean();
        DatabaseMigrations.configuration(pg, true).load().migrate();
        engineTables(pg);
        try (Connection c = pg.getConnection()) {
            generate(c, n);
        }
        double generated = (System.nanoTime() - started) / 1e9;

        try (Connection kept = pg.getConnection()) {
            kept.setAutoCommit(true);
            execute(kept, "VACUUM ANALYZE");
            long tasks = Long.parseLong(single(kept, "SELECT count(*) FROM ACT_RU_TASK"));
            long t0 = System.nanoTime();
            DatabaseMigrations.engineTables(pg).load().migrate();
            double backFill = (System.nanoTime() - t0) / 1e6;
            execute(kept, "VACUUM ANALYZE");
            long rows = Long.parseLong(single(kept, "SELECT count(*) FROM inbox_task"));

            DataSource one = keptOpen(kept);
            CamundaCaseWorkflow workflow = new CamundaCaseWorkflow();
            var field = CamundaCaseWorkflow.class.getDeclaredField("dataSource");
            field.setAccessible(true);
            field.set(workflow, one);

            Map<String, InboxQuery> inboxes = inboxes(kept);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<String, Long> totals = new LinkedHashMap<>();
            List<Runnable> order = new ArrayList<>();
            for (var inbox : inboxes.entrySet()) {
                String name = inbox.getKey();
                InboxQuery q = inbox.getValue();
                order.add(() -> time(times, name + " | before", () -> totals.put(name + " | before", before(kept, q))));
                order.add(() -> time(times, name + " | after", () -> totals.put(name + " | after", workflow.inbox(q).total())));
            }
            order.add(() -> time(times, "yardstick", () -> Long.parseLong(single(kept, YARDSTICK))));
            for (int round = 0; round < warmup + runs; round++) {
                for (Runnable r : order) {
                    r.run();
                }
                if (round == warmup - 1) {
                    times.clear();
                }
            }
            double yard = Stats.of(times.get("yardstick")).median();
            line(String.format(Locale.ROOT, "-- %,d open tasks (%,d inbox rows after the back-fill); generated in %.0f s;"
                    + " back-fill (V94) %.0f ms; load average %s after", tasks, rows, generated, backFill, loadAverage()));
            line(String.format(Locale.ROOT, "%-58s %9s %8s %8s %8s %8s %7s %9s", "first page of 20 (count + page + groups)",
                    "total", "median", "min", "p90", "max", "/yard", "after÷bef"));
            for (var e : times.entrySet()) {
                Stats s = Stats.of(e.getValue());
                String ratio = "";
                if (e.getKey().endsWith("| after")) {
                    Stats b = Stats.of(times.get(e.getKey().replace("| after", "| before")));
                    ratio = String.format(Locale.ROOT, "%.3f", s.median() / b.median());
                }
                Long total = totals.get(e.getKey());
                line(String.format(Locale.ROOT, "%-58s %9s %8.1f %8.1f %8.1f %8.1f %7.2f %9s", e.getKey(),
                        total == null ? "" : String.format(Locale.ROOT, "%,d", total), s.median(), s.min(), s.p90(),
                        s.max(), s.median() / yard, ratio));
                if (total != null && e.getKey().endsWith("| after")
                        && !total.equals(totals.get(e.getKey().replace("| after", "| before")))) {
                    line("   !! the totals differ before and after");
                }
            }
            line("");
            if (explain) {
                InboxQuery county = inboxes.values().iterator().next();
                explain(kept, "after: the county's page", pageSql(county), county);
                explain(kept, "after: the county's count", countSql(county), county);
            }
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void time(Map<String, List<Double>> times, String name, Work work) {
        long t = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
        times.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
    }

    /** The inboxes measured: the largest first (its plans are printed). */
    private Map<String, InboxQuery> inboxes(Connection c) throws SQLException {
        List<String> codes = list(c, "SELECT code FROM station ORDER BY id");
        List<String> everyGroup = codes.stream().flatMap(code -> Arrays.stream(ROLES).map(r -> "station:" + code + ":" + r))
                .toList();
        List<String> subdistrictSupervisors = list(c, "SELECT code FROM station WHERE path LIKE '/1/2/%' ORDER BY id")
                .stream().map(code -> "station:" + code + ":supervisor").toList();
        String village = single(c, "SELECT code FROM station WHERE id = 22");
        String villagePath = single(c, "SELECT path FROM station WHERE id = 22");
        Map<String, InboxQuery> inboxes = new LinkedHashMap<>();
        inboxes.put("county supervisor, overseen, by risk", new InboxQuery(null, everyGroup, false, "/1/", null,
                List.of(), InboxQuery.Order.RISK, false, 0, 20));
        inboxes.put("county supervisor, overseen, by due date", new InboxQuery(null, everyGroup, false, "/1/", null,
                List.of(), InboxQuery.Order.DUE, false, 0, 20));
        // the web table's columns, clicked twice: a descending order has an index of its own since V103
        inboxes.put("county supervisor, overseen, by station descending", new InboxQuery(null, everyGroup, false, "/1/",
                null, List.of(), InboxQuery.Order.STATION, true, 0, 20));
        inboxes.put("sub-district supervisor, station (unclaimed)", new InboxQuery(null, subdistrictSupervisors, true,
                "/1/2/", null, List.of(), InboxQuery.Order.RISK, false, 0, 20));
        inboxes.put("sub-district supervisor, station, by case descending", new InboxQuery(null, subdistrictSupervisors,
                true, "/1/2/", null, List.of(), InboxQuery.Order.CASE, true, 0, 20));
        inboxes.put("village mediator, station (unclaimed)", new InboxQuery(null,
                List.of("station:" + village + ":mediator"), true, villagePath, null, List.of(), InboxQuery.Order.RISK,
                false, 0, 20));
        inboxes.put("village mediator, mine", new InboxQuery("mediator-22", List.of(), false, villagePath, null,
                List.of(), InboxQuery.Order.RISK, false, 0, 20));
        return inboxes;
    }

    // ---------------------------------------------------------------- the data

    /** The engine's tables, as the application's engine makes them on start (no model is needed to hold tasks). */
    private static void engineTables(DataSource pg) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(pg);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.setProcessEngineName("inbox-benchmark-" + System.nanoTime());
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.close();
    }

    /**
     * A 300-station tree (a county, 20 sub-districts, 279 villages and communities); {@code n} open tasks, one per
     * process instance: four in five of an accepted case (a third held by the station's mediator, the rest offered to
     * the station's mediators or supervisor; risk HIGH 10 %, MEDIUM 20 %, LOW 30 %, none 40 %), one in five a
     * contact's review (offered to the station's intake and supervisor, a few with the engine's risk copy); due dates
     * over ±60 days, one in twenty without. Seeded, so every run makes the same data.
     */
    private static void generate(Connection c, long n) throws SQLException {
        c.setAutoCommit(true);
        execute(c, "SELECT setseed(0.16)");
        execute(c, """
                INSERT INTO station (id, code, name, level, parent_id, path, version)
                SELECT 1, 'QX', 'Benchmark county', 'COUNTY', NULL, '/1/', 1
                UNION ALL
                SELECT i, 'QX-' || lpad((i - 1)::text, 2, '0'), 'Sub-district ' || (i - 1), 'SUBDISTRICT', 1,
                       '/1/' || i || '/', 1
                FROM generate_series(2, 21) i
                UNION ALL
                SELECT i, 'QX-' || lpad((p - 1)::text, 2, '0') || lpad(k::text, 2, '0'), 'Village ' || i, 'VILLAGE', p,
                       '/1/' || p || '/' || i || '/', 1
                FROM (SELECT i, 2 + (i - 22) % 20 AS p, 1 + (i - 22) / 20 AS k FROM generate_series(22, 300) i) v
                """);
        execute(c, "CREATE TEMPORARY TABLE gen AS SELECT g, 22 + floor(random() * 279)::int AS st, random() < 0.8 AS is_case,"
                + " random() AS r, random() AS h, random() AS d, random() AS k"
                + " FROM generate_series(1, " + n + ") g");
        execute(c, """
                INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at, registered_by, version)
                SELECT g, st, 'VISIT', now() - interval '30 days', 'benchmark contact ' || g,
                       CASE WHEN is_case THEN 'ACCEPTED' ELSE 'UNDER_REVIEW' END, now() - interval '30 days', 'intake', 1
                FROM gen
                """);
        execute(c, """
                INSERT INTO case_file (id, number, station_id, accepted_station_id, number_year, number_seq, contact_id,
                    channel, accepted_at, accepted_by, status, stage, handling_due, risk_level, version)
                SELECT g, 'QX-B-' || g, st, st, 2026, g, g, 'VISIT', now() - interval '20 days', 'supervisor', 'OPEN',
                       'HANDLING', now() + interval '40 days',
                       CASE WHEN r < 0.1 THEN 'HIGH' WHEN r < 0.3 THEN 'MEDIUM' WHEN r < 0.6 THEN 'LOW' END, 1
                FROM gen WHERE is_case
                """);
        execute(c, """
                INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, BUSINESS_KEY_, IS_ACTIVE_, IS_CONCURRENT_,
                    IS_SCOPE_, IS_EVENT_SCOPE_, SUSPENSION_STATE_, SEQUENCE_COUNTER_)
                SELECT 'pi-' || g, 1, 'pi-' || g, CASE WHEN is_case THEN 'QX-B-' || g ELSE g::text END, true, false,
                       true, false, 1, 1
                FROM gen
                """);
        execute(c, """
                INSERT INTO ACT_RU_VARIABLE (ID_, REV_, TYPE_, NAME_, EXECUTION_ID_, PROC_INST_ID_, TEXT_, LONG_,
                    SEQUENCE_COUNTER_, IS_CONCURRENT_LOCAL_, VAR_SCOPE_)
                SELECT 'vc-' || g, 1, 'string', 'caseNumber', 'pi-' || g, 'pi-' || g, 'QX-B-' || g, NULL, 1, false, 'pi-' || g
                FROM gen WHERE is_case
                UNION ALL
                SELECT 'vk-' || g, 1, 'long', 'contactId', 'pi-' || g, 'pi-' || g, g::text, g, 1, false, 'pi-' || g FROM gen
                UNION ALL
                SELECT 'vs-' || g, 1, 'string', 'stationCode', 'pi-' || g, 'pi-' || g, 'x', NULL, 1, false, 'pi-' || g FROM gen
                UNION ALL
                SELECT 'vl-' || g, 1, 'string', 'riskLevel', 'pi-' || g, 'pi-' || g,
                       CASE WHEN r < 0.5 THEN 'HIGH' ELSE 'LOW' END, NULL, 1, false, 'pi-' || g
                FROM gen WHERE NOT is_case AND k < 0.05
                """);
        execute(c, """
                INSERT INTO ACT_RU_TASK (ID_, REV_, EXECUTION_ID_, PROC_INST_ID_, NAME_, TASK_DEF_KEY_, ASSIGNEE_,
                    PRIORITY_, CREATE_TIME_, DUE_DATE_, SUSPENSION_STATE_, TASK_STATE_)
                SELECT 't-' || g, 1, 'pi-' || g, 'pi-' || g,
                       CASE WHEN NOT is_case THEN '受理审查' WHEN h < 0.5 THEN '办理' ELSE '指派调解员' END,
                       CASE WHEN NOT is_case THEN 'Task_ReviewContact' WHEN h < 0.5 THEN 'Task_HandleCase'
                            ELSE 'Task_AssignMediator' END,
                       CASE WHEN is_case AND h < 0.33 THEN 'mediator-' || st END, 50,
                       localtimestamp - (g % 5000) * interval '1 minute',
                       CASE WHEN d < 0.05 THEN NULL ELSE localtimestamp + (d - 0.5) * interval '120 days' END, 1, 'Created'
                FROM gen
                """);
        execute(c, """
                INSERT INTO ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_, TYPE_, TASK_ID_)
                SELECT 'l1-' || g, 1, 'station:' || s.code || CASE WHEN NOT is_case THEN ':intake'
                       WHEN h < 0.5 THEN ':mediator' ELSE ':supervisor' END, 'candidate', 't-' || g
                FROM gen JOIN station s ON s.id = gen.st
                UNION ALL
                SELECT 'l2-' || g, 1, 'station:' || s.code || ':supervisor', 'candidate', 't-' || g
                FROM gen JOIN station s ON s.id = gen.st WHERE NOT is_case
                """);
        execute(c, "DROP TABLE gen");
    }

    // ---------------------------------------------------------------- before: the statements of the old InboxSql

    /** Count, page and candidate groups as the inbox ran them until V93; answers the count. */
    private static long before(Connection c, InboxQuery q) throws SQLException {
        Old sql = new Old(q);
        long total;
        try (PreparedStatement count = prepared(c, sql.count, sql.parameters); ResultSet rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
        }
        List<Object> ids = new ArrayList<>();
        if (total > q.offset()) {
            try (PreparedStatement page = prepared(c, sql.page, sql.parameters); ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    for (int i = 2; i <= 12; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
        if (!ids.isEmpty()) {
            try (PreparedStatement groups = prepared(c, "SELECT TASK_ID_, GROUP_ID_ FROM ACT_RU_IDENTITYLINK WHERE"
                    + " TYPE_ = 'candidate' AND GROUP_ID_ IS NOT NULL AND TASK_ID_ IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids);
                 ResultSet rs = groups.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        }
        return total;
    }

    /** The old InboxSql (before V93), unchanged. */
    static final class Old {
        private static final String FROM = " FROM ACT_RU_TASK t"
                + " JOIN ACT_RU_EXECUTION pi ON pi.ID_ = t.PROC_INST_ID_"
                + " LEFT JOIN ACT_RU_VARIABLE vc ON vc.EXECUTION_ID_ = t.PROC_INST_ID_ AND vc.NAME_ = 'caseNumber'"
                + " LEFT JOIN ACT_RU_VARIABLE vk ON vk.EXECUTION_ID_ = t.PROC_INST_ID_ AND vk.NAME_ = 'contactId'"
                + " LEFT JOIN case_file c ON c.number = vc.TEXT_"
                + " LEFT JOIN contact k ON vc.TEXT_ IS NULL AND k.id = vk.LONG_"
                + " JOIN station s ON s.id = COALESCE(c.station_id, k.station_id)";
        private static final String MORE_VARIABLES =
                " LEFT JOIN ACT_RU_VARIABLE vr ON vr.EXECUTION_ID_ = t.PROC_INST_ID_ AND vr.NAME_ = 'referralKey'"
                + " LEFT JOIN ACT_RU_VARIABLE vl ON vl.EXECUTION_ID_ = t.PROC_INST_ID_ AND vl.NAME_ = 'riskLevel'"
                + " LEFT JOIN ACT_RU_VARIABLE vo ON vo.EXECUTION_ID_ = t.PROC_INST_ID_ AND vo.NAME_ = 'overdue'";
        static final String RISK = "COALESCE(c.risk_level, vl.TEXT_)";
        private static final String RISK_RANK = "CASE " + RISK
                + " WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 ELSE 3 END";
        private static final String TIES = RISK_RANK + ", t.DUE_DATE_ ASC NULLS LAST, t.CREATE_TIME_, t.ID_";

        final String count;
        final String page;
        final List<Object> parameters;

        Old(InboxQuery q) {
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE s.path LIKE ?");
            params.add(q.scopePath() + "%");
            if (q.stationPath() != null && !q.stationPath().isBlank()) {
                where.append(" AND s.path LIKE ?");
                params.add(q.stationPath() + "%");
            }
            if (q.assignee() != null) {
                where.append(" AND t.ASSIGNEE_ = ?");
                params.add(q.assignee());
            }
            if (q.unassignedOnly()) {
                where.append(" AND t.ASSIGNEE_ IS NULL");
            }
            if (!q.candidateGroups().isEmpty()) {
                where.append(" AND EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK l WHERE l.TASK_ID_ = t.ID_")
                        .append(" AND l.TYPE_ = 'candidate' AND l.GROUP_ID_ IN (")
                        .append(String.join(", ", Collections.nCopies(q.candidateGroups().size(), "?"))).append("))");
                params.addAll(q.candidateGroups());
            }
            if (!q.taskKeys().isEmpty()) {
                where.append(" AND t.TASK_DEF_KEY_ IN (")
                        .append(String.join(", ", Collections.nCopies(q.taskKeys().size(), "?"))).append(")");
                params.addAll(q.taskKeys());
            }
            count = "SELECT COUNT(*)" + FROM + where;
            page = "SELECT t.ID_, t.TASK_DEF_KEY_, t.NAME_, t.ASSIGNEE_, t.CREATE_TIME_, t.DUE_DATE_, pi.BUSINESS_KEY_,"
                    + " vc.TEXT_, vk.LONG_, vr.TEXT_, " + RISK + ", vo.TEXT_"
                    + FROM + MORE_VARIABLES + where + " ORDER BY " + orderBy(q.order(), q.descending())
                    + " OFFSET " + q.offset() + " ROWS FETCH FIRST " + q.limit() + " ROWS ONLY";
            parameters = params;
        }

        static String orderBy(InboxQuery.Order order, boolean descending) {
            String direction = descending ? " DESC" : " ASC";
            return switch (order) {
                case RISK -> RISK_RANK + direction + ", t.DUE_DATE_ ASC NULLS LAST, t.CREATE_TIME_, t.ID_";
                case DUE -> "t.DUE_DATE_" + direction + " NULLS LAST, " + TIES;
                case CREATED -> "t.CREATE_TIME_" + direction + ", " + TIES;
                case CASE -> "vc.TEXT_" + direction + " NULLS LAST, " + TIES;
                case STATION -> "s.path" + direction + ", " + TIES;
            };
        }
    }

    // ---------------------------------------------------------------- after: plans

    /** The statements CamundaCaseWorkflow runs, for EXPLAIN (read through the same package-private class). */
    private static String pageSql(InboxQuery q) throws ReflectiveOperationException {
        return (String) field(newInboxSql(q), "page");
    }

    private static String countSql(InboxQuery q) throws ReflectiveOperationException {
        return (String) field(newInboxSql(q), "count");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> parameters(InboxQuery q) throws ReflectiveOperationException {
        return (List<Object>) field(newInboxSql(q), "parameters");
    }

    private static Object newInboxSql(InboxQuery q) throws ReflectiveOperationException {
        var constructor = Class.forName("org.weiquan.workflow.engine.InboxSql").getDeclaredConstructor(InboxQuery.class,
                boolean.class);
        constructor.setAccessible(true);
        return constructor.newInstance(q, true);
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        var f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private void explain(Connection c, String title, String sql, InboxQuery q) throws Exception {
        line("EXPLAIN (ANALYZE, BUFFERS) " + title + ":");
        try (PreparedStatement s = prepared(c, "EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters(q));
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String planLine = rs.getString(1);
                line("  " + (planLine.length() > 160 ? planLine.substring(0, 160) + "…" : planLine));
            }
        }
        line("");
    }

    // ---------------------------------------------------------------- plumbing

    /** One connection kept open behind a DataSource, as behind the container's pool. */
    private static DataSource keptOpen(Connection kept) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(InboxBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> "close".equals(m.getName()) ? null : m.invoke(kept, a));
        return (DataSource) Proxy.newProxyInstance(InboxBenchmark.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, a) -> {
                    if ("getConnection".equals(m.getName())) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static PreparedStatement prepared(Connection c, String sql, List<Object> parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof String[] values) {
                s.setArray(i + 1, c.createArrayOf("VARCHAR", values));
            } else {
                s.setObject(i + 1, parameters.get(i));
            }
        }
        return s;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> list(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private void line(String s) {
        System.out.println(s);
        out.append(s).append('\n');
    }

    record Stats(double median, double min, double p90, double max) {
        static Stats of(List<Double> ms) {
            double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(median, v[0], v[(int) Math.ceil(0.9 * n) - 1], v[n - 1]);
        }
    }
}
