package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.infrastructure.WeiquanDatabase;
import org.weiquan.station.StationSeeds;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up data, health and the API document: what an operator relies on. */
@ExtendWith(ArquillianExtension.class)
class OperabilityIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    StationSeeds seeds;

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
