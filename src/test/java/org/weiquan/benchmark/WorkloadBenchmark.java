package org.weiquan.benchmark;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.weiquan.intake.RealisticNames;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weiquan's everyday paths against yardsticks measured in the same run, on a PostgreSQL database this benchmark
 * creates (dropped and created anew, {@code weiquan_bench_h} unless told otherwise):
 * <ul>
 *     <li>(a) a bare Camunda engine of the same version starting the application's own ContactReview model
 *     ({@link BareEngine}, schema {@code yardstick} of the same database), and completing its review task;</li>
 *     <li>(b) a one-row JDBC insert, autocommit (what pgbench's simplest write is);</li>
 *     <li>(c) intake over HTTP ({@code POST /api/contacts}, duplicate check on) at 1, 8 and 32 clients, each
 *     logged in through the real login, against a Weiquan node started by {@code bin/weiquan-node} on the same
 *     database with a station already holding {@code contacts} contacts (registered before the measurement
 *     through the same API with {@code confirmedNew}, so names, phones and blind indexes are the application's
 *     own), registering the population the duplicate rule was tuned on ({@link ContactBodies});</li>
 *     <li>(c) the same intake in-process: {@code threads} workers in the node calling {@code IntakeService.register}
 *     directly ({@link InProcessIntakeResource}), so that what HTTP, the login token, JSON and the Idempotency-Key
 *     add to an intake is the difference of the two rows;</li>
 *     <li>(d) claim + complete of the acceptance-review task over HTTP against (a)'s claim + complete; and of a case's
 *     first handling task, the supervisor's assignment of a mediator ({@code Task_AssignMediator}, which starts the
 *     mediator's handling task), on cases accepted before the path in each round ({@code handling} of them);</li>
 *     <li>(e) the inbox's first answer, {@code GET /api/tasks?scope=station} as the sub-district supervisor;</li>
 *     <li>(f) the node's start-up time to /health UP (first start on the empty database, then restarts on the
 *     filled one) and its resident memory (VmRSS) under 32 clients.</li>
 * </ul>
 * The node runs the shipped WAR with the in-process intake's three classes added
 * ({@code target/benchmark/weiquan-benchmark.war}). Each round measures every path once, one after the other
 * (interleaved; each first runs {@code leadIn} seconds unmeasured), and the table gives the median and
 * spread over the rounds and each path's ratio to the yardsticks of the same round. Each path also gets the CPU time
 * per operation of the Java process that does its work (the node; this JVM for the bare engine and the inserts) and
 * of PostgreSQL, read from {@code /proc} ({@link CpuTime}), and the yardstick's CPU per operation divided by it: the
 * rate ratio moves with whatever else takes the two cores (the load generator's own HTTP clients first), the CPU
 * ratio much less. Nothing here asserts a time:
 * it is a measurement, run on demand with {@code bin/benchmark} (or {@code mvn -Pbenchmarks verify}).
 *
 * <p>System properties ({@code -D...}, defaults in brackets): {@code weiquan.benchmark.contacts} [1000],
 * {@code .rounds} [3], {@code .seconds} per burst [5], {@code .warmup} seconds per burst of the round not counted [30],
 * {@code .settle} minutes at most of bursts before it, until the compilers have caught up [10; 0 none],
 * {@code .settleShare} of a JVM's CPU its compilers may still take [0.05], {@code .threads} of the yardsticks and of the task
 * completion [8], {@code .clients} [1,8,32], {@code .restarts} [1], {@code .db.name} [weiquan_bench_h],
 * {@code .db.host} [127.0.0.1:5432], {@code .db.user}/{@code .db.password} [weiquan/weiquan],
 * {@code .db.admin.user}/{@code .db.admin.password} [postgres/empty] (to drop and create the database),
 * {@code .port} [18931], {@code .startMinutes} [15], {@code .javaOpts} [-Xmx512m], {@code .inbox} [scope=station],
 * {@code .leadIn} seconds each path runs unmeasured before its burst in a counted round [5; 0 none],
 * {@code .handling} [2000] (review tasks accepted as cases in each round, before the handling path is measured),
 * {@code .bulk} [0] (earlier contacts of the station written straight into the database by {@link ContactLoader}
 * before the {@code contacts} registered through the API: the run at 100 k and 1 M contacts).
 */
@EnabledIfSystemProperty(named = "weiquan.benchmark.workload", matches = "true")
class WorkloadBenchmark {

    private static final String DEMO_PASSWORD = "weiquan-demo-2026";

    private static String setting(String name, String fallback) {
        return System.getProperty("weiquan.benchmark." + name, fallback);
    }

    private static int intSetting(String name, int fallback) {
        return Integer.parseInt(setting(name, String.valueOf(fallback)));
    }

    private final int contacts = intSetting("contacts", 1000);
    private final int bulk = intSetting("bulk", 0);
    private final int rounds = intSetting("rounds", 3);
    private final long burstMillis = intSetting("seconds", 5) * 1000L;
    /**
     * Each path's burst in the round not counted: long enough for both JVMs' compilers to catch up. After 3 s a path
     * the node still compiled for minutes, and the bare engine spent 2.9 ms of Java CPU a start against 1.8 ms after
     * 30 s (performance log, twentieth session).
     */
    private final long warmupMillis = intSetting("warmup", 30) * 1000L;
    /**
     * In each counted round, every path first runs this long unmeasured, then is measured for {@code seconds}. A path
     * right after another was slower for its first seconds: the bare engine, warm, started 528 processes a second,
     * then after 30 s of claims and completions 399 and 403 in the next two 5-s bursts, and 497 in the third
     * (twenty-fourth session), and the rounds' 5-s bursts each came right after another path.
     */
    private final long leadInMillis = intSetting("leadIn", 5) * 1000L;
    /**
     * Before the round not counted, at most this many minutes of alternating bursts (the bare engine's start, then the
     * intake over HTTP at {@code threads} clients, {@code warmup} seconds each) until neither JVM's compiler threads
     * took more than {@link #settleShare} of its CPU in its last burst; 0: none. A node under the intake's load kept
     * its C2 compiler busy for six minutes (twenty-third session: about 700 methods a minute reaching C2, 5 % of them
     * compiled there before, then 40 a minute), longer than the round not counted lasts, so the rounds measured a node
     * that still compiled against a yardstick that had finished.
     */
    private final int settleMinutes = intSetting("settle", 10);
    private final double settleShare = Double.parseDouble(setting("settleShare", "0.05"));
    private final int threads = intSetting("threads", 8);
    private final int[] clients = Arrays.stream(setting("clients", "1,8,32").split(",")).map(String::trim)
            .mapToInt(Integer::parseInt).toArray();
    private final int restarts = intSetting("restarts", 1);
    private final String dbName = setting("db.name", "weiquan_bench_h");
    private final String dbHost = setting("db.host", "127.0.0.1:5432");
    private final String dbUser = setting("db.user", "weiquan");
    private final String dbPassword = setting("db.password", "weiquan");
    private final String jdbcUrl = "jdbc:postgresql://" + dbHost + "/" + dbName;
    private final int port = intSetting("port", 18931);
    /** How long a start may take before the run gives up: minutes on a busy machine. */
    private final Duration startTimeout = Duration.ofMinutes(intSetting("startMinutes", 15));
    private final String javaOpts = setting("javaOpts", "-Xmx512m");
    private final String inboxQuery = setting("inbox", "scope=station");
    private final int handling = intSetting("handling", 2000);
    private final Path project = Path.of(System.getProperty("user.dir"));
    private final Path workDir = project.resolve("target/benchmark");

    /** Rows of the table, by path: one Burst per round. */
    private final Map<String, List<Burst>> measured = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder out = new StringBuilder();

    @Test
    void measure() throws Exception {
        Files.createDirectories(workDir);
        print("Weiquan workload benchmark, " + Instant.now() + ": " + Runtime.getRuntime().availableProcessors()
                + " processors, load average " + loadAverage() + ", Java " + System.getProperty("java.version")
                + ", database " + jdbcUrl);
        recreateDatabase();
        Path nodeDir = workDir.resolve("node");
        deleteTree(nodeDir);
        Map<String, String> env = Map.of("WEIQUAN_DB_URL", jdbcUrl, "WEIQUAN_DB_USER", dbUser,
                "WEIQUAN_DB_PASSWORD", dbPassword, "WEIQUAN_DEMO", "true",
                "WEIQUAN_DATA_DIR", nodeDir.resolve("data").toString(), "WEIQUAN_NODE_NAME", "bench",
                "WEIQUAN_WAR", benchmarkWar().toString());
        StatementCosts statementCosts = new StatementCosts("jdbc:postgresql://" + dbHost + "/postgres",
                setting("db.admin.user", "postgres"), setting("db.admin.password", ""), dbName);
        List<String> statementCostsTable;
        List<Double> startups = new ArrayList<>();
        List<String> startTimings;
        long rssUnderLoad;
        long hwm;
        try (WeiquanServer server = WeiquanServer.start(project, nodeDir, port, javaOpts, env, startTimeout)) {
            print(String.format(Locale.ROOT, "first start (empty database: migrations, engine tables, demo data): /health UP after %.1f s, VmRSS %d MB",
                    server.secondsToUp, server.procStatusKb("VmRSS") / 1024));
            startTimings = server.startTimings();
            startups.add(server.secondsToUp);
            int most = Arrays.stream(clients).max().orElse(1);
            List<HttpUser> intake = logins(server, "jiedai", Math.max(most, threads));
            List<HttpUser> supervisors = logins(server, "zhuren", threads);
            ConcurrentLinkedQueue<String> reviewTasks = new ConcurrentLinkedQueue<>();
            ContactBodies bodies = new ContactBodies(20261205L, "QX-0101");
            if (bulk > 0) {
                double seconds = ContactLoader.load(jdbcUrl, dbUser, dbPassword, nodeDir.resolve("data"), "QX-0101",
                        "jiedai", bulk, 20261206L);
                print(String.format(Locale.ROOT, "wrote %d earlier contacts (answered consultations of the last three years)"
                        + " straight into the database in %.0f s (ContactLoader)", bulk, seconds));
            }
            load(intake, bodies, reviewTasks);
            ConcurrentLinkedQueue<String> handlingTasks = new ConcurrentLinkedQueue<>();
            analyze();
            try (BareEngine engine = new BareEngine(jdbcUrl, dbUser, dbPassword, threads + 2, project.resolve("bpmn"));
                 Inserts inserts = new Inserts(threads)) {
                settle(server, engine, intake, bodies, reviewTasks);
                // one round not counted, so that both JVMs have compiled the paths and the pools are full
                round(-1, server, engine, inserts, intake, supervisors, bodies, reviewTasks, handlingTasks, new long[1]);
                measured.clear();
                statementCosts.reset();
                print(String.format(Locale.ROOT, "after the round not counted (%d s a path): %d contacts at QX-0101; %s",
                        warmupMillis / 1000, contactsAtStation(), engineSizes()));
                long[] rss = new long[1];
                for (int r = 0; r < rounds; r++) {
                    round(r, server, engine, inserts, intake, supervisors, bodies, reviewTasks, handlingTasks, rss);
                }
                rssUnderLoad = rss[0];
                print(String.format(Locale.ROOT, "after the last round: %d contacts at QX-0101; %s", contactsAtStation(), engineSizes()));
                statementCostsTable = statementCosts.top(15);
            }
            hwm = server.procStatusKb("VmHWM");
        }
        for (int i = 0; i < restarts; i++) {
            try (WeiquanServer again = WeiquanServer.start(project, nodeDir, port, javaOpts,
                    env, startTimeout)) { // demo data loads only into an empty database
                startups.add(again.secondsToUp);
                print(String.format(Locale.ROOT, "restart %d (filled database): /health UP after %.1f s, VmRSS %d MB",
                        i + 1, again.secondsToUp, again.procStatusKb("VmRSS") / 1024));
                if (i == restarts - 1) {
                    print("restart's own timings (server log):");
                    again.startTimings().forEach(t -> print("  " + t));
                }
            }
        }
        print("first start's own timings (server log):");
        startTimings.forEach(t -> print("  " + t));
        table(startups, rssUnderLoad, hwm);
        print("");
        print("PostgreSQL's time by statement over the measured rounds (all paths, the yardsticks' too; pg_stat_statements)."
                + " Execution includes waiting for row locks: an acceptance holds its station's row from its case number to"
                + " its commit, so the round's acceptances (" + handling + ") at one station, 8 at a time, mostly wait there:");
        statementCostsTable.forEach(this::print);
        Files.writeString(workDir.resolve("workload-" + Instant.now().toString().replace(':', '-') + ".txt"), out,
                StandardCharsets.UTF_8);
    }

    private void round(int r, WeiquanServer server, BareEngine engine, Inserts inserts, List<HttpUser> intake,
                       List<HttpUser> supervisors, ContactBodies bodies, ConcurrentLinkedQueue<String> reviewTasks,
                       ConcurrentLinkedQueue<String> handlingTasks, long[] rssMax) throws Exception {
        long millis = r < 0 ? warmupMillis : burstMillis;
        long leadIn = r < 0 ? 0 : leadInMillis;
        record("a  bare engine: start ContactReview", leadInThenMeasure(self, "engine-start", threads, leadIn, millis, Long.MAX_VALUE, w -> {
            engine.startReview();
            return "ok";
        }));
        record("b  JDBC one-row insert (autocommit)", leadInThenMeasure(self, "insert", threads, leadIn, millis, Long.MAX_VALUE, inserts::insertOne));
        for (int c : clients) {
            RssSampler sampler = c == Arrays.stream(clients).max().orElse(c) ? new RssSampler(server) : null;
            Burst b = leadInThenMeasure(server.pid(), "intake-" + c, c, leadIn, millis, Long.MAX_VALUE, intakeOverHttp(intake, bodies, reviewTasks));
            if (sampler != null) {
                rssMax[0] = Math.max(rssMax[0], sampler.stop());
            }
            record("c  intake over HTTP, duplicate check on", b);
        }
        if (leadIn > 0) {
            inProcessIntake(50_000L + 100L * (r + 1), intake, leadIn);
        }
        record("c  intake in-process (IntakeService.register), duplicate check on",
                cpu(server.pid(), () -> inProcessIntake(7_000L + 100L * (r + 1), intake, millis)));
        ConcurrentLinkedQueue<String> bareTasks = new ConcurrentLinkedQueue<>();
        engine.openReviewTasks(50_000, bareTasks);
        record("d  bare engine: claim + complete review task", leadInThenMeasure(self, "engine-complete", threads, leadIn, millis, Long.MAX_VALUE, w -> {
            String task = bareTasks.poll();
            if (task == null) {
                return null;
            }
            engine.claimAndComplete(task);
            return "ok";
        }));
        record("d  claim + complete review task over HTTP", leadInThenMeasure(server.pid(), "http-complete", threads, leadIn, millis, Long.MAX_VALUE, w -> {
            String task = reviewTasks.poll();
            return task == null ? null : claimAndComplete(supervisors.get(w), task,
                    "{\"decision\":\"CONSULTATION_ANSWERED\",\"reason\":\"当场解答\"}");
        }));
        acceptAsCases(supervisors, reviewTasks, handlingTasks);
        record("d  claim + complete handling task (Task_AssignMediator) over HTTP", leadInThenMeasure(server.pid(), "http-handling", threads, leadIn, millis, Long.MAX_VALUE, w -> {
            String task = handlingTasks.poll();
            return task == null ? null : claimAndComplete(supervisors.get(w), task, "{\"mediator\":\"tiaojie\"}");
        }));
        AtomicLong bytes = new AtomicLong();
        record("e  inbox GET /api/tasks?" + inboxQuery + " (supervisor)", leadInThenMeasure(-1, "inbox", 1, leadIn, millis, 10, w -> {
            HttpUser.Reply reply = supervisors.get(0).get("api/tasks?" + inboxQuery);
            if (reply.status() != 200) {
                throw new IllegalStateException("inbox answered " + reply.status() + ": " + cut(reply.body()));
            }
            bytes.set(reply.body().getBytes(StandardCharsets.UTF_8).length);
            return "200";
        }));
        if (r >= 0) {
            print(String.format(Locale.ROOT, "round %d done: inbox answer %d kB, %d review and %d handling tasks left for the next round, load average %s",
                    r + 1, bytes.get() / 1024, reviewTasks.size(), handlingTasks.size(), loadAverage()));
        }
    }

    /** One registration over HTTP with the duplicate check on; a new contact's review task goes to {@code reviewTasks}. */
    private static Burst.Op intakeOverHttp(List<HttpUser> intake, ContactBodies bodies, ConcurrentLinkedQueue<String> reviewTasks) {
        return w -> {
            HttpUser.Reply reply = intake.get(w).post("api/contacts", bodies.next(false));
            if (reply.status() == 201) {
                String task = HttpUser.reviewTaskOf(reply.json());
                if (task != null) {
                    reviewTasks.add(task);
                }
            } else if (reply.status() != 409) {
                throw new IllegalStateException("intake answered " + reply.status() + ": " + cut(reply.body()));
            }
            return String.valueOf(reply.status());
        };
    }

    /**
     * Alternates bursts of the bare engine's start and of the intake over HTTP until both JVMs' compilers have caught
     * up ({@link #settleMinutes}), and prints each burst: what the rounds measure is then the code both run for days,
     * not the first minutes after a start. Each burst's intakes add to the station's contacts, which the run prints.
     */
    private void settle(WeiquanServer server, BareEngine engine, List<HttpUser> intake, ContactBodies bodies,
                        ConcurrentLinkedQueue<String> reviewTasks) throws Exception {
        if (settleMinutes <= 0) {
            return;
        }
        long until = System.nanoTime() + Duration.ofMinutes(settleMinutes).toNanos();
        int n = 0;
        boolean settled = false;
        while (!settled && System.nanoTime() < until) {
            n++;
            Burst bare = cpu(self, () -> Burst.run("engine-start", threads, warmupMillis, Long.MAX_VALUE, w -> {
                engine.startReview();
                return "ok";
            }));
            Burst node = cpu(server.pid(), () -> Burst.run("intake-" + threads, threads, warmupMillis, Long.MAX_VALUE,
                    intakeOverHttp(intake, bodies, reviewTasks)));
            double bareShare = jitShare(bare);
            double nodeShare = jitShare(node);
            settled = bareShare <= settleShare && nodeShare <= settleShare;
            print(String.format(Locale.ROOT, "settling %d: bare engine %.1f starts/s, %.2f ms CPU a start (Java + PostgreSQL), its"
                            + " compilers %.1f %% of its JVM's CPU; intake over HTTP at %d clients %.1f/s, %.2f ms CPU an intake, the"
                            + " node's compilers %.1f %% of its CPU; ratio by rate %.3f, by CPU %.3f",
                    n, bare.rate(), cpuMs(bare, false), 100 * bareShare, threads, node.rate(), cpuMs(node, false),
                    100 * nodeShare, node.rate() / bare.rate(), cpuMs(bare, false) / cpuMs(node, false)));
        }
        print(settled ? String.format(Locale.ROOT, "both JVMs' compilers under %.0f %% of their CPU after %d pairs of %d-s bursts",
                        100 * settleShare, n, warmupMillis / 1000)
                : String.format(Locale.ROOT, "the compilers had not settled under %.0f %% after %d minutes: the rounds measure JVMs that still compile",
                        100 * settleShare, settleMinutes));
    }

    /** The share of a burst's Java CPU that went to the JIT compiler threads; 1 when unknown, so that it never counts as settled. */
    private static double jitShare(Burst b) {
        return b.javaCpuNanos <= 0 || b.jitCpuNanos < 0 ? 1 : (double) b.jitCpuNanos / b.javaCpuNanos;
    }

    /**
     * {@code threads} workers in the node, each one request to {@link InProcessIntakeResource} that registers for
     * {@code millis}; the burst's time is the longest worker's, its latencies every call's in the server.
     */
    private Burst inProcessIntake(long seedBase, List<HttpUser> intake, long millis) throws InterruptedException {
        List<Burst.Worker> workers = new CopyOnWriteArrayList<>();
        Burst requests = Burst.run("in-process-requests", threads, millis * 10, threads, w -> {
            String query = String.format(Locale.ROOT, "api/benchmark/intake?station=QX-0101&seed=%d&millis=%d",
                    seedBase + w, millis);
            HttpUser.Reply reply = intake.get(w).post(query, "");
            if (reply.status() != 200) {
                throw new IllegalStateException("in-process intake answered " + reply.status() + ": " + cut(reply.body()));
            }
            JsonObject j = reply.json();
            workers.add(new Burst.Worker(j.getJsonNumber("seconds").doubleValue(),
                    j.getJsonArray("latenciesNanos").stream().mapToLong(v -> ((JsonNumber) v).longValue()).toArray(),
                    Map.of("registered", (long) j.getInt("registered"), "duplicate", (long) j.getInt("duplicates"))));
            return "200";
        });
        if (workers.size() < threads) {
            throw new IllegalStateException("only " + workers.size() + " of " + threads + " in-process workers answered; first failure: "
                    + requests.firstFailure);
        }
        return Burst.of("intake-in-process", workers);
    }

    /** The shipped WAR plus the in-process intake's resource, for the benchmark's node only. */
    private Path benchmarkWar() throws IOException {
        Path shipped = project.resolve("target/weiquan.war");
        if (!Files.isRegularFile(shipped)) {
            throw new IllegalStateException(shipped + " is missing: run the benchmark with bin/benchmark");
        }
        Path war = workDir.resolve("weiquan-benchmark.war");
        ShrinkWrap.createFromZipFile(WebArchive.class, shipped.toFile())
                .addClasses(InProcessIntakeResource.class, ContactBodies.class, RealisticNames.class)
                .as(ZipExporter.class).exportTo(war.toFile(), true);
        return war;
    }

    /** Claims the task as the supervisor and completes it with the form; answers the completion's status. */
    private static String claimAndComplete(HttpUser supervisor, String task, String form) throws IOException, InterruptedException {
        HttpUser.Reply claim = supervisor.post("api/tasks/" + task + "/claim", "");
        if (claim.status() != 200) {
            throw new IllegalStateException("claim answered " + claim.status() + ": " + cut(claim.body()));
        }
        HttpUser.Reply done = supervisor.post("api/tasks/" + task + "/completion", form);
        if (done.status() / 100 != 2) {
            throw new IllegalStateException("completion answered " + done.status() + ": " + cut(done.body()));
        }
        return String.valueOf(done.status());
    }

    /**
     * Accepts {@code handling} review tasks as cases (not measured), and puts the supervisor's first task of each
     * case's handling, the assignment of a mediator, as the inbox lists them, in {@code tasks} (anew each round).
     */
    private void acceptAsCases(List<HttpUser> supervisors, ConcurrentLinkedQueue<String> reviewTasks,
                               ConcurrentLinkedQueue<String> tasks) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Burst accepted = Burst.run("accept", threads, Duration.ofHours(1).toMillis(), Math.min(handling, reviewTasks.size()), w -> {
            String task = reviewTasks.poll();
            return task == null ? null : claimAndComplete(supervisors.get(w), task, "{\"decision\":\"ACCEPTED\"}");
        });
        tasks.clear();
        for (int page = 0; page < 1_000; page++) {
            HttpUser.Reply reply = supervisors.get(0).get("api/tasks?scope=station&station=QX-0101&kind=Task_AssignMediator&size=200&page=" + page);
            if (reply.status() != 200) {
                throw new IllegalStateException("inbox answered " + reply.status() + ": " + cut(reply.body()));
            }
            JsonArray items = reply.json().getJsonArray("items");
            items.forEach(v -> tasks.add(v.asJsonObject().getString("id")));
            if (items.size() < 200) {
                break;
            }
        }
        // the round's new cases outgrow case_file's statistics (110 demo cases before the first round): autovacuum
        // would analyse the table after a tenth of it had changed; this machine's server runs without it
        long analysed = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE after the acceptances failed", e);
        }
        print(String.format(Locale.ROOT, "accepted %d contacts as cases in %.0f s%s: %d mediator assignments open; ANALYZE %.1f s",
                accepted.count(), (analysed - started) / 1e9,
                accepted.failures == 0 ? "" : "; " + accepted.failures + " failed, first: " + accepted.firstFailure, tasks.size(),
                (System.nanoTime() - analysed) / 1e9));
    }

    /** The contacts registered at the measured station so far: the rounds, the round not counted too, add to them. */
    private long contactsAtStation() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM contact c JOIN station s ON s.id = c.station_id WHERE s.code = 'QX-0101'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the station's contacts failed", e);
        }
    }

    /**
     * How much each engine holds: running process instances and rows of activity history. The yardstick starts about
     * twice as many processes a second as the node registers contacts, so its tables grow faster than the node's
     * engine's, and an engine's inserts slow as its tables outgrow PostgreSQL's buffers.
     */
    private String engineSizes() {
        String count = "SELECT (SELECT count(*) FROM %1$sact_ru_execution WHERE parent_id_ IS NULL), (SELECT count(*) FROM %1$sact_hi_actinst)";
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement();
             ResultSet node = s.executeQuery(String.format(count, ""))) {
            node.next();
            long nodeRunning = node.getLong(1);
            long nodeHistory = node.getLong(2);
            try (ResultSet bare = s.executeQuery(String.format(count, BareEngine.SCHEMA + "."))) {
                bare.next();
                return String.format(Locale.ROOT, "running process instances: the node's engine %d, the yardstick %d;"
                        + " activity history rows %d and %d", nodeRunning, bare.getLong(1), nodeHistory, bare.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the engines' rows failed", e);
        }
    }

    /** This JVM, where the bare engine and the plain inserts run. */
    private static final long self = ProcessHandle.current().pid();

    @FunctionalInterface
    private interface Measured {
        Burst run() throws Exception;
    }

    /**
     * Runs a burst and keeps the CPU time that Java process {@code pid} and PostgreSQL spent while it ran, and, when
     * {@code pid} is the server, this JVM's too (the load generator).
     */
    private static Burst cpu(long pid, Measured burst) throws Exception {
        long java = CpuTime.ofProcess(pid);
        long jit = CpuTime.ofCompilers(pid);
        long db = CpuTime.ofPostgres();
        long client = pid == self ? -1 : CpuTime.ofProcess(self);
        Burst b = burst.run();
        long javaAfter = CpuTime.ofProcess(pid);
        long jitAfter = CpuTime.ofCompilers(pid);
        long dbAfter = CpuTime.ofPostgres();
        long clientAfter = pid == self ? -1 : CpuTime.ofProcess(self);
        b.javaCpuNanos = java < 0 || javaAfter < 0 ? -1 : javaAfter - java;
        b.jitCpuNanos = jit < 0 || jitAfter < 0 ? -1 : jitAfter - jit;
        b.dbCpuNanos = db < 0 || dbAfter < 0 ? -1 : dbAfter - db;
        b.clientCpuNanos = client < 0 || clientAfter < 0 ? -1 : clientAfter - client;
        return b;
    }

    /**
     * Runs {@code op} for {@code leadIn} without measuring it ({@link #leadInMillis}), then measures it for
     * {@code millis} with the CPU time of Java process {@code pid} (none when negative). A failure in the lead-in is
     * reported with the path's.
     */
    private Burst leadInThenMeasure(long pid, String name, int workers, long leadIn, long millis, long maxOps, Burst.Op op)
            throws Exception {
        if (leadIn > 0) {
            Burst unmeasured = Burst.run(name + "-lead-in", workers, leadIn, maxOps, op);
            if (unmeasured.failures > 0) {
                notes.add(unmeasured.toString());
            }
        }
        Measured burst = () -> Burst.run(name, workers, millis, maxOps, op);
        return pid < 0 ? burst.run() : cpu(pid, burst);
    }

    private void record(String path, Burst burst) {
        String key = path + "|" + burst.threads;
        measured.computeIfAbsent(key, k -> new ArrayList<>()).add(burst);
        if (burst.failures > 0) {
            notes.add(burst.toString());
        }
    }

    private void table(List<Double> startups, long rssUnderLoadKb, long hwmKb) {
        List<Burst> engineStarts = measured.entrySet().stream().filter(e -> e.getKey().startsWith("a ")).findFirst().orElseThrow().getValue();
        List<Burst> insertsRun = measured.entrySet().stream().filter(e -> e.getKey().startsWith("b ")).findFirst().orElseThrow().getValue();
        List<Burst> bareCompletes = measured.entrySet().stream().filter(e -> e.getKey().startsWith("d  bare")).findFirst().orElseThrow().getValue();
        print("");
        print(String.format(Locale.ROOT, "%d contacts at station QX-0101 before the first round (%s plus the demo data); %d rounds of %d s per path, interleaved; "
                + "rate = operations/s (median of the rounds, min-max); latency over every operation of every round.", contacts + bulk,
                bulk == 0 ? "through the API" : bulk + " written by ContactLoader, " + contacts + " through the API",
                rounds, burstMillis / 1000));
        print("| path | clients | rate/s median | rate min-max | latency ms median | min | p90 | p95 | max | answers | ratio to (a) engine start | ratio to (b) insert | ratio to (d) bare complete | CPU ms/op: Java (of which JIT) + PostgreSQL | CPU ratio to (a) or (d) | the same without JIT | load generator's CPU ms/op |");
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Burst>> e : measured.entrySet()) {
            String path = e.getKey().substring(0, e.getKey().lastIndexOf('|'));
            List<Burst> runs = e.getValue();
            double[] rates = runs.stream().mapToDouble(Burst::rate).toArray();
            long[] all = runs.stream().flatMapToLong(b -> Arrays.stream(b.latenciesNanos)).sorted().toArray();
            Map<String, Long> answers = new java.util.TreeMap<>();
            runs.forEach(b -> b.outcomes.forEach((k, v) -> answers.merge(k, v, Long::sum)));
            print(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f-%.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s |",
                    path, runs.get(0).threads, Burst.median(rates), Arrays.stream(rates).min().orElse(0),
                    Arrays.stream(rates).max().orElse(0), Burst.quantileMs(all, 0.5), Burst.quantileMs(all, 0),
                    Burst.quantileMs(all, 0.9), Burst.quantileMs(all, 0.95), Burst.quantileMs(all, 1), answers,
                    ratio(runs, engineStarts), ratio(runs, insertsRun),
                    path.startsWith("d ") ? ratio(runs, bareCompletes) : "", cpuPerOp(runs),
                    path.startsWith("d ") ? cpuRatio(runs, bareCompletes, false) : path.startsWith("b ") ? "" : cpuRatio(runs, engineStarts, false),
                    path.startsWith("d ") ? cpuRatio(runs, bareCompletes, true) : path.startsWith("b ") ? "" : cpuRatio(runs, engineStarts, true),
                    clientCpuPerOp(runs)));
        }
        double[] s = startups.stream().mapToDouble(Double::doubleValue).toArray();
        print(String.format(Locale.ROOT, "| f  start-up to /health UP (first, then restarts) | - | %s s | | | | | | | | | | | | | | |",
                String.join(" / ", startups.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList())));
        print(String.format(Locale.ROOT, "| f  VmRSS of the server under %d clients (max of 4 samples/s); VmHWM at the end | - | %d MB; %d MB | | | | | | | | | | | | | | |",
                Arrays.stream(clients).max().orElse(0), rssUnderLoadKb / 1024, hwmKb / 1024));
        print("JVM of the server: " + javaOpts + "; load average at the end " + loadAverage()
                + ". The machine is shared: the ratios to the yardsticks of the same round are the figures that count.");
        notes.forEach(n -> print("note: " + n));
        if (s.length == 0) {
            print("no start-up measured");
        }
    }

    /**
     * CPU milliseconds per operation of a burst, its Java process and PostgreSQL together, with or without what the
     * JIT compiler threads spent meanwhile; NaN when unknown.
     */
    private static double cpuMs(Burst b, boolean withoutJit) {
        if (b.javaCpuNanos < 0 || b.dbCpuNanos < 0 || b.count() == 0 || (withoutJit && b.jitCpuNanos < 0)) {
            return Double.NaN;
        }
        return (b.javaCpuNanos - (withoutJit ? b.jitCpuNanos : 0) + b.dbCpuNanos) / 1e6 / b.count();
    }

    /** The medians over the rounds of the Java process's (its JIT's) and PostgreSQL's CPU milliseconds per operation. */
    private static String cpuPerOp(List<Burst> runs) {
        double[] java = runs.stream().filter(b -> b.javaCpuNanos >= 0 && b.count() > 0)
                .mapToDouble(b -> b.javaCpuNanos / 1e6 / b.count()).toArray();
        double[] jit = runs.stream().filter(b -> b.jitCpuNanos >= 0 && b.count() > 0)
                .mapToDouble(b -> b.jitCpuNanos / 1e6 / b.count()).toArray();
        double[] db = runs.stream().filter(b -> b.dbCpuNanos >= 0 && b.count() > 0)
                .mapToDouble(b -> b.dbCpuNanos / 1e6 / b.count()).toArray();
        return java.length == 0 || db.length == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f (%s) + %.2f", Burst.median(java),
                        jit.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", Burst.median(jit)), Burst.median(db));
    }

    /** The median over the rounds of this JVM's CPU milliseconds per operation while the server did the work; blank when it did the work itself. */
    private static String clientCpuPerOp(List<Burst> runs) {
        double[] client = runs.stream().filter(b -> b.clientCpuNanos >= 0 && b.count() > 0)
                .mapToDouble(b -> b.clientCpuNanos / 1e6 / b.count()).toArray();
        return client.length == 0 ? "" : String.format(Locale.ROOT, "%.2f", Burst.median(client));
    }

    /**
     * The median over the rounds of the yardstick's CPU per operation divided by this path's, in the same round: the
     * share of the yardstick's work-rate this path would reach on the same CPU, whatever else took the cores.
     */
    private static String cpuRatio(List<Burst> runs, List<Burst> yardstick, boolean withoutJit) {
        int n = Math.min(runs.size(), yardstick.size());
        double[] ratios = java.util.stream.IntStream.range(0, n)
                .mapToDouble(i -> cpuMs(yardstick.get(i), withoutJit) / cpuMs(runs.get(i), withoutJit))
                .filter(x -> !Double.isNaN(x) && !Double.isInfinite(x)).toArray();
        if (ratios.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", Burst.median(ratios), Arrays.stream(ratios).min().orElse(0),
                Arrays.stream(ratios).max().orElse(0));
    }

    /** The median over the rounds of this path's rate divided by the yardstick's rate in the same round. */
    private static String ratio(List<Burst> runs, List<Burst> yardstick) {
        int n = Math.min(runs.size(), yardstick.size());
        double[] ratios = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = runs.get(i).rate() / yardstick.get(i).rate();
        }
        double min = Arrays.stream(ratios).min().orElse(Double.NaN);
        double max = Arrays.stream(ratios).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", Burst.median(ratios), min, max);
    }

    private List<HttpUser> logins(WeiquanServer server, String user, int n) throws IOException, InterruptedException {
        List<HttpUser> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(HttpUser.login(server.base, user, DEMO_PASSWORD));
        }
        return users;
    }

    /** Registers the station's existing contacts through the API (confirmedNew: no duplicate search), 8 at a time. */
    private void load(List<HttpUser> intake, ContactBodies bodies, ConcurrentLinkedQueue<String> reviewTasks) throws InterruptedException {
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        long step = Math.max(1000, contacts / 10);
        Burst b = Burst.run("load", Math.min(8, intake.size()), Duration.ofDays(1).toMillis(), contacts, w -> {
            HttpUser.Reply reply = intake.get(w).post("api/contacts", bodies.next(true));
            if (reply.status() != 201) {
                throw new IllegalStateException("registration answered " + reply.status() + ": " + cut(reply.body()));
            }
            String task = HttpUser.reviewTaskOf(reply.json());
            if (task != null) {
                reviewTasks.add(task);
            }
            long n = done.incrementAndGet();
            if (n % step == 0) {
                System.out.printf(Locale.ROOT, "loaded %d of %d contacts (%.0f s)%n", n, contacts, (System.nanoTime() - started) / 1e9);
            }
            return "201";
        });
        print(String.format(Locale.ROOT, "loaded %d contacts through POST /api/contacts (confirmedNew) in %.0f s (%.0f/s, 8 clients)%s",
                b.count(), b.seconds, b.rate(), b.failures == 0 ? "" : "; " + b.failures + " failed, first: " + b.firstFailure));
        if (b.count() < contacts) {
            throw new IllegalStateException("only " + b.count() + " of " + contacts + " contacts were registered");
        }
    }

    /**
     * Fresh planner statistics and visibility map after the load, as autovacuum would give them in production (this
     * machine's server runs without it): index-only scans, such as the duplicate search's, read the map.
     */
    private void analyze() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
    }

    private void recreateDatabase() throws SQLException {
        String admin = "jdbc:postgresql://" + dbHost + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, setting("db.admin.user", "postgres"), setting("db.admin.password", ""));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + dbName + " OWNER " + dbUser + " ENCODING 'UTF8' TEMPLATE template0");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement();
             ResultSet v = s.executeQuery("SHOW server_version")) {
            v.next();
            print("PostgreSQL " + v.getString(1) + ", database " + dbName + " created anew");
        }
    }

    /** The pgbench-like yardstick: one row, one statement, autocommit, a connection per thread. */
    private final class Inserts implements AutoCloseable {
        private final List<Connection> connections = new ArrayList<>();
        private final List<PreparedStatement> statements = new ArrayList<>();

        Inserts(int n) throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + BareEngine.SCHEMA + ".one_row_insert (id bigserial PRIMARY KEY, "
                        + "station varchar(32) NOT NULL, note varchar(200), at timestamptz NOT NULL DEFAULT now())");
            }
            for (int i = 0; i < n; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
                connections.add(c);
                statements.add(c.prepareStatement("INSERT INTO " + BareEngine.SCHEMA + ".one_row_insert (station, note) VALUES (?, ?)"));
            }
        }

        String insertOne(int worker) throws SQLException {
            PreparedStatement p = statements.get(worker);
            p.setString(1, "QX-0101");
            p.setString(2, "yardstick");
            p.executeUpdate();
            return "ok";
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** Samples the server's VmRSS four times a second until stopped; answers the largest, in kB. */
    private static final class RssSampler {
        private final Thread thread;
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;

        RssSampler(WeiquanServer server) {
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(server.procStatusKb("VmRSS"), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }

    private static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.1f", l);
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) : s;
    }

    private void print(String line) {
        System.out.println(line);
        out.append(line).append('\n');
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
