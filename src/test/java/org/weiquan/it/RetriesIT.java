package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.api.IdempotencyKeysPurge;
import org.weiquan.infrastructure.WeiquanDatabase;
import org.weiquan.station.StationSeeds;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * What a client that retries relies on: an Idempotency-Key makes a retried request answer the first answer
 * and create nothing more; when the database cannot serve, the answer is 503 with Retry-After, and the node
 * serves again as soon as it can. And what an operator relies on: start-up data, health and the API document.
 */
@ExtendWith(ArquillianExtension.class)
class RetriesIT {

    private static final String STATION = "QX-0207";
    private static final String OTHER_STATION = "QX-0208";

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    IdempotencyKeysPurge purge;

    @Inject
    StationSeeds seeds;

    private Api intake() {
        return TestUsers.user(base, "rt-intake", STATION, "INTAKE");
    }

    private Api otherIntake() {
        return TestUsers.user(base, "rt-intake-2", OTHER_STATION, "INTAKE");
    }

    private Api supervisor() {
        return TestUsers.user(base, "rt-supervisor", STATION, "SUPERVISOR");
    }

    /** A registration whose summary carries a marker, so that the test can count what was stored. */
    private static String registration(String station, String marker) {
        return contact(station, "VISIT", "MARRIAGE_DISPUTE").add("summary", "重试测试 " + marker)
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString();
    }

