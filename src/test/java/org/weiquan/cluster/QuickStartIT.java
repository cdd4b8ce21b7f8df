package org.weiquan.cluster;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.weiquan.it.Api;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newcomer's first command as she runs it: one node on the embedded H2 database with the demo data
 * ({@code bin/weiquan-node}, demo mode, no database configured), whatever database the other integration tests use.
 * They run on PostgreSQL in CI, so without this an H2-only failure reached main unseen once (thirteenth session: a
 * query H2 refused, so the demo data stopped loading and every intake answered 500). It walks the README's quick
 * path: the demo mediator's inbox, an intake with the duplicate check, its acceptance and the mediator's assignment.
 */
class QuickStartIT {

    private static final Path HOME = Path.of("target/quickstart-it");
    private static final String PASSWORD = "weiquan-demo-2026";

    private static NodeProcess node;
    private static URL base;

    @BeforeAll
    static void start() throws Exception {
        deleteHome();
        Map<String, String> env = Map.of(
                "WEIQUAN_DEMO", "true",
                "WEIQUAN_DATA_DIR", HOME.resolve("data").toAbsolutePath().toString(),
                "WEIQUAN_NODE_DIR", HOME.resolve("node").toAbsolutePath().toString(),
                "WEIQUAN_CLUSTER_PORT", String.valueOf(freePort()));
        node = new NodeProcess("quickstart", freePort(), env, HOME.resolve("logs"));
        node.start();
        assertThat(node.awaitUp(Duration.ofMinutes(6))).as("up on H2 with the demo data:\n" + node.logTail(60)).isTrue();
        base = node.base().toURL();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void theDemoDataLoadsWithoutAnErrorAndTheDemoMediatorHasWork() {
        assertThat(node.severe(20)).as("SEVERE records of the start").isEmpty();
        Api.Reply inbox = user("tiaojie").get("api/tasks?scope=mine");
        assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
        assertThat(inbox.json().getInt("total")).as("the demo mediator's tasks").isPositive();
    }

    @Test
    void aContactIsRegisteredCheckedForDuplicatesAcceptedAndItsCaseGivenAMediator() {
        Api intake = user("jiedai");
        Api supervisor = user("zhuren");
        String form = "{\"stationCode\":\"QX-0101\",\"channel\":\"VISIT\",\"receivedAt\":\""
                + OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(20).truncatedTo(ChronoUnit.SECONDS) + "\","
                + "\"summary\":\"来访反映婚姻家庭纠纷\",\"primaryCategory\":\"MARRIAGE_DISPUTE\","
                + "\"parties\":[{\"role\":\"COMPLAINANT\",\"name\":\"阙翠微\",\"phones\":[{\"number\":\"13999887766\","
                + "\"safeToContact\":false}]}]}";

        Api.Reply registered = intake.post("api/contacts", form);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        long contactId = registered.json().getJsonNumber("id").longValue();
        String review = registered.json().getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> "Task_ReviewContact".equals(t.getString("key"))).findFirst().orElseThrow().getString("id");

        Api.Reply again = intake.post("api/contacts", form);
        assertThat(again.status()).as("the same person again: " + again).isEqualTo(409);
        assertThat(again.json().getJsonArray("candidates").getValuesAs(JsonObject.class))
                .anyMatch(c -> c.getJsonNumber("contactId").longValue() == contactId);

        assertThat(supervisor.post("api/tasks/" + review + "/claim", "").status()).isEqualTo(200);
        Api.Reply accepted = supervisor.post("api/tasks/" + review + "/completion", "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(204);
        String caseNumber = intake.get("api/contacts/" + contactId).json().getString("caseNumber");
        assertThat(caseNumber).startsWith("QX-0101-");

        JsonObject assignment = supervisor.get("api/tasks?scope=station&station=QX-0101&kind=Task_AssignMediator&size=200")
                .json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(t -> caseNumber.equals(t.getString("caseNumber", null))).findFirst().orElseThrow();
        assertThat(supervisor.post("api/tasks/" + assignment.getString("id") + "/claim", "").status()).isEqualTo(200);
        Api.Reply assigned = supervisor.post("api/tasks/" + assignment.getString("id") + "/completion",
                "{\"mediator\":\"tiaojie\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);

        List<JsonObject> hers = user("tiaojie").get("api/tasks?scope=mine&size=200").json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(hers).as("the mediator's inbox").anyMatch(t -> caseNumber.equals(t.getString("caseNumber", null))
                && "Task_HandleCase".equals(t.getString("key")));
        assertThat(node.severe(20)).as("SEVERE records").isEmpty();
    }

    private static Api user(String username) {
        return new Api(base).loggedIn(username, PASSWORD);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteHome() throws IOException {
        if (Files.exists(HOME)) {
            try (Stream<Path> all = Files.walk(HOME)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
