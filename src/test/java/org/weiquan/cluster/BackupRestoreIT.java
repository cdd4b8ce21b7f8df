package org.weiquan.cluster;

import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backup and restore as the README describes them: {@code pg_dump -Fc} of a live database, {@code pg_restore}
 * into a fresh one, a node started on it with the same keys. Every case (with its parties decrypted), task,
 * timer and attachment is found again, and the engine fires the timers that were waiting in the dump.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIT {

    private static final String STATION = "QX-0101";
    private static final String SOURCE = "weiquan_live";
    private static final String RESTORED = "weiquan_restored";
    private static final Path LOGS = Path.of("target/backup-test");
    private static final Duration TIMER_DELAY = Duration.ofSeconds(40);

    private LocalPostgres pg;
    private NodeProcess live;
    private NodeProcess restored;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Map<String, String> phoneByCase = new HashMap<>();
    private final Map<Long, String> attachmentHashes = new HashMap<>();
    private final List<Long> timerContacts = new ArrayList<>();
    private Set<String> casesBefore;
    private Set<String> tasksBefore;
    private Set<String> jobsBefore;
    private Set<String> jobsInRestoredDatabase;
    private Instant dumpedAt;
    private Instant firstTimerDue;
    private String intakeToken;
    private String supervisorToken;
    /** The county's mail server, up only for the restored system: the live one could not reach its server. */
    private GreenMail mail;
    private String chaseBeforeTheBackup;
    private static final String CHASED_PHONE = "13661234567";

    @BeforeAll
    void backUpAndRestore() throws Exception {
        assumeTrue(Cluster.required(), "the restore test runs with the PostgreSQL integration tests (WEIQUAN_TEST_DB_URL)");
        Path bin = LocalPostgres.binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL's programs (initdb, pg_ctl, pg_dump, pg_restore) are missing: install postgresql or set WEIQUAN_TEST_PG_BIN"));
        pg = LocalPostgres.start(bin);
        pg.createDatabase(SOURCE);
        Map<String, String> env = new HashMap<>(Cluster.environment(pg, SOURCE));
        env.put("WEIQUAN_JOB_MAX_WAIT_SECONDS", "2");
        mail = new GreenMail(new ServerSetup(LocalPostgres.freePort(), "127.0.0.1", "smtp"));
        env.put("WEIQUAN_SMTP_HOST", "127.0.0.1");
        env.put("WEIQUAN_SMTP_PORT", String.valueOf(LocalPostgres.freePort())); // nothing listens there
        env.put("WEIQUAN_NOTIFY_RETRY_SECONDS", "1");
        env.put("WEIQUAN_NOTIFY_MAX_ATTEMPTS", "1000");
        live = Cluster.node("live", env, LOGS, LocalPostgres.freePort(), List.of(), null);
        live.start();
        if (!live.awaitUp(Cluster.START_TIMEOUT)) {
            fail("the node did not come up:\n" + live.logTail(60));
        }
        Cluster.createUser(live, "b-intake", STATION, "INTAKE");
        Cluster.createUser(live, "b-supervisor", STATION, "SUPERVISOR");
        Cluster.createUser(live, "b-mediator", STATION, "MEDIATOR");
        intakeToken = RetryingClient.token(List.of(live), "b-intake", Cluster.PASSWORD);
        supervisorToken = RetryingClient.token(List.of(live), "b-supervisor", Cluster.PASSWORD);
        send(supervisorToken, "PUT", "api/notifications/preference",
                "{\"email\":\"b-supervisor@county.test\",\"emailMode\":\"URGENT_AND_DIGEST\"}", 200);
        chaseBeforeTheBackup = chaseOneReviewNow();

        for (int i = 0; i < 4; i++) {
            String phone = "139" + String.format("%08d", 31_000_000 + i * 7_919);
            long contact = register(Instant.now().minus(Duration.ofHours(3)), phone);
            attach(contact, i);
            JsonObject accepted = post(supervisorToken, "api/contacts/" + contact + "/decision", "{\"decision\":\"ACCEPTED\"}", 200);
            phoneByCase.put(accepted.getString("caseNumber"), phone);
        }
        Instant due = Instant.now().plus(TIMER_DELAY);
        firstTimerDue = due;
        for (int i = 0; i < 3; i++) {
            // received almost 15 days ago, the deadline brought forward to fall due after the backup
            Instant receivedAt = due.plusSeconds(i).minus(Duration.ofDays(15));
            long contact = register(receivedAt, "137" + String.format("%08d", 52_000_000 + i));
            pg.bringReviewDeadlineForward(SOURCE, contact, receivedAt, due.plusSeconds(i));
            timerContacts.add(contact);
        }
        casesBefore = set(SOURCE, "SELECT number FROM case_file");
        tasksBefore = set(SOURCE, "SELECT id_ FROM act_ru_task");
        jobsBefore = set(SOURCE, "SELECT id_ || ' ' || handler_type_ || ' ' || COALESCE(CAST(duedate_ AS VARCHAR), '-') FROM act_ru_job");

        Path dump = LOGS.resolve("weiquan.dump").toAbsolutePath();
        Files.deleteIfExists(dump);
        pg.dump(SOURCE, dump);
        dumpedAt = Instant.now();
        live.stop(); // the live system is gone: only the dump (and the keys) remain

        pg.createDatabase(RESTORED);
        pg.restore(dump, RESTORED);
        jobsInRestoredDatabase = set(RESTORED, "SELECT id_ || ' ' || handler_type_ || ' ' || COALESCE(CAST(duedate_ AS VARCHAR), '-') FROM act_ru_job");

        mail.start();
        Map<String, String> restoredEnv = new HashMap<>(Cluster.environment(pg, RESTORED));
        restoredEnv.put("WEIQUAN_SMTP_HOST", "127.0.0.1");
        restoredEnv.put("WEIQUAN_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()));
        restoredEnv.put("WEIQUAN_NOTIFY_RETRY_SECONDS", "1");
        restored = Cluster.node("restored", restoredEnv, LOGS, LocalPostgres.freePort(), List.of(), null);
        restored.start();
        if (!restored.awaitUp(Cluster.START_TIMEOUT)) {
            fail("the node on the restored database did not come up:\n" + restored.logTail(60));
        }
        intakeToken = RetryingClient.token(List.of(restored), "b-intake", Cluster.PASSWORD);
        supervisorToken = RetryingClient.token(List.of(restored), "b-supervisor", Cluster.PASSWORD);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (live != null) {
            live.stop();
        }
        if (restored != null) {
            restored.stop();
        }
        if (pg != null) {
            pg.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void theDumpWasTakenBeforeTheTimersFellDue() {
        assertThat(dumpedAt).isBefore(firstTimerDue);
        assertThat(jobsInRestoredDatabase).as("timers and other jobs, as they were").isEqualTo(jobsBefore);
        assertThat(jobsBefore).filteredOn(j -> j.contains("timer")).hasSizeGreaterThanOrEqualTo(timerContacts.size());
    }

    @Test
    void everyCaseIsFoundWithItsPartiesReadableWithTheKeptKeys() throws Exception {
        assertThat(casesBefore).hasSize(4);
        assertThat(set(RESTORED, "SELECT number FROM case_file")).isEqualTo(casesBefore);
        for (String number : casesBefore) {
            JsonObject file = get(supervisorToken, "api/cases/" + number);
            assertThat(file.toString()).as("case %s", number).contains(phoneByCase.get(number));
        }
    }

    @Test
    void everyTaskIsFoundAndTheInboxShowsThem() throws Exception {
        assertThat(set(RESTORED, "SELECT id_ FROM act_ru_task")).containsAll(tasksBefore);
        HttpResponse<String> inbox = http.send(request(supervisorToken, "api/tasks?scope=station&size=200").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inbox.statusCode()).isEqualTo(200);
        Set<String> listed = new TreeSet<>();
        Json.createReader(new java.io.StringReader(inbox.body())).readObject().getJsonArray("items").getValuesAs(JsonObject.class)
                .forEach(t -> listed.add(t.getString("id")));
        Set<String> supervisors = set(RESTORED, "SELECT t.id_ FROM act_ru_task t JOIN act_ru_identitylink l ON l.task_id_ = t.id_ "
                + "WHERE l.group_id_ = 'station:" + STATION + ":supervisor' AND t.assignee_ IS NULL");
        assertThat(supervisors).isNotEmpty();
        assertThat(listed).containsAll(supervisors);
    }

    @Test
    void everyAttachmentIsFoundWithTheSameContent() throws Exception {
        assertThat(attachmentHashes).hasSize(4);
        for (var a : attachmentHashes.entrySet()) {
            long contact = a.getKey();
            JsonObject c = get(intakeToken, "api/contacts/" + contact);
            long attachment = c.getJsonArray("attachments").getJsonObject(0).getJsonNumber("id").longValue();
            HttpResponse<byte[]> content = http.send(request(intakeToken, "api/contacts/" + contact + "/attachments/" + attachment)
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(sha256(content.body())).isEqualTo(a.getValue());
        }
    }

    @Test
    void theEngineFiresTheTimersThatWereWaitingInTheDump() throws Exception {
        long deadline = System.nanoTime() + TIMER_DELAY.plusSeconds(120).toNanos();
        long fired = 0;
        while (System.nanoTime() < deadline) {
            fired = timerContacts.stream().filter(id -> pg.count(RESTORED, "SELECT COUNT(*) FROM act_hi_taskinst t "
                    + "JOIN act_hi_procinst p ON p.id_ = t.proc_inst_id_ WHERE p.business_key_ = '" + id
                    + "' AND t.task_def_key_ = 'Task_ChaseOverdue'") == 1).count();
            if (fired == timerContacts.size()) {
                break;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        assertThat(fired).as("review deadlines chased on the restored system").isEqualTo(timerContacts.size());
        String timerKeys = timerContacts.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
        assertThat(pg.count(SOURCE, "SELECT COUNT(*) FROM act_hi_taskinst t JOIN act_hi_procinst p ON p.id_ = t.proc_inst_id_ "
                + "WHERE t.task_def_key_ = 'Task_ChaseOverdue' AND p.business_key_ IN (" + timerKeys + ")"))
                .as("the live system, stopped after the backup, chased none of them").isZero();
    }

    /**
     * Issue 19: an urgent e-mail committed in the outbox on the live system, whose mail server could not be
     * reached, is sent once by the restarted (restored) system — and not again by its later runs.
     */
    @Test
    void aNotificationCommittedBeforeTheStopIsSentOnceAfterTheRestart() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (mailsAbout(chaseBeforeTheBackup) == 0 && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
        }
        assertThat(mailsAbout(chaseBeforeTheBackup)).as("the chase's e-mail, after the restart").isEqualTo(1);
        TimeUnit.SECONDS.sleep(20); // the dispatcher runs every 15 s: one more run sends nothing twice
        assertThat(mailsAbout(chaseBeforeTheBackup)).as("still one e-mail").isEqualTo(1);
        assertThat(pg.count(RESTORED, "SELECT COUNT(*) FROM notification_outbox WHERE channel = 'EMAIL' AND state = 'SENT' "
                + "AND attempts > 1")).as("sent after the live system's failed attempts").isPositive();
        for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessages()) {
            assertThat(m.getContent() + m.getSubject()).as("no party of the case in the e-mail")
                    .doesNotContain("备份测试人").doesNotContain(CHASED_PHONE)
                    .doesNotContain(phoneByCase.values().toArray(String[]::new));
        }
    }

    /** Registers a contact whose review deadline passes now: its chase is urgent, and its e-mail cannot go out. */
    private String chaseOneReviewNow() throws Exception {
        Instant receivedAt = Instant.now().minus(Duration.ofDays(15));
        long contact = register(receivedAt, CHASED_PHONE);
        pg.bringReviewDeadlineForward(SOURCE, contact, receivedAt, Instant.now());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> chase = List.of();
        long tried = 0;
        while ((chase.isEmpty() || tried == 0) && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
            chase = pg.strings(SOURCE, "SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.proc_inst_id_ = t.proc_inst_id_ "
                    + "AND e.parent_id_ IS NULL WHERE e.business_key_ = '" + contact + "' AND t.task_def_key_ = 'Task_ChaseOverdue'");
            tried = pg.count(SOURCE, "SELECT COUNT(*) FROM notification_outbox WHERE channel = 'EMAIL' AND attempts >= 1 "
                    + "AND state = 'PENDING'");
        }
        assertThat(chase).as("the overdue review is chased on the live system").hasSize(1);
        assertThat(tried).as("its e-mail was tried and waits in the outbox").isPositive();
        return chase.get(0);
    }

    private long mailsAbout(String taskId) throws Exception {
        long n = 0;
        for (jakarta.mail.internet.MimeMessage m : mail.getReceivedMessages()) {
            if (String.valueOf(m.getContent()).contains(taskId)) {
                n++;
            }
        }
        return n;
    }

    private void send(String token, String method, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(token, path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- helpers

    private long register(Instant receivedAt, String phone) throws Exception {
        String body = Json.createObjectBuilder().add("stationCode", STATION).add("channel", "LETTER")
                .add("receivedAt", OffsetDateTime.ofInstant(receivedAt, ZoneOffset.ofHours(8)).toString())
                .add("summary", "备份测试").add("primaryCategory", "DOMESTIC_VIOLENCE")
                .add("parties", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "COMPLAINANT")
                        .add("name", "备份测试人").add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("number", phone).add("safeToContact", true)))))
                .add("confirmedNew", true).build().toString();
        return post(intakeToken, "api/contacts", body, 201).getJsonNumber("id").longValue();
    }

    private void attach(long contact, int i) throws Exception {
        byte[] pdf = ("%PDF-1.4\n% backup test " + i + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = http.send(request(intakeToken, "api/contacts/" + contact + "/attachments")
                .header("Content-Type", "application/pdf").header("Content-Disposition", "attachment; filename=\"scan-" + i + ".pdf\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        attachmentHashes.put(contact, sha256(pdf));
    }

    private JsonObject post(String token, String path, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(expected);
        return Cluster.json(r.body());
    }

    private JsonObject get(String token, String path) throws Exception {
        HttpResponse<String> r = http.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return Cluster.json(r.body());
    }

    private HttpRequest.Builder request(String token, String path) {
        NodeProcess node = restored != null ? restored : live;
        return HttpRequest.newBuilder(URI.create(node.base() + path)).header("Authorization", "Bearer " + token);
    }

    private Set<String> set(String database, String query) {
        return new TreeSet<>(pg.strings(database, query));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
