package org.weiquan.cluster;

import jakarta.json.Json;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers shared by the tests that run nodes as processes: configuration, users, skipping without PostgreSQL. */
final class Cluster {

    static final String ADMIN = "fault-admin";
    static final String ADMIN_PASSWORD = "grid-operator-passphrase-2026";
    static final String PASSWORD = "loopback-cluster-passphrase-2026";
    static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private Cluster() {
    }

    /**
     * These tests need PostgreSQL's programs (they run a server of their own); they run where the integration
     * tests run on PostgreSQL (WEIQUAN_TEST_DB_URL, as in CI), and there they must not be skipped.
     */
    static boolean required() {
        return Boolean.getBoolean("weiquan.it.requirePostgres");
    }

    /** The settings every node of a test gets: database, keys, first administrator. */
    /** The station tree every test node starts with (the integration tests' fixture network). */
    static final Path FIXTURE_STATIONS = Path.of("src/test/resources/fixture/stations.csv");

    static Map<String, String> environment(LocalPostgres pg, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("WEIQUAN_DB_URL", pg.jdbcUrl(database));
        env.put("WEIQUAN_DB_USER", LocalPostgres.ROLE);
        env.put("WEIQUAN_DB_PASSWORD", LocalPostgres.ROLE);
        env.put("WEIQUAN_DATA_KEY", System.getProperty("weiquan.it.dataKey"));
        env.put("WEIQUAN_INDEX_KEY", System.getProperty("weiquan.it.indexKey"));
        env.put("WEIQUAN_ADMIN_USER", ADMIN);
        env.put("WEIQUAN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the tests' own network, not the demo county's seed
        env.put("WEIQUAN_SEEDS_STATIONS", FIXTURE_STATIONS.toAbsolutePath().toString());
        env.put("WEIQUAN_SEEDS_AGENCIES", Path.of("src/test/resources/fixture/agencies.csv").toAbsolutePath().toString());
        // test nodes share two cores with the build: the client compiler and the serial collector start them
        // sooner (the throughput printed is measured with these settings too)
        env.put("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return env;
    }

    /** A node on free loopback ports; clustered with the given grid ports when {@code gridMembers} is not empty. */
    static NodeProcess node(String name, Map<String, String> base, Path logs, int gridPort, List<Integer> gridMembers,
                            String gridName) throws IOException {
        Map<String, String> env = new HashMap<>(base);
        env.put("WEIQUAN_CLUSTER_PORT", String.valueOf(gridPort));
        env.put("WEIQUAN_NODE_DIR", logs.resolve(name + "-root").toString());
        env.put("WEIQUAN_DATA_DIR", logs.resolve(name + "-data").toString());
        if (!gridMembers.isEmpty()) {
            List<String> members = new ArrayList<>();
            gridMembers.forEach(p -> members.add("127.0.0.1:" + p));
            env.put("WEIQUAN_CLUSTER", String.join(",", members));
            env.put("WEIQUAN_CLUSTER_NAME", gridName);
            env.put("WEIQUAN_CLUSTER_INTERFACE", "127.0.0.1");
            env.put("WEIQUAN_CLUSTER_PUBLIC_ADDRESS", "127.0.0.1");
            // both nodes share one host here: without this the grid keeps no backup of a member's data
            env.put("WEIQUAN_CLUSTER_HOST_AWARE", "false");
        }
        return new NodeProcess(name, LocalPostgres.freePort(), env, logs);
    }

    static String gridName() {
        return "weiquan-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a user through the admin API of a node. */
    static void createUser(NodeProcess node, String username, String station, String... roles)
            throws IOException, InterruptedException {
        String adminToken = RetryingClient.token(List.of(node), ADMIN, ADMIN_PASSWORD);
        var roleList = Json.createArrayBuilder();
        for (String r : roles) {
            roleList.add(r);
        }
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(node.base().resolve("api/admin/users"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                        .add("displayName", "测试 " + username).add("stationCode", station).add("roles", roleList)
                        .add("password", PASSWORD).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("cannot create " + username + ": " + r.statusCode() + " " + r.body());
        }
    }

    static jakarta.json.JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
