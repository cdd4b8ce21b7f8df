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

    /** /health and /openapi live at the server's root, whatever the application's context root. */
    private static URL rootOf(URL url) {
        try {
            return URI.create(url.getProtocol() + "://" + url.getHost() + ":" + url.getPort() + "/").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
