package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.infrastructure.WeiquanDatabase;

import javax.sql.DataSource;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The first slice through all layers: a contact registered over HTTP, its review process, one transaction. */
@ExtendWith(ArquillianExtension.class)
class ContactRegistrationIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    @Inject
    HistoryService history;

    private Database db() {
        return new Database(dataSource);
    }

    @Test
    void runsOnTheConfiguredDatabase() {
        String product = db().product();
        System.out.println("[weiquan-it] integration tests run on " + product);
        if (Boolean.getBoolean("weiquan.it.requirePostgres")) {
            assertThat(product).startsWith("PostgreSQL");
        }
    }

    @Test
    void registeringAContactStoresItAndStartsItsReviewUnderTheContactId() {
        Api.Reply reply = TestUsers.countyStaff(base).post("api/contacts", """
                {"stationCode":"QX-0103","channel":"LETTER","receivedAt":"%s","summary":"来信反映家庭纠纷",
                 "primaryCategory":"MARRIAGE_DISPUTE","confirmedNew":true}"""
                .formatted(OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(1)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        long id = reply.json().getJsonNumber("id").longValue();
        assertThat(reply.location()).endsWith("/api/contacts/" + id);
        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE id = ? AND status = 'AWAITING_REVIEW'", id)).isOne();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ContactReview")
                .processInstanceBusinessKey(String.valueOf(id)).count()).isOne();

        JsonObject read = TestUsers.countyStaff(base).get("api/contacts/" + id).json();
        JsonArray open = read.getJsonArray("openTasks");
        assertThat(open).hasSize(1);
        assertThat(open.getJsonObject(0).getString("key")).isEqualTo("Task_ReviewContact");
        assertThat(open.getJsonObject(0).getJsonArray("candidateGroups").getString(0))
                .isEqualTo("station:QX-0103:supervisor");
        assertThat(read.getString("receivedAt")).endsWith("+08:00");
    }

    @Test
    void whenTheTransactionFailsAfterBothWritesNeitherTheContactNorItsReviewRemains() {
        Api.Reply failed = TestUsers.countyStaff(base).post("api/it/fail-after-registration", "{}");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(409);

        long id = failed.json().getJsonNumber("contactId").longValue();
        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE id = ?", id)).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id)).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id)).count())
                .isZero();
    }

    @Test
    void anOverdueReviewIsChasedByTheJobExecutorWithoutAnyoneAsking() throws InterruptedException {
        // received 16 days ago: the 15-day timer is due at once
        Api.Reply reply = TestUsers.countyStaff(base).post("api/contacts", """
                {"stationCode":"QX-0201","channel":"HOTLINE","receivedAt":"%s","summary":"12338热线求助",
                 "primaryCategory":"DOMESTIC_VIOLENCE","confirmedNew":true}"""
                .formatted(OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(16)));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String businessKey = String.valueOf(reply.json().getJsonNumber("id").longValue());

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long chases = 0;
        while (chases == 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            chases = tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
                    .taskDefinitionKey("Task_ChaseOverdue").count();
        }
        assertThat(chases).as("the overdue review is chased").isOne();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(businessKey)
                .taskDefinitionKey("Task_ChaseOverdue").singleResult())
                .satisfies(t -> assertThat(tasks.getIdentityLinksForTask(t.getId()))
                        .anySatisfy(l -> assertThat(l.getGroupId()).as("the station's own supervisor first").isEqualTo("station:QX-0201:supervisor")));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        String marker = UUID.randomUUID().toString();
        String now = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(1).toString();
        record Case(String body, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"channel\":\"VISIT\",\"receivedAt\":\"" + now + "\",\"summary\":\"" + marker + "\",\"primaryCategory\":\"OTHER\",\"confirmedNew\":true}", 422, "stationCode"),
                new Case("{\"stationCode\":\"XX-9999\",\"channel\":\"VISIT\",\"receivedAt\":\"" + now + "\",\"summary\":\"" + marker + "\",\"primaryCategory\":\"OTHER\",\"confirmedNew\":true}", 422, "stationCode"),
                new Case("{\"stationCode\":\"QX-0101\",\"channel\":\"FAX\",\"receivedAt\":\"" + now + "\",\"summary\":\"" + marker + "\",\"primaryCategory\":\"OTHER\",\"confirmedNew\":true}", 422, "channel"),
                new Case("{\"stationCode\":\"QX-0101\",\"channel\":\"VISIT\",\"receivedAt\":\"2999-01-01T00:00:00+08:00\",\"summary\":\"" + marker + "\",\"primaryCategory\":\"OTHER\",\"confirmedNew\":true}", 422, "receivedAt"),
                new Case("{\"stationCode\":\"QX-0101\",\"channel\":\"VISIT\",\"receivedAt\":\"yesterday\",\"summary\":\"" + marker + "\",\"primaryCategory\":\"OTHER\",\"confirmedNew\":true}", 422, "receivedAt"),
                new Case("{\"stationCode\":\"QX-0101\",\"channel\":\"VISIT\",\"receivedAt\":\"" + now + "\",\"primaryCategory\":\"OTHER\"}", 422, "summary"),
                new Case("{\"stationCode\":\"QX-0101\",\"channel\":\"VISIT\",\"summary\":\"" + marker, 400, "body"));
        long contactsBefore = db().count("SELECT COUNT(*) FROM contact");
        long reviewsBefore = runtime.createProcessInstanceQuery().processDefinitionKey("ContactReview").count();

        for (Case c : cases) {
            Api.Reply reply = TestUsers.countyStaff(base).post("api/contacts", c.body());
            assertThat(reply.status()).as(c.body()).isEqualTo(c.status());
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                    .as(c.body()).anySatisfy(e -> assertThat(e.getString("field")).isEqualTo(c.field()));
        }

        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE summary = ?", marker)).isZero();
        assertThat(db().count("SELECT COUNT(*) FROM contact")).isEqualTo(contactsBefore);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ContactReview").count())
                .isEqualTo(reviewsBefore);
    }

    @Test
    void anUnknownContactIsNotFound() {
        Api.Reply reply = TestUsers.countyStaff(base).get("api/contacts/987654321");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
