package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.infrastructure.WeiquanDatabase;

import javax.sql.DataSource;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * Who may do what, and see what: roles, station scope (a sibling station's cases do not exist for you),
 * login throttling, logout, the access log.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    private Api intakeA() {
        return TestUsers.user(base, "a-intake", "QX-0111", "INTAKE");
    }

    private Api mediatorA() {
        return TestUsers.user(base, "a-mediator", "QX-0111", "MEDIATOR");
    }

    private Api supervisorA() {
        return TestUsers.user(base, "a-supervisor", "QX-0111", "SUPERVISOR");
    }

    private Api adminA() {
        return TestUsers.user(base, "a-admin", "QX-0111", "ADMIN");
    }

    private Api staffB() {
        return TestUsers.user(base, "b-staff", "QX-0112", "INTAKE", "MEDIATOR", "SUPERVISOR");
    }

    private Api supervisorOfBoth() {
        return TestUsers.user(base, "ab-supervisor", "QX-01", "SUPERVISOR");
    }

    private record Filed(long contactId, String caseNumber, long attachmentId, String phone) {
    }

    /** A case at station A (QX-0111): registered by A's intake, accepted by A's supervisor. */
    private Filed caseAtA() {
        String phone = TestData.mobile();
        Api.Reply reg = intakeA().post("api/contacts", contact("QX-0111", "VISIT", "DOMESTIC_VIOLENCE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), phone)))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        long id = reg.json().getJsonNumber("id").longValue();
        Api.Reply scan = intakeA().postBytes("api/contacts/" + id + "/attachments", "application/pdf",
                "attachment; filename=\"scan.pdf\"", "%PDF-1.4\n".getBytes());
        assertThat(scan.status()).as(scan.toString()).isEqualTo(201);
        Api.Reply decided = supervisorA().post("api/contacts/" + id + "/decision", "{\"decision\":\"ACCEPTED\"}");
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        return new Filed(id, decided.json().getString("caseNumber"), scan.json().getJsonNumber("id").longValue(), phone);
    }

    @Test
    @Order(1)
    void everyRoleMayDoItsWorkAndNothingElse() {
        String registration = contact("QX-0111", "PHONE", "MARRIAGE_DISPUTE").add("confirmedNew", true).build().toString();
        assertThat(intakeA().post("api/contacts", registration).status()).isEqualTo(201);
        assertThat(mediatorA().post("api/contacts", registration).status()).isEqualTo(403);
        assertThat(supervisorA().post("api/contacts", registration).status()).isEqualTo(403);
        assertThat(adminA().post("api/contacts", registration).status()).isEqualTo(403);

        Filed filed = caseAtA();
        long fresh = intakeA().post("api/contacts", registration).json().getJsonNumber("id").longValue();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String ack = "{\"date\":\"" + today + "\",\"form\":\"ORAL\"}";
        assertThat(mediatorA().post("api/contacts/" + fresh + "/acknowledgement", ack).status()).isEqualTo(403);
        assertThat(intakeA().post("api/contacts/" + fresh + "/acknowledgement", ack).status()).isEqualTo(200);
        assertThat(intakeA().post("api/contacts/" + fresh + "/decision", "{\"decision\":\"ACCEPTED\"}").status()).isEqualTo(403);
        assertThat(mediatorA().post("api/contacts/" + fresh + "/decision", "{\"decision\":\"ACCEPTED\"}").status()).isEqualTo(403);
        assertThat(adminA().post("api/contacts/" + fresh + "/decision", "{\"decision\":\"ACCEPTED\"}").status()).isIn(403, 404);
        assertThat(supervisorA().post("api/contacts/" + fresh + "/decision", "{\"decision\":\"ACCEPTED\"}").status()).isEqualTo(200);

        String file = "api/cases/" + filed.caseNumber();
        for (Api reader : new Api[] {intakeA(), mediatorA(), supervisorA()}) {
            assertThat(reader.get(file).status()).isEqualTo(200);
            assertThat(reader.get("api/cases?stationCode=QX-0111").status()).isEqualTo(200);
        }
        assertThat(adminA().get(file).status()).as("an administrator reads no case files").isEqualTo(403);
        assertThat(adminA().get("api/cases").status()).isEqualTo(403);
        assertThat(adminA().get("api/contacts/" + filed.contactId()).status()).isEqualTo(403);
        long version = mediatorA().get(file).json().getJsonNumber("version").longValue();
        assertThat(adminA().patch(file, "{\"version\":" + version + ",\"summary\":\"x\"}").status()).isEqualTo(403);
        assertThat(mediatorA().patch(file, "{\"version\":" + version + ",\"summary\":\"调解员补充说明\"}").status()).isEqualTo(200);

        assertThat(supervisorA().get(file + "/access-log").status()).isEqualTo(200);
        assertThat(intakeA().get(file + "/access-log").status()).isEqualTo(403);
        String newUser = "{\"username\":\"u" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"displayName\":\"新用户\",\"stationCode\":\"QX-0111\",\"roles\":[\"INTAKE\"],\"password\":\"a-long-enough-passphrase\"}";
        assertThat(supervisorA().post("api/admin/users", newUser).status()).isEqualTo(403);
        Api.Reply weak = adminA().post("api/admin/users", newUser.replace("a-long-enough-passphrase", "short"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body()).contains("\"password\"").doesNotContain("short\"");
        assertThat(adminA().post("api/admin/users", newUser).status()).isEqualTo(201);
        assertThat(intakeA().get("api/admin/access-log").status()).isEqualTo(403);
        assertThat(adminA().get("api/admin/access-log?caseNumber=" + filed.caseNumber()).status()).isEqualTo(200);
        assertThat(adminA().post("api/admin/users", newUser.replace("QX-0111", "QX-0201").replace("\"u", "\"v")).status())
                .as("an administrator creates users only in the subtree").isEqualTo(422);
    }

    @Test
    @Order(2)
    void aSiblingStationsCasesDoNotExistForYouButTheParentSeesBoth() {
        Filed a = caseAtA();
        Api b = staffB();
        assertThat(b.get("api/contacts/" + a.contactId()).status()).isEqualTo(404);
        assertThat(b.get("api/cases/" + a.caseNumber()).status()).isEqualTo(404);
        assertThat(b.get("api/cases/" + a.caseNumber() + "/access-log").status()).isEqualTo(404);
        assertThat(b.get("api/contacts/" + a.contactId() + "/attachments/" + a.attachmentId()).status()).isEqualTo(404);
        assertThat(b.patch("api/cases/" + a.caseNumber(), "{\"version\":1,\"summary\":\"x\"}").status()).isEqualTo(404);
        assertThat(b.post("api/contacts/" + a.contactId() + "/decision", "{\"decision\":\"ACCEPTED\"}").status()).isEqualTo(404);
        assertThat(b.post("api/contacts/" + a.contactId() + "/acknowledgement", "{\"date\":\"2026-01-01\",\"form\":\"SMS\"}").status())
                .isEqualTo(404);
        assertThat(b.postBytes("api/contacts/" + a.contactId() + "/attachments", "application/pdf",
                "attachment; filename=\"x.pdf\"", "%PDF-1.4\n".getBytes()).status()).isEqualTo(404);
        // not through any list or search either
        assertThat(b.get("api/cases?number=" + a.caseNumber()).json().getJsonNumber("total").longValue()).isZero();
        assertThat(b.get("api/cases?size=100").body()).doesNotContain(a.caseNumber());
        assertThat(b.get("api/cases?stationCode=QX-0111").status()).isEqualTo(422);
        assertThat(b.post("api/cases/search", "{\"phone\":\"" + a.phone() + "\"}").json().getJsonNumber("total").longValue()).isZero();
        Api.Reply candidates = b.post("api/contacts/duplicate-candidates", Json.createObjectBuilder()
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", "某某", a.phone()))).build().toString());
        assertThat(((JsonArray) candidates.jsonStructure()).getValuesAs(JsonObject.class))
                .noneMatch(c -> c.getJsonNumber("contactId").longValue() == a.contactId());
        // the task of A's review is not B's either: registering at A is refused as unknown
        assertThat(b.post("api/contacts", contact("QX-0111", "VISIT", "OTHER").add("confirmedNew", true).build().toString())
                .body()).contains("stationCode");

        Api parent = supervisorOfBoth();
        assertThat(parent.get("api/cases/" + a.caseNumber()).status()).isEqualTo(200);
        assertThat(parent.post("api/cases/search", "{\"phone\":\"" + a.phone() + "\"}").json().getJsonNumber("total").longValue())
                .isOne();
    }

    @Test
    @Order(3)
    void withoutATokenTheApiAnswers401AndALoggedOutTokenStopsWorking() {
        Api anonymous = new Api(base);
        for (String path : new String[] {"api/cases", "api/stations", "api/contacts/1", "api/auth/me"}) {
            Api.Reply reply = anonymous.get(path);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(new Api(base).withToken("not-a-token").get("api/cases").status()).isEqualTo(401);

        TestUsers.ensure(base, "logout-user", "QX-0111", "INTAKE");
        Api session = new Api(base).loggedIn("logout-user", TestUsers.PASSWORD);
        assertThat(session.get("api/auth/me").json().getString("stationCode")).isEqualTo("QX-0111");
        assertThat(session.delete("api/auth/token").status()).isEqualTo(204);
        assertThat(session.get("api/auth/me").status()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void openingsExportsAndChangesAreInTheAccessLogWhichCannotBeAltered() throws SQLException {
        Filed a = caseAtA();
        assertThat(mediatorA().get("api/cases/" + a.caseNumber()).status()).isEqualTo(200);
        assertThat(mediatorA().get("api/contacts/" + a.contactId() + "/attachments/" + a.attachmentId()).status()).isEqualTo(200);

        JsonArray log = (JsonArray) supervisorA().get("api/cases/" + a.caseNumber() + "/access-log").jsonStructure();
        assertThat(log.getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getString("username")).isEqualTo("a-mediator");
            assertThat(e.getString("action")).isEqualTo("OPEN");
            assertThat(e.getString("clientAddress")).isNotBlank();
        });
        assertThat(log.getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getString("username")).isEqualTo("a-mediator");
            assertThat(e.getString("action")).isEqualTo("EXPORT");
        });
        assertThat(log.getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getString("username")).isEqualTo("a-supervisor");
            assertThat(e.getString("action")).isEqualTo("CHANGE");
        });
        JsonArray found = (JsonArray) adminA().get("api/admin/access-log?username=a-mediator&action=EXPORT").jsonStructure();
        assertThat(found).isNotEmpty();

        long entries = new Database(dataSource).count("SELECT COUNT(*) FROM access_log WHERE contact_id = ?", a.contactId());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE access_log SET username = 'x' WHERE contact_id = " + a.contactId()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM access_log WHERE contact_id = " + a.contactId()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(new Database(dataSource).count("SELECT COUNT(*) FROM access_log WHERE contact_id = ?", a.contactId()))
                .isEqualTo(entries);
    }

    @Test
    @Order(5)
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() {
        String user = "locked-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.ensure(base, user, "QX-0111", "INTAKE");
        for (int i = 0; i < 5; i++) {
            assertThat(login(user, "wrong-password-" + i).status()).isEqualTo(401);
        }
        Api.Reply right = login(user, TestUsers.PASSWORD);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.body()).doesNotContain(TestUsers.PASSWORD);
        assertThat(login("nobody-" + UUID.randomUUID(), "whatever-password").status()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void aBrowserLogsInWithTheFormGetsASafeSessionCookieAndLosesItAtLogout() throws Exception {
        TestUsers.ensure(base, "browser-user", "QX-0111", "INTAKE");
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        java.net.URI root = base.toURI();
        var page = browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("app/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).contains("login.xhtml");

        var login = browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "username=browser-user&password=" + TestUsers.PASSWORD)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String setCookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        var inside = browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("app/")).header("Cookie", cookie)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("api/cases")).header("Cookie", cookie)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("the API takes no cookies: no cross-site request can act through it").isEqualTo(401);

        var forged = browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("logout")).header("Cookie", cookie)
                .header("Origin", "https://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("app/")).header("Cookie", cookie)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a cross-site logout is ignored").isEqualTo(200);

        browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("logout")).header("Cookie", cookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var stale = browser.send(java.net.http.HttpRequest.newBuilder(root.resolve("app/")).header("Cookie", cookie)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as("the session after logout is gone").isEqualTo(302);
    }

    @Test
    @Order(7)
    void answersCarrySecurityHeadersAndErrorsShowNoInternals() throws Exception {
        Api.Reply cases = TestUsers.countyStaff(base).get("api/cases?size=1");
        assertThat(cases.status()).isEqualTo(200);
        assertThat(cases.header("Cache-Control")).isEqualTo("no-store");
        assertThat(cases.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(cases.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(cases.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("default-src 'self'");
        // a web page: PrimeFaces' nonce-based script policy, and ours for the rest (browsers enforce both)
        var page = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(java.net.http.HttpRequest.newBuilder(base.toURI().resolve("login.xhtml")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Content-Security-Policy"))
                .anySatisfy(v -> assertThat(v).contains("script-src 'self' 'nonce-"))
                .anySatisfy(v -> assertThat(v).contains("frame-ancestors 'none'").contains("object-src 'none'"))
                .noneSatisfy(v -> assertThat(v).contains("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        Api.Reply missing = new Api(base).get("no-such-page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("Payara").doesNotContain("Exception");
    }

    /** Last: it makes this test server's address wait for 15 minutes. */
    @Test
    @Order(99)
    void manyFailedLoginsFromOneAddressMakeThatAddressWait() {
        int status = 0;
        for (int i = 0; i < 25 && status != 429; i++) {
            status = login("nobody-" + i, "wrong-password").status();
        }
        assertThat(status).isEqualTo(429);
        String user = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.ensure(base, user, "QX-0111", "INTAKE");
        assertThat(login(user, TestUsers.PASSWORD).status()).as("the address waits, whoever logs in").isEqualTo(429);
    }

    private Api.Reply login(String username, String password) {
        return new Api(base).post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
    }
}
