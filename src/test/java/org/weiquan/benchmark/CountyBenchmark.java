package org.weiquan.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a supervisor does at a province's size (issue 16), on the million cases that {@link IndicatorBenchmark}
 * generates (it must have run first, on the same database; its 300 stations carry the demo's codes, so the demo's
 * county supervisor {@code xianfulian} is made at its county): for the county, a sub-district and a village, over
 * HTTP on a node started with {@code bin/weiquan-node} ({@code -Xmx512m}),
 * <ul>
 *   <li>a closure audit's draw from the cases closed in a year ({@code POST /api/audits}, 20 cases);</li>
 *   <li>the first page of the case list ({@code GET /api/cases?stationCode=…}), which counts the scope's cases;</li>
 *   <li>the same, of the cases past their deadline ({@code &deadline=OVERDUE}).</li>
 * </ul>
 * Each is asked one after the other, a warm-up and then {@code runs} times, so that the node's pooled connections
 * use the same statements more than five times (when PostgreSQL may plan them once for any value). The yardstick of
 * each row is the least the database must do for it, by plain JDBC with the scope written into the statement: the
 * ids of the closed cases; the count of the scope's cases; the count of its cases past their deadline. It prints a
 * table (median, min, max, the median's ratio to the yardstick's median, the answers by status), each request's time
 * in order, the node's VmRSS after the requests and whether its log shows an {@code OutOfMemoryError}. It asserts
 * nothing, and runs only with {@code -Dweiquan.benchmark.county=true}:
 *
 * <pre>
 * mvn -B -o test -Dtest=IndicatorBenchmark -Dweiquan.benchmark=true -Dweiquan.benchmark.sizes=1000000 -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -B -o test -Dtest=CountyBenchmark -Dweiquan.benchmark.county=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Properties ({@code weiquan.benchmark.NAME}): {@code db.url} (jdbc:postgresql://127.0.0.1:5432/weiquan_bench),
 * {@code db.user} / {@code db.password} (weiquan/weiquan), {@code runs} (12 measured requests per row, after one
 * warm-up), {@code size} (20 cases an audit), {@code year} (2025, the audit's), {@code war} (the WAR to run, default
 * target/weiquan.war: point it at an older build to measure before a change), {@code port} (18933), {@code javaOpts}
 * (-Xmx512m). A request gets 120 s to answer; one that does not is counted as such.
 */
@EnabledIfSystemProperty(named = "weiquan.benchmark.county", matches = "true")
class CountyBenchmark {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final String url = setting("db.url", "jdbc:postgresql://127.0.0.1:5432/weiquan_bench");
    private final String user = setting("db.user", "weiquan");
    private final String password = setting("db.password", "weiquan");
    private final int runs = Integer.parseInt(setting("runs", "12"));
    private final int size = Integer.parseInt(setting("size", "20"));
    private final int year = Integer.parseInt(setting("year", "2025"));
    private final int port = Integer.parseInt(setting("port", "18933"));
    private final Path project = Path.of(System.getProperty("user.dir"));
    private final Path war = Path.of(setting("war", project.resolve("target/weiquan.war").toString()));
    private final String javaOpts = setting("javaOpts", "-Xmx512m");

    /** The scopes: the county, a sub-district, a village of IndicatorBenchmark's tree. */
    private static final Map<String, String> SCOPES = new LinkedHashMap<>();

    static {
        SCOPES.put("QX", "county");
        SCOPES.put("QX-01", "sub-district");
        SCOPES.put("QX-0101", "village");
    }

    /** One row: a request over HTTP and its yardstick by JDBC (a statement whose rows are read, with the scope's path). */
    private record Row(String label, String code, boolean post, String target, String body, String yardstick) {
    }

    private final List<Row> rows = new ArrayList<>();
    private long seed = 20_261_206L;

    @Test
    void measure() throws Exception {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = from.plusYears(1);
        Map<String, String> paths = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM case_file")) {
                rs.next();
                if (rs.getLong(1) < 10_000) {
                    throw new IllegalStateException(url + " holds " + rs.getLong(1) + " cases: run IndicatorBenchmark first");
                }
            }
            for (String code : SCOPES.keySet()) {
                try (PreparedStatement q = c.prepareStatement("SELECT path FROM station WHERE code = ?")) {
                    q.setString(1, code);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        paths.put(code, rs.getString(1));
                    }
                }
            }
        }
        String now = "now()";
        for (String code : SCOPES.keySet()) {
            String scope = "s.path LIKE '" + paths.get(code) + "%'";
            String cases = "FROM case_file k JOIN station s ON s.id = k.station_id WHERE " + scope;
            rows.add(new Row("audit draw, " + year + "'s closed cases", code, true, "api/audits", null,
                    "SELECT k.id FROM case_file k JOIN station s ON s.id = k.accepted_station_id WHERE k.status = 'CLOSED'"
                            + " AND k.closed_at >= '" + from.atStartOfDay(BEIJING).toOffsetDateTime() + "' AND k.closed_at < '"
                            + to.atStartOfDay(BEIJING).toOffsetDateTime() + "' AND " + scope + " ORDER BY k.id"));
            rows.add(new Row("case list, first page", code, false, "api/cases?stationCode=" + code, null,
                    "SELECT count(*) " + cases));
            rows.add(new Row("case list past the deadline, first page", code, false,
                    "api/cases?deadline=OVERDUE&stationCode=" + code, null,
                    "SELECT count(*) " + cases + " AND k.status = 'OPEN' AND k.handling_due < " + now));
        }
        Map<Row, List<Double>> yardstick = new LinkedHashMap<>();
        Map<Row, Long> rowsRead = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            for (Row row : rows) {
                List<Double> times = new ArrayList<>();
                for (int i = 0; i <= runs; i++) {
                    long t0 = System.nanoTime();
                    long n = read(c, row.yardstick());
                    if (i > 0) {
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                    rowsRead.put(row, n);
                }
                yardstick.put(row, times);
            }
        }
        Path nodeDir = project.resolve("target/benchmark/county-node");
        Map<String, String> env = Map.of("WEIQUAN_DB_URL", url, "WEIQUAN_DB_USER", user, "WEIQUAN_DB_PASSWORD", password,
                "WEIQUAN_DEMO", "true", "WEIQUAN_DATA_DIR", nodeDir.resolve("data").toString(),
                "WEIQUAN_NODE_NAME", "county-bench", "WEIQUAN_WAR", war.toString());
        Map<Row, List<Double>> measured = new LinkedHashMap<>();
        Map<Row, Map<String, Integer>> answers = new LinkedHashMap<>();
        long rss;
        Path log;
        try (WeiquanServer server = WeiquanServer.start(project, nodeDir, port, javaOpts, env, Duration.ofMinutes(15))) {
            HttpUser supervisor = HttpUser.login(server.base, "xianfulian", "weiquan-demo-2026");
            for (Row row : rows) {
                List<Double> times = new ArrayList<>();
                Map<String, Integer> statuses = new TreeMap<>();
                for (int i = 0; i <= runs; i++) {
                    long t0 = System.nanoTime();
                    String status;
                    try {
                        status = String.valueOf((row.post() ? supervisor.post(row.target(), audit(row.code(), from, to))
                                : supervisor.get(row.target())).status());
                    } catch (HttpTimeoutException e) {
                        status = "no answer in 120 s";
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i > 0) {
                        times.add(ms);
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
                measured.put(row, times);
                answers.put(row, statuses);
            }
            rss = server.procStatusKb("VmRSS");
            log = server.log;
        }
        boolean outOfMemory = Files.readString(log).contains("OutOfMemoryError");

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "County benchmark, %s: %d processors, load average %s, Java %s, %s, WAR %s, %s;"
                        + " %d measured requests a row, one after the other, after one warm-up%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"), url, war,
                javaOpts, runs));
        out.append(String.format(Locale.ROOT, "%-58s %10s %10s %9s %9s %13s %7s  %s%n", "request over HTTP", "rows",
                "median ms", "min", "max", "yardstick ms", "ratio", "answers"));
        for (Row row : rows) {
            double[] d = sorted(measured.get(row));
            double[] y = sorted(yardstick.get(row));
            out.append(String.format(Locale.ROOT, "%-58s %,10d %10.1f %9.1f %9.1f %13.1f %7.1f  %s%n",
                    SCOPES.get(row.code()) + " " + row.code() + ": " + row.label(), rowsRead.get(row), median(d), d[0],
                    d[d.length - 1], median(y), median(d) / median(y), answers.get(row)));
        }
        out.append(String.format(Locale.ROOT, "rows: what the yardstick read or counted (the closed cases of the year; the"
                + " scope's cases; those past their deadline); yardstick: that statement by plain JDBC, median of %d%n", runs));
        out.append("each request's ms, in order:\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "  %-56s %s%n", SCOPES.get(row.code()) + " " + row.code() + ": " + row.label(),
                    measured.get(row).stream().map(t -> String.format(Locale.ROOT, "%.0f", t)).toList()));
        }
        out.append(String.format(Locale.ROOT, "node VmRSS after the requests %d MB; OutOfMemoryError in the node's log: %s (%s)%n",
                rss / 1024, outOfMemory ? "yes" : "no", log));
        System.out.print(out);
        Path report = project.resolve("target/benchmark/county-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }

    private String audit(String code, LocalDate from, LocalDate to) {
        return "{\"stationCode\":\"" + code + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"size\":" + size
                + ",\"seed\":" + (seed++) + "}";
    }

    /** Runs a statement and reads its rows; how many (a count's value, for a count). */
    private static long read(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            long n = 0;
            while (rs.next()) {
                n = sql.startsWith("SELECT count(*)") ? rs.getLong(1) : n + 1;
            }
            return n;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double median(double[] a) {
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static String setting(String name, String fallback) {
        return System.getProperty("weiquan.benchmark." + name, fallback);
    }
}