    private long stored(String marker) {
        return new Database(dataSource).count("SELECT COUNT(*) FROM contact WHERE summary = ?", "重试测试 " + marker);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aRegistrationSentAgainWithItsKeyAnswersTheFirstAnswerAndCreatesNothingMore() {
        String marker = key();
        Api client = intake().withHeader("Idempotency-Key", key());
        String body = registration(STATION, marker);

        Api.Reply first = client.post("api/contacts", body);
        Api.Reply again = client.post("api/contacts", body);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(again.json().getJsonNumber("id")).isEqualTo(first.json().getJsonNumber("id"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(stored(marker)).isEqualTo(1);
    }

    @Test
    void copiesOfOneRequestArrivingTogetherCreateOneContactAndAllGetItsAnswer() throws Exception {
        String marker = key();
        Api client = intake().withHeader("Idempotency-Key", key());
        String body = registration(STATION, marker);
        Callable<Api.Reply> send = () -> {
            Api.Reply reply = client.post("api/contacts", body);
            for (int i = 0; i < 30 && reply.status() == 409; i++) { // "still running": the client waits a second
                TimeUnit.SECONDS.sleep(1);
                reply = client.post("api/contacts", body);
            }
            return reply;
        };
        ExecutorService copies = Executors.newFixedThreadPool(6);
        List<Api.Reply> replies = new ArrayList<>();
        try {
            for (Future<Api.Reply> f : copies.invokeAll(java.util.Collections.nCopies(6, send), 120, TimeUnit.SECONDS)) {
                replies.add(f.get());
            }
        } finally {
            copies.shutdownNow();
        }
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(replies).extracting(Api.Reply::location).containsOnly(replies.get(0).location());
        assertThat(replies).filteredOn(r -> r.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(stored(marker)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
        Api client = intake().withHeader("Idempotency-Key", key());
        String marker = key();
        assertThat(client.post("api/contacts", registration(STATION, key())).status()).isEqualTo(201);

        Api.Reply other = client.post("api/contacts", registration(STATION, marker));

        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("Idempotency-Key");
        assertThat(stored(marker)).isZero();
    }

    @Test
    void aRefusedRequestLeavesItsKeyFreeSoThatTheCorrectedRequestIsStored() {
        String marker = key();
        Api client = intake().withHeader("Idempotency-Key", key());
        String withoutStation = registration(STATION, marker).replace("\"stationCode\":\"" + STATION + "\",", "");

        Api.Reply refused = client.post("api/contacts", withoutStation);
        Api.Reply corrected = client.post("api/contacts", registration(STATION, marker));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(corrected.header("Idempotent-Replayed")).isNull();
        assertThat(stored(marker)).isEqualTo(1);
    }

    @Test
    void aRequestThatFailsAfterWritingLeavesNeitherItsWritesNorItsKey() {
        // the test endpoint registers at QX-0104
        Api client = TestUsers.user(base, "rt-intake-0104", "QX-0104", "INTAKE").withHeader("Idempotency-Key", key());

        Api.Reply first = client.post("api/it/fail-after-registration", "{}");
        Api.Reply second = client.post("api/it/fail-after-registration", "{}");

        assertThat(first.status()).as(first.toString()).isEqualTo(409);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.header("Idempotent-Replayed")).as("the failed request was run again, not replayed").isNull();
        long firstId = first.json().getJsonNumber("contactId").longValue();
        long secondId = second.json().getJsonNumber("contactId").longValue();
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(new Database(dataSource).count("SELECT COUNT(*) FROM contact WHERE id IN (?, ?)", firstId, secondId))
                .isZero();
    }

    @Test
    void aKeyBelongsToItsUser() {
        String key = key();
        String marker = key();
        String otherMarker = key();

        Api.Reply mine = intake().withHeader("Idempotency-Key", key).post("api/contacts", registration(STATION, marker));
        Api.Reply theirs = otherIntake().withHeader("Idempotency-Key", key)
                .post("api/contacts", registration(OTHER_STATION, otherMarker));

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
        assertThat(theirs.location()).isNotEqualTo(mine.location());
        assertThat(stored(marker)).isEqualTo(1);
        assertThat(stored(otherMarker)).isEqualTo(1);
    }

    @Test
    void aTaskCompletionSentAgainWithItsKeyIsAnsweredAsDoneAndCompletesOnce() {
        TestUsers.user(base, "rt-mediator", STATION, "MEDIATOR");
        Api.Reply registered = intake().post("api/contacts", registration(STATION, key()));
        String contactId = registered.json().getJsonNumber("id").toString();
        Api.Reply accepted = supervisor().post("api/contacts/" + contactId + "/decision", "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String number = accepted.json().getString("caseNumber");
        String assign = openTasks(number).stream().filter(t -> t.getString("key").equals("Task_AssignMediator"))
                .map(t -> t.getString("id")).findFirst().orElseThrow();
        Api client = supervisor().withHeader("Idempotency-Key", key());

        Api.Reply done = client.post("api/tasks/" + assign + "/completion", "{\"mediator\":\"rt-mediator\"}");
        Api.Reply again = client.post("api/tasks/" + assign + "/completion", "{\"mediator\":\"rt-mediator\"}");
        Api.Reply withoutKey = supervisor().post("api/tasks/" + assign + "/completion", "{\"mediator\":\"rt-mediator\"}");

        assertThat(done.status()).as(done.toString()).isEqualTo(204);
        assertThat(again.status()).as(again.toString()).isEqualTo(204);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(withoutKey.status()).as("the task was completed once, and is gone").isIn(404, 409);
        assertThat(new Database(dataSource).count("SELECT COUNT(*) FROM case_event e JOIN case_file c ON c.id = e.case_id "
                + "WHERE c.number = ? AND e.type = 'MEDIATOR_ASSIGNED'", number)).as("the mediator was assigned once").isEqualTo(1);
    }

    private List<JsonObject> openTasks(String number) {
        Api.Reply file = supervisor().get("api/cases/" + number);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        return file.json().getJsonArray("openTasks").getValuesAs(JsonObject.class);
    }

    @Test
    void theStoredFirstAnswerIsEncryptedAndItsRequestOnlyKeptAsAKeyedHash() throws SQLException {
        String key = key();
        String name = TestData.name();
        String phone = TestData.mobile();
        String body = contact(STATION, "VISIT", "OTHER")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", name, phone)))
                .add("confirmedNew", true).build().toString();
        Api.Reply reply = intake().withHeader("Idempotency-Key", key).post("api/contacts", body);
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).contains(name);

        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT response_body, request_hash, response_headers "
                     + "FROM idempotency_key WHERE username = 'rt-intake' AND idem_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String storedBody = new String(rs.getBytes(1), StandardCharsets.UTF_8);
                assertThat(storedBody).doesNotContain(name).doesNotContain(phone).startsWith("k1:");
                assertThat(rs.getString(2)).hasSize(64).doesNotContain(name);
                assertThat(rs.getString(3)).contains("location: ").doesNotContain(name);
            }
        }
    }

    /** Registers through the client, then makes the registration's key 25 hours old. */
    /** A contact registered with an Idempotency-Key that is then made 25 hours old, and how to send it again. */
    private record OldKey(String key, String marker, Api client, String body, Api.Reply first) {
    }

    private OldKey registeredAndItsKeyMadeOld() {
        String key = key();
        String marker = key();
        Api client = intake().withHeader("Idempotency-Key", key);
        String body = registration(STATION, marker);
        Api.Reply first = client.post("api/contacts", body);
        assertThat(first.status()).isEqualTo(201);
        new Database(dataSource).update("UPDATE idempotency_key SET created_at = created_at - INTERVAL '25' HOUR "
                + "WHERE username = 'rt-intake' AND idem_key = ?", key);
        return new OldKey(key, marker, client, body, first);
    }

    @Test
    void aKeyIsForgottenAfter24Hours() {
        OldKey old = registeredAndItsKeyMadeOld();

        purge.purge();

        assertThat(new Database(dataSource).count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ?", old.key()))
                .isZero();
        Api.Reply later = old.client().post("api/contacts", old.body());
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.location()).isNotEqualTo(old.first().location());
        assertThat(stored(old.marker())).isEqualTo(2);
    }

    @Test
    void aKeyOlderThan24HoursThatIsNotPurgedYetIsTakenByTheNextRequest() {
        OldKey old = registeredAndItsKeyMadeOld();

        Api.Reply later = old.client().post("api/contacts", old.body());

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.header("Idempotent-Replayed")).isNull();
        assertThat(later.location()).isNotEqualTo(old.first().location());
        assertThat(stored(old.marker())).isEqualTo(2);
        Api.Reply again = old.client().post("api/contacts", old.body());
        assertThat(again.header("Idempotent-Replayed")).isNotNull();
        assertThat(again.location()).isEqualTo(later.location());
        assertThat(stored(old.marker())).isEqualTo(2);
    }

    @Test
    void whenEveryPooledConnectionIsBusyRequestsAnswer503WithRetryAfterAndTheNodeServesAgainOnceOneIsFree()
            throws SQLException {
        Api staff = intake();
        List<Connection> held = new ArrayList<>();
        Api.Reply busy;
        Api.Reply login;
        try {
            for (int i = 0; i < 64; i++) { // the pool holds 32; a few may be in use by the engine
                try {
                    held.add(dataSource.getConnection());
                } catch (SQLException poolExhausted) {
                    break;
                }
            }
            busy = staff.get("api/stations");
            login = new Api(base).post("api/auth/token", "{\"username\":\"rt-intake\",\"password\":\""
                    + TestUsers.PASSWORD + "\"}");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        Api.Reply after = staff.get("api/stations");

        assertThat(held.size()).isGreaterThanOrEqualTo(28);
        assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("2");
        assertThat(busy.contentType()).startsWith("application/problem+json");
        assertThat(busy.json().getString("type")).isEqualTo("https://weiquan.org/problems/unavailable");
        assertThat(login.status()).as(login.toString()).isEqualTo(503);
        assertThat(login.header("Retry-After")).isNotNull();
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void aRequestWhoseCommitCannotReachTheDatabaseAnswers503WithRetryAfterNot500() throws InterruptedException {
        commitLost("enterprise-bean");
    }

    @Test
    void theSameForACommitOfTheTransactionalInterceptorAsTheTokenCheckHasOne() throws InterruptedException {
        commitLost("transactional");
    }

    private void commitLost(String kind) throws InterruptedException {
        Api staff = intake();
        // the transaction's connection is cut after its work, before the container commits it
        Api.Reply lost = TestUsers.countyStaff(base).post("api/it/commit-lost/" + kind, "{}");
        // the broken connection may go back to the pool, which checks a connection at most every 2 s
        TimeUnit.MILLISECONDS.sleep(2_500);
        Api.Reply after = staff.get("api/stations");

        assertThat(lost.status()).as(lost.toString()).isEqualTo(503);
        assertThat(lost.header("Retry-After")).isEqualTo("2");
        assertThat(lost.contentType()).startsWith("application/problem+json");
        assertThat(lost.json().getString("type")).isEqualTo("https://weiquan.org/problems/unavailable");
        assertThat(lost.json().getString("detail")).contains("could not complete the change", "Idempotency-Key");
        assertThat(after.status()).isEqualTo(200);
    }

    // ---- operability (was OperabilityIT; one class, one Payara start) ----
    // Start-up data, health and the API document: what an operator relies on.

    @Test
    void theSeededStationTreeIsServedRootFirst() {
        Api.Reply reply = TestUsers.countyStaff(base).get("api/stations");
        assertThat(reply.status()).isEqualTo(200);
        JsonArray roots = (JsonArray) reply.jsonStructure();
        assertThat(roots.getValuesAs(JsonObject.class)).anySatisfy(county -> {
            assertThat(county.getString("code")).isEqualTo("QX");
            assertThat(county.getString("name")).isEqualTo("清溪县妇女联合会");
            assertThat(county.getJsonArray("children").getValuesAs(JsonObject.class))
                    .extracting(s -> s.getString("code")).contains("QX-01", "QX-02");
        });
    }

    @Test
    void loadingTheSameStationsFromTwoNodesAtOnceAddsThemOnce() throws Exception {
        String prefix = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        byte[] csv = ("code,name,level,parent_code\n"
                + prefix + ",测试县妇联,COUNTY,\n"
                + prefix + "-01,测试街道,SUBDISTRICT," + prefix + "\n"
                + prefix + "-0101,测试社区,COMMUNITY," + prefix + "-01\n"
                + prefix + "-0102,测试村,VILLAGE," + prefix + "-01\n").getBytes(StandardCharsets.UTF_8);
        String name = "test-seed-" + prefix;
        Callable<Integer> load = () -> seeds.load(name, csv);

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = nodes.invokeAll(List.of(load, load));
            int first = results.get(0).get();
            int second = results.get(1).get();
            assertThat(List.of(first, second)).containsExactlyInAnyOrder(4, 0);
        } finally {
            nodes.shutdown();
        }
        assertThat(new Database(dataSource).count("SELECT COUNT(*) FROM station WHERE code LIKE ?", prefix + "%"))
                .isEqualTo(4);
        assertThat(seeds.load(name, csv)).as("a third load adds nothing").isZero();
    }

    @Test
    void healthIsUpWithTheDatabaseAndTheEngine() {
        Api.Reply reply = new Api(rootOf(base)).get("health");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject health = reply.json();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonArray("checks").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("name")).contains("database", "process-engine");
    }

    @Test
    void theOpenApiDocumentDescribesTheContactsApi() {
        Api.Reply reply = new Api(rootOf(base)).get("openapi");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("Weiquan API").contains("/contacts").contains("/stations");
    }

    /**
     * Issue 15 point 3: a bad request is no server trouble. 100 bad searches (422) write one line each —
     * method, path, status, problem type — and no stack trace; the bytes written are printed (the log
     * before this fix held an EJB stack trace of ~11.6 KB per bad request).
     */
    @Test
    void badRequestsWriteOneLineEachAndNoStackTrace() {
        Api staff = TestUsers.countyStaff(base);
        staff.get("api/cases?status=NOPE");
        java.util.List<java.util.logging.LogRecord> records = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long[] bytes = {0};
        java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();
        java.util.logging.Handler counting = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                // the test runner's own polling requests are logged too: they are not the bad searches'
                if (isLoggable(r) && !String.valueOf(r.getMessage()).contains("ArquillianServletRunner")) {
                    records.add(r);
                    synchronized (bytes) {
                        bytes[0] += format.format(r).getBytes(StandardCharsets.UTF_8).length;
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        counting.setLevel(java.util.logging.Level.INFO);
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(counting);
        try {
            for (int i = 0; i < 100; i++) {
                Api.Reply bad = staff.get("api/cases?status=NOPE&page=" + i);
                assertThat(bad.status()).isEqualTo(422);
            }
        } finally {
            root.removeHandler(counting);
        }
        System.out.println("[log] 100 bad searches wrote " + records.size() + " records, " + bytes[0] + " bytes");
        assertThat(records).noneMatch(r -> r.getThrown() != null);
        assertThat(records.stream().filter(r -> String.valueOf(r.getMessage()).contains("GET ")
                && String.valueOf(r.getMessage()).contains(" 422 ")).count()).isEqualTo(100);
        assertThat(records.stream().filter(r -> String.valueOf(r.getMessage()).contains(" 422 "))
                .allMatch(r -> r.getMessage().endsWith("invalid-input"))).as("each line names the problem type").isTrue();
        assertThat(records).as("one line per request, nothing else").hasSizeLessThanOrEqualTo(105);
    }

    @Test
    void anUnexpectedErrorIsLoggedOnceWithTheReferenceItsAnswerCarries() {
        java.util.List<java.util.logging.LogRecord> records = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler collecting = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(collecting);
        Api.Reply failed;
        try {
            failed = TestUsers.countyStaff(base).get("api/it/unexpected-failure");
        } finally {
            root.removeHandler(collecting);
        }
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        String reference = failed.json().getString("detail").replaceAll(".*Reference: ", "");
        assertThat(records).as("one record").hasSize(1);
        String logged = records.get(0).getMessage();
        assertThat(logged).contains(reference).contains("IllegalStateException").contains("\tat org.weiquan.it.")
                .as("no message of the exception: it may quote personal data").doesNotContain("13812345678");
    }

    @Test
    void healthNamesNoDatabaseProductOrVersion() {
        Api.Reply reply = new Api(rootOf(base)).get("health");
        assertThat(reply.body()).doesNotContainIgnoringCase("postgresql").doesNotContain("H2 ").doesNotContain("2.2.224");
    }

    /** /health and /openapi live at the server's root, whatever the application's context root. */
    private static URL rootOf(URL url) {
        try {
            return URI.create(url.getProtocol() + "://" + url.getHost() + ":" + url.getPort() + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
