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
 * A closure audit's draw at a province's size (issue 16): a supervisor draws a sample from the cases her station's
 * subtree closed in a year, {@code POST /api/audits}, on the million cases that {@link IndicatorBenchmark} generates
 * (it must have run first, on the same database; its 300 stations carry the demo's codes, so the demo's county
 * supervisor {@code xianfulian} is made at its county). For the county, a sub-district and a village it times the
 * draw over HTTP on a node started with {@code bin/weiquan-node} ({@code -Xmx512m}), and as the yardstick the least a
 * draw must read: the ids of the same closed cases, by plain JDBC. It prints a table (median, min, max, the median's
 * ratio to the yardstick's), the answers by status, the node's VmRSS after the draws and whether its log shows an
 * {@code OutOfMemoryError}. It asserts nothing, and runs only with {@code -Dweiquan.benchmark.audit=true}:
 *
 * <pre>
 * mvn -B -o test -Dtest=IndicatorBenchmark -Dweiquan.benchmark=true -Dweiquan.benchmark.sizes=1000000 -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -B -o test -Dtest=AuditDrawBenchmark -Dweiquan.benchmark.audit=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Properties ({@code weiquan.benchmark.NAME}): {@code db.url} (jdbc:postgresql://127.0.0.1:5432/weiquan_bench),
 * {@code db.user} / {@code db.password} (weiquan/weiquan), {@code runs} (7 measured draws per scope, after one
 * warm-up), {@code size} (20 cases a sample), {@code year} (2025), {@code war} (the WAR to run, default
 * target/weiquan.war: point it at an older build to measure before a change), {@code port} (18933), {@code javaOpts}
 * (-Xmx512m). A draw gets 120 s to answer; one that does not is counted as such.
 */
@EnabledIfSystemProperty(named = "weiquan.benchmark.audit", matches = "true")
class AuditDrawBenchmark {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final String url = setting("db.url", "jdbc:postgresql://127.0.0.1:5432/weiquan_bench");
    private final String user = setting("db.user", "weiquan");
    private final String password = setting("db.password", "weiquan");
    private final int runs = Integer.parseInt(setting("runs", "7"));
    private final int size = Integer.parseInt(setting("size", "20"));
    private final int year = Integer.parseInt(setting("year", "2025"));
    private final int port = Integer.parseInt(setting("port", "18933"));
    private final Path project = Path.of(System.getProperty("user.dir"));
    private final Path war = Path.of(setting("war", project.resolve("target/weiquan.war").toString()));
    private final String javaOpts = setting("javaOpts", "-Xmx512m");

    /** The scopes drawn from: the county, a sub-district, a village of IndicatorBenchmark's tree. */
    private static final Map<String, String> SCOPES = new LinkedHashMap<>();

    static {
        SCOPES.put("QX", "county");
        SCOPES.put("QX-01", "sub-district");
        SCOPES.put("QX-0101", "village");
    }

    @Test
    void measure() throws Exception {
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = from.plusYears(1);
        Map<String, Integer> closed = new LinkedHashMap<>();
        Map<String, List<Double>> yardstick = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM case_file")) {
                rs.next();
                if (rs.getLong(1) < 10_000) {
                    throw new IllegalStateException(url + " holds " + rs.getLong(1) + " cases: run IndicatorBenchmark first");
                }
            }
            for (String code : SCOPES.keySet()) {
                List<Double> times = new ArrayList<>();
                for (int i = 0; i <= runs; i++) {
                    long t0 = System.nanoTime();
                    int n = closedIds(c, code, from, to);
                    if (i > 0) {
                        times.add((System.nanoTime() - t0) / 1e6);
                    }
                    closed.put(code, n);
                }
                yardstick.put(code, times);
            }
        }
        Path nodeDir = project.resolve("target/benchmark/audit-node");
        Map<String, String> env = Map.of("WEIQUAN_DB_URL", url, "WEIQUAN_DB_USER", user, "WEIQUAN_DB_PASSWORD", password,
                "WEIQUAN_DEMO", "true", "WEIQUAN_DATA_DIR", nodeDir.resolve("data").toString(),
                "WEIQUAN_NODE_NAME", "audit-bench", "WEIQUAN_WAR", war.toString());
        Map<String, List<Double>> drawn = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> answers = new LinkedHashMap<>();
        long rss;
        boolean outOfMemory;
        Path log;
        try (WeiquanServer server = WeiquanServer.start(project, nodeDir, port, javaOpts, env, Duration.ofMinutes(15))) {
            HttpUser supervisor = HttpUser.login(server.base, "xianfulian", "weiquan-demo-2026");
            long seed = 20_261_206L;
            for (String code : SCOPES.keySet()) {
                List<Double> times = new ArrayList<>();
                Map<String, Integer> statuses = new TreeMap<>();
                for (int i = 0; i <= runs; i++) {
                    String body = "{\"stationCode\":\"" + code + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                            + "\",\"size\":" + size + ",\"seed\":" + (seed++) + "}";
                    long t0 = System.nanoTime();
                    String status;
                    try {
                        status = String.valueOf(supervisor.post("api/audits", body).status());
                    } catch (HttpTimeoutException e) {
                        status = "no answer in 120 s";
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i > 0) {
                        times.add(ms);
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
                drawn.put(code, times);
                answers.put(code, statuses);
            }
            rss = server.procStatusKb("VmRSS");
            log = server.log;
        }
        outOfMemory = Files.readString(log).contains("OutOfMemoryError");

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Closure audit draw, %s: %d processors, Java %s, %s, WAR %s, %s, %d measured draws "
                        + "of %d cases per scope after one warm-up, year %d%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), url, war, javaOpts, runs,
                size, year));
        out.append(String.format(Locale.ROOT, "%-34s %10s %11s %9s %9s %14s %8s  %s%n", "scope", "closed", "median ms",
                "min", "max", "yardstick ms", "ratio", "answers"));
        for (String code : SCOPES.keySet()) {
            double[] d = sorted(drawn.get(code));
            double[] y = sorted(yardstick.get(code));
            out.append(String.format(Locale.ROOT, "%-34s %,10d %11.1f %9.1f %9.1f %14.1f %8.1f  %s%n",
                    SCOPES.get(code) + " " + code + ", draw over HTTP", closed.get(code), median(d), d[0], d[d.length - 1],
                    median(y), median(d) / median(y), answers.get(code)));
        }
        out.append(String.format(Locale.ROOT, "yardstick: the same closed cases' ids by plain JDBC (median of %d); "
                + "node VmRSS after the draws %d MB; OutOfMemoryError in the node's log: %s (%s)%n", runs, rss / 1024,
                outOfMemory ? "yes" : "no", log));
        System.out.print(out);
        Path report = project.resolve("target/benchmark/audit-" + Instant.now().toString().replace(':', '-') + ".txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, out.toString());
    }

    /** What a draw must read at least: the ids of the closed cases of the period in the station's subtree. */
    private static int closedIds(Connection c, String code, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT k.id FROM case_file k JOIN station s ON s.id = k.accepted_station_id"
                + " WHERE k.status = 'CLOSED' AND k.closed_at >= ? AND k.closed_at < ?"
                + " AND s.path LIKE (SELECT path FROM station WHERE code = ?) || '%' ORDER BY k.id")) {
            q.setObject(1, from.atStartOfDay(BEIJING).toOffsetDateTime());
            q.setObject(2, to.atStartOfDay(BEIJING).toOffsetDateTime());
            q.setString(3, code);
            int n = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    n++;
                }
            }
            return n;
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
