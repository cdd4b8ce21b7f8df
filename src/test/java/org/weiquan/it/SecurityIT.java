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
        assertThat(adminA().post("api/admin/users", newUser.replace("QX-0111", "QX-0201").replace(":\"u", ":\"v")).status())
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
    @Order(3)
    void aTokenInUseIsKeptAliveAndOneIdleForHalfAnHourIsDeadAndRemoved() throws Exception {
        TestUsers.ensure(base, "idle-user", "QX-0111", "INTAKE");
        Api session = new Api(base).loggedIn("idle-user", TestUsers.PASSWORD);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(session.token().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Database db = new Database(dataSource);

        // last used two minutes ago: this request writes its use (the check itself reads outside any transaction)
        db.update("UPDATE api_token SET last_used_at = now() - interval '2 minutes' WHERE token_hash = ?", hash);
        assertThat(session.get("api/auth/me").status()).isEqualTo(200);
        assertThat(db.count("SELECT COUNT(*) FROM api_token WHERE token_hash = ? AND last_used_at > now() - interval '1 minute'",
                hash)).as("touched").isOne();

        // idle for 31 minutes: dead, and gone from the table
        db.update("UPDATE api_token SET last_used_at = now() - interval '31 minutes' WHERE token_hash = ?", hash);
        assertThat(session.get("api/auth/me").status()).isEqualTo(401);
        assertThat(db.count("SELECT COUNT(*) FROM api_token WHERE token_hash = ?", hash)).as("removed").isZero();
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
    void wrongPasswordsMakeThatAddressWaitForThatNameAlikeForUnknownNamesWhileTheUserLogsInFromElsewhere() {
        String user = "slowed-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.ensure(base, user, "QX-0111", "INTAKE");
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        LoopbackHttp stranger = new LoopbackHttp(base, "127.0.0.2");
        java.util.List<Integer> existing = new java.util.ArrayList<>();
        java.util.List<Integer> unknown = new java.util.ArrayList<>();
        java.util.List<String> waits = new java.util.ArrayList<>();
        // each name's attempts one right after the other: the first wait is 2 s from the last failure, and an
        // attempt of the other name in between (a password checked on a busy machine) could outlast it. The existing
        // name's last, so that the right password below comes while its wait runs
        java.util.List<LoopbackHttp.Answer> forExisting = new java.util.ArrayList<>();
        java.util.List<LoopbackHttp.Answer> forUnknown = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            forUnknown.add(stranger.postJson("/" + path("api/auth/token"), null, credentials(nobody, "wrong-password-" + i)));
        }
        for (int i = 0; i < 5; i++) {
            forExisting.add(stranger.postJson("/" + path("api/auth/token"), null, credentials(user, "wrong-password-" + i)));
        }
        for (int i = 0; i < 5; i++) {
            LoopbackHttp.Answer a = forExisting.get(i);
            LoopbackHttp.Answer b = forUnknown.get(i);
            existing.add(a.status());
            unknown.add(b.status());
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(b.body().replaceAll("\\d+", "#")).as("the same answer, word for word")
                    .isEqualTo(a.body().replaceAll("\\d+", "#"));
            if (a.status() == 429) {
                waits.add(a.header("Retry-After"));
            }
        }
        assertThat(existing).as("an existing account answers exactly like an unknown one").isEqualTo(unknown);
        assertThat(existing).startsWith(401, 401, 401).contains(429);
        assertThat(waits).allSatisfy(w -> assertThat(Integer.parseInt(w)).isBetween(1, 900));
        LoopbackHttp.Answer rightFromTheStranger = stranger.postJson("/" + path("api/auth/token"), null,
                credentials(user, TestUsers.PASSWORD));
        assertThat(rightFromTheStranger.status()).as("the stranger's address waits, even with the right password")
                .isEqualTo(429);
        assertThat(rightFromTheStranger.body()).doesNotContain(TestUsers.PASSWORD);
        assertThat(login(user, TestUsers.PASSWORD).status()).as("the user at her own address is not locked out")
                .isEqualTo(200);
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
                .allSatisfy(v -> assertThat(v).contains("default-src 'self'"))
                .noneSatisfy(v -> assertThat(v.substring(v.indexOf("script-src"))).contains("unsafe-inline"));
        assertThat(page.headers().allValues("Content-Security-Policy")).as("one policy, PrimeFaces' nonce in it").hasSize(1);
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        Api.Reply missing = new Api(base).get("no-such-page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("Payara").doesNotContain("Exception");
    }

    @Test
    @Order(8)
    void aPasswordResetARoleChangeOrADisableEndsTheOpenBrowserSessionAndTheTokens() {
        for (String change : new String[] {"reset", "roles", "disable"}) {
            String user = "sess-" + change + "-" + UUID.randomUUID().toString().substring(0, 6);
            TestUsers.ensure(base, user, "QX-0111", "INTAKE", "MEDIATOR");
            FormSession browser = new FormSession(base);
            assertThat(browser.logIn(user, TestUsers.PASSWORD).statusCode()).isEqualTo(302);
            assertThat(browser.get("app/tasks.xhtml").statusCode()).as(change + ": the session works").isEqualTo(200);
            Api token = new Api(base).loggedIn(user, TestUsers.PASSWORD);
            assertThat(token.get("api/auth/me").status()).isEqualTo(200);

            Api.Reply done = switch (change) {
                case "reset" -> adminA().post("api/admin/users/" + user + "/password",
                        "{\"password\":\"a-fresh-reset-passphrase-2026\"}");
                case "roles" -> adminA().put("api/admin/users/" + user + "/roles", "{\"roles\":[\"INTAKE\"]}");
                default -> adminA().post("api/admin/users/" + user + "/disable", "");
            };
            assertThat(done.status()).as(done.toString()).isEqualTo(200);

            var after = browser.get("app/tasks.xhtml");
            assertThat(after.statusCode()).as(change + ": the open browser session ends").isEqualTo(302);
            assertThat(FormSession.location(after)).contains("login.xhtml?error=expired");
            assertThat(browser.get("app/").statusCode()).as(change + ": and stays ended").isEqualTo(302);
            assertThat(token.get("api/auth/me").status()).as(change + ": the token ends").isEqualTo(401);
        }
    }

    @Test
    @Order(9)
    void aResetPasswordOnlyLetsTheUserChooseHerOwnByApiOrOnTheLoginPage() {
        String user = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.ensure(base, user, "QX-0111", "SUPERVISOR");
        String temporary = "temporary-reset-phrase-2026";
        assertThat(adminA().post("api/admin/users/" + user + "/password", "{\"password\":\"" + temporary + "\"}").status())
                .isEqualTo(200);

        Api.Reply refused = login(user, temporary);
        assertThat(refused.status()).as("the administrator cannot use the password she set").isEqualTo(403);
        assertThat(refused.body()).contains("password-change-required");
        Api.Reply weak = new Api(base).post("api/auth/password", Json.createObjectBuilder().add("username", user)
                .add("password", temporary).add("newPassword", "password1234").build().toString());
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body()).contains("newPassword").doesNotContain("password1234");
        Api.Reply changed = new Api(base).post("api/auth/password", Json.createObjectBuilder().add("username", user)
                .add("password", temporary).add("newPassword", "my-own-secret-phrase-77").build().toString());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(new Api(base).withToken(changed.json().getString("token")).get("api/auth/me").status()).isEqualTo(200);
        assertThat(login(user, temporary).status()).isEqualTo(401);
        assertThat(login(user, "my-own-secret-phrase-77").status()).isEqualTo(200);

        // the same in a browser: the login form asks for a new password, which then logs her in
        String second = "second-reset-phrase-2026";
        assertThat(adminA().post("api/admin/users/" + user + "/password", "{\"password\":\"" + second + "\"}").status())
                .isEqualTo(200);
        FormSession browser = new FormSession(base);
        var asked = browser.logIn(user, second);
        assertThat(FormSession.location(asked)).contains("login.xhtml?change");
        assertThat(browser.get("app/").statusCode()).as("not logged in by the reset password").isEqualTo(302);
        var page = browser.get("login.xhtml?change");
        assertThat(page.body()).contains("newPassword").contains("repeatPassword");
        var mismatch = browser.postForm("password", "newPassword=browser-chosen-phrase-88&repeatPassword=other-phrase-000");
        assertThat(FormSession.location(mismatch)).contains("error=mismatch");
        var common = browser.postForm("password", "newPassword=qwertyuiop123456789&repeatPassword=qwertyuiop123456789");
        assertThat(FormSession.location(common)).contains("error=weak");
        var done = browser.postForm("password", "newPassword=browser-chosen-phrase-88&repeatPassword=browser-chosen-phrase-88");
        assertThat(FormSession.location(done)).endsWith("/app/");
        assertThat(browser.get("app/").statusCode()).as("logged in with her own password").isEqualTo(200);
        assertThat(login(user, "browser-chosen-phrase-88").status()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void commonAndBreachedPasswordsTheDemoPasswordAndTheSystemsNameAreRefused() {
        for (String weak : new String[] {"123456789012", "password1234", "qwertyuiop123", "Iloveyou2026!",
                "weiquan-demo-2026", "my-weiquan-password", "short"}) {
            String user = "pw" + UUID.randomUUID().toString().substring(0, 8);
            Api.Reply r = adminA().post("api/admin/users", Json.createObjectBuilder().add("username", user)
                    .add("displayName", "测试").add("stationCode", "QX-0111").add("roles", Json.createArrayBuilder().add("INTAKE"))
                    .add("password", weak).build().toString());
            assertThat(r.status()).as(weak + ": " + r).isEqualTo(422);
            assertThat(r.body()).contains("\"password\"").doesNotContain(weak);
        }
        String user = "pw" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(adminA().post("api/admin/users", Json.createObjectBuilder().add("username", user).add("displayName", "测试")
                .add("stationCode", "QX-0111").add("roles", Json.createArrayBuilder().add("INTAKE"))
                .add("password", "plum-river-lantern-42").build().toString()).status()).isEqualTo(201);
    }

    @Test
    @Order(11)
    void anAdministratorNeverHoldsACaseRoleNorChangesHerOwnRoles() {
        String user = "sod" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply both = TestUsers.admin(base).post("api/admin/users", Json.createObjectBuilder().add("username", user)
                .add("displayName", "测试").add("stationCode", "QX").add("roles", Json.createArrayBuilder().add("SUPERVISOR").add("ADMIN"))
                .add("password", TestUsers.PASSWORD).build().toString());
        assertThat(both.status()).isEqualTo(422);
        assertThat(both.body()).contains("\"roles\"");
        TestUsers.ensure(base, user, "QX-0111", "MEDIATOR");
        assertThat(adminA().put("api/admin/users/" + user + "/roles", "{\"roles\":[\"MEDIATOR\",\"ADMIN\"]}").status())
                .isEqualTo(422);
        assertThat(adminA().put("api/admin/users/a-admin/roles", "{\"roles\":[\"SUPERVISOR\"]}").status())
                .as("no case role for herself").isEqualTo(403);
        assertThat(adminA().put("api/admin/users/a-admin/roles", "{\"roles\":[\"ADMIN\",\"SUPERVISOR\"]}").status())
                .isIn(403, 422);
        assertThat(adminA().get("api/auth/me").json().getJsonArray("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(adminA().put("api/admin/users/" + user + "/roles", "{\"roles\":[\"SUPERVISOR\"]}").json()
                .getJsonArray("roles").toString()).isEqualTo("[\"SUPERVISOR\"]");
    }

    @Test
    @Order(12)
    void answersOfTheLoginMechanismCarryTheSecurityHeadersAndCasePagesAreNeverCached() throws Exception {
        Api.Reply unauthorized = new Api(base).get("api/cases");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(unauthorized.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(unauthorized.header("Cache-Control")).isEqualTo("no-store");
        FormSession anonymous = new FormSession(base);
        var redirect = anonymous.get("app/cases.xhtml");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(redirect.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");

        Filed a = caseAtA();
        TestUsers.ensure(base, "page-reader", "QX-0111", "MEDIATOR");
        FormSession browser = new FormSession(base);
        browser.logIn("page-reader", TestUsers.PASSWORD);
        var casePage = browser.get("app/case.xhtml?number=" + a.caseNumber());
        assertThat(casePage.statusCode()).isEqualTo(200);
        assertThat(casePage.headers().firstValue("Cache-Control")).as("the case page shows ID numbers and phones")
                .hasValue("no-store");
        assertThat(casePage.headers().allValues("Content-Security-Policy")).singleElement()
                .satisfies(v -> assertThat(v).startsWith("default-src 'self'").contains("'nonce-"));
    }

    @Test
    @Order(13)
    void aFormOfAnExpiredOrForeignViewOrWithoutThePagesNonceShowsThePageAgainNotAnError() {
        TestUsers.ensure(base, "form-user", "QX-0111", "MEDIATOR");
        FormSession browser = new FormSession(base);
        browser.logIn("form-user", TestUsers.PASSWORD);
        String page = browser.get("app/cases.xhtml").body();
        String viewState = between(page, "name=\"jakarta.faces.ViewState\" id=\"j_id1:jakarta.faces.ViewState:0\" value=\"", "\"");
        var stale = browser.postForm("app/cases.xhtml", "casesForm=casesForm&jakarta.faces.ViewState=" + "123%3A456");
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(stale)).endsWith("app/cases.xhtml?expired");
        var noNonce = browser.postForm("app/cases.xhtml", "casesForm=casesForm&jakarta.faces.ViewState="
                + java.net.URLEncoder.encode(viewState, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(noNonce.statusCode()).as("a post without the page's nonce").isEqualTo(302);
        assertThat(FormSession.location(noNonce)).endsWith("app/cases.xhtml?expired");
        var shown = browser.get("app/cases.xhtml?expired");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("expiredNotice");

        FormSession other = new FormSession(base);
        other.logIn("form-user", TestUsers.PASSWORD);
        var foreign = other.postForm("app/cases.xhtml", "casesForm=casesForm&jakarta.faces.ViewState="
                + java.net.URLEncoder.encode(viewState, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(foreign.statusCode()).as("another session's view state").isEqualTo(302);
    }

    private static String between(String text, String before, String after) {
        int start = text.indexOf(before);
        assertThat(start).as("the page has " + before).isNotNegative();
        start += before.length();
        return text.substring(start, text.indexOf(after, start));
    }

    /**
     * The scope test of every operation the API document lists (ASVS 8.2.2, 8.4.1): a user of the sibling
     * station QX-0112 — staff with every case role, and an administrator — tries each operation on the
     * objects of station QX-0111 and gets nothing of them. An operation without a probe here fails the
     * test, so that a new operation cannot ship without its scope test.
     */
    @Test
    @Order(14)
    void everyOperationOfTheApiKeepsASiblingStationsDataOut() {
        Filed a = caseAtA();
        JsonObject file = supervisorA().get("api/cases/" + a.caseNumber()).json();
        String task = file.getJsonArray("openTasks").getJsonObject(0).getString("id");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        Api.Reply audit = supervisorA().post("api/audits", "{\"stationCode\":\"QX-0111\",\"from\":\"" + today
                + "\",\"to\":\"" + tomorrow + "\",\"size\":5}");
        assertThat(audit.status()).as(audit.toString()).isEqualTo(201);
        long auditId = audit.json().getJsonNumber("id").longValue();
        Api b = staffB();
        Api bAdmin = TestUsers.user(base, "b-admin", "QX-0112", "ADMIN");
        String aCase = "api/cases/" + a.caseNumber();
        String aContact = "api/contacts/" + a.contactId();
        String period = "stationCode=QX-0111&period=" + today.substring(0, 4);

        java.util.Map<String, Runnable> probes = new java.util.TreeMap<>();
        probes.put("GET /api/admin/access-log", () -> {
            assertThat((JsonArray) bAdmin.get("api/admin/access-log?caseNumber=" + a.caseNumber()).jsonStructure()).isEmpty();
            assertThat((JsonArray) bAdmin.get("api/admin/access-log?username=a-supervisor").jsonStructure()).isEmpty();
        });
        probes.put("GET /api/admin/calendar", () -> assertThat(bAdmin.get("api/admin/calendar").status())
                .as("the county's calendar, the same for every station: readable, no station data").isEqualTo(200));
        probes.put("PUT /api/admin/calendar/{date}", () -> assertThat(bAdmin.put("api/admin/calendar/2098-05-05",
                "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}").status()).as("only the root station's administrator").isEqualTo(403));
        probes.put("DELETE /api/admin/calendar/{date}", () -> assertThat(bAdmin.delete("api/admin/calendar/2098-05-05").status())
                .isEqualTo(403));
        probes.put("GET /api/admin/users", () -> assertThat(bAdmin.get("api/admin/users").body()).doesNotContain("a-intake"));
        probes.put("POST /api/admin/users", () -> assertThat(bAdmin.post("api/admin/users", "{\"username\":\"b-into-a\","
                + "\"displayName\":\"x\",\"stationCode\":\"QX-0111\",\"roles\":[\"INTAKE\"],\"password\":\"plum-river-lantern-42\"}")
                .body()).contains("stationCode"));
        probes.put("POST /api/admin/users/{username}/disable", () -> assertThat(bAdmin.post("api/admin/users/a-intake/disable", "")
                .status()).isEqualTo(404));
        probes.put("POST /api/admin/users/{username}/enable", () -> assertThat(bAdmin.post("api/admin/users/a-intake/enable", "")
                .status()).isEqualTo(404));
        probes.put("POST /api/admin/users/{username}/password", () -> assertThat(bAdmin.post("api/admin/users/a-intake/password",
                "{\"password\":\"plum-river-lantern-42\"}").status()).isEqualTo(404));
        probes.put("PUT /api/admin/users/{username}/roles", () -> assertThat(bAdmin.put("api/admin/users/a-intake/roles",
                "{\"roles\":[\"SUPERVISOR\"]}").status()).isEqualTo(404));
        probes.put("POST /api/audits", () -> assertThat(b.post("api/audits", "{\"stationCode\":\"QX-0111\",\"from\":\"" + today
                + "\",\"to\":\"" + tomorrow + "\",\"size\":5}").status()).isIn(404, 422));
        probes.put("GET /api/audits/{id}", () -> assertThat(b.get("api/audits/" + auditId).status()).isEqualTo(404));
        probes.put("POST /api/audits/{id}/cases/{number}/review", () -> assertThat(b.post("api/audits/" + auditId + "/cases/"
                + a.caseNumber() + "/review", "{\"evidencePresent\":true,\"reasonConsistent\":true,\"followUpDone\":true,"
                + "\"personSatisfied\":true}").status()).isEqualTo(404));
        probes.put("GET /api/auth/me", () -> assertThat(b.get("api/auth/me").json().getString("stationCode"))
                .as("only about the caller").isEqualTo("QX-0112"));
        probes.put("POST /api/auth/token", () -> assertThat(login("a-intake", TestUsers.PASSWORD + "x").status())
                .as("a token only for the password's own user").isEqualTo(401));
        probes.put("POST /api/auth/password", () -> assertThat(b.post("api/auth/password", "{\"username\":\"a-intake\","
                + "\"password\":\"" + TestUsers.PASSWORD + "x\",\"newPassword\":\"plum-river-lantern-42\"}").status())
                .as("only with the user's own current password").isEqualTo(401));
        probes.put("DELETE /api/auth/token", () -> {
            Api own = new Api(base).loggedIn("b-staff", TestUsers.PASSWORD);
            assertThat(own.delete("api/auth/token").status()).isEqualTo(204);
            assertThat(intakeA().get("api/auth/me").status()).as("ends only the token sent").isEqualTo(200);
        });
        probes.put("GET /api/cases", () -> {
            assertThat(b.get("api/cases?number=" + a.caseNumber()).json().getJsonNumber("total").longValue()).isZero();
            assertThat(b.get("api/cases?stationCode=QX-0111").status()).isEqualTo(422);
        });
        probes.put("POST /api/cases/search", () -> assertThat(b.post("api/cases/search", "{\"phone\":\"" + a.phone() + "\"}")
                .json().getJsonNumber("total").longValue()).isZero());
        probes.put("GET /api/cases/{number}", () -> assertThat(b.get(aCase).status()).isEqualTo(404));
        probes.put("PATCH /api/cases/{number}", () -> assertThat(b.patch(aCase, "{\"version\":0,\"summary\":\"x\"}").status()).isEqualTo(404));
        probes.put("GET /api/cases/{number}/access-log", () -> assertThat(b.get(aCase + "/access-log").status()).isEqualTo(404));
        probes.put("GET /api/cases/{number}/evidence.pdf", () -> assertThat(b.download(aCase + "/evidence.pdf").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/extension", () -> assertThat(b.post(aCase + "/extension",
                "{\"days\":10,\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/referrals", () -> assertThat(b.post(aCase + "/referrals",
                "{\"agencyCode\":\"X\",\"consent\":true}").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/referrals/{referral}/revocation", () -> assertThat(b.post(aCase
                + "/referrals/1/revocation", "{\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/transfer", () -> assertThat(b.post(aCase + "/transfer",
                "{\"toStationCode\":\"QX-0112\",\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/withdrawal", () -> assertThat(b.post(aCase + "/withdrawal", "{\"reason\":\"x\"}")
                .status()).isEqualTo(404));
        probes.put("POST /api/contacts", () -> assertThat(b.post("api/contacts", contact("QX-0111", "VISIT", "OTHER")
                .add("confirmedNew", true).build().toString()).body()).contains("stationCode"));
        probes.put("POST /api/contacts/duplicate-candidates", () -> assertThat(((JsonArray) b.post("api/contacts/duplicate-candidates",
                Json.createObjectBuilder().add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", "某某", a.phone())))
                        .build().toString()).jsonStructure()).getValuesAs(JsonObject.class))
                .noneMatch(c -> c.getJsonNumber("contactId").longValue() == a.contactId()));
        probes.put("GET /api/contacts/{id}", () -> assertThat(b.get(aContact).status()).isEqualTo(404));
        probes.put("POST /api/contacts/{id}/acknowledgement", () -> assertThat(b.post(aContact + "/acknowledgement",
                "{\"date\":\"" + today + "\",\"form\":\"SMS\"}").status()).isEqualTo(404));
        probes.put("POST /api/contacts/{id}/attachments", () -> assertThat(b.postBytes(aContact + "/attachments", "application/pdf",
                "attachment; filename=\"x.pdf\"", "%PDF-1.4\n".getBytes()).status()).isEqualTo(404));
        probes.put("GET /api/contacts/{id}/attachments/{attachmentId}", () -> assertThat(b.download(aContact + "/attachments/"
                + a.attachmentId()).status()).isEqualTo(404));
        probes.put("POST /api/contacts/{id}/decision", () -> assertThat(b.post(aContact + "/decision", "{\"decision\":\"ACCEPTED\"}")
                .status()).isEqualTo(404));
        probes.put("POST /api/ledger", () -> {
            Api.Reply r = b.postBytes("api/ledger", "text/csv", null, ("station_code,received_date,channel,category,petition_type,"
                    + "complainant_name,complainant_phone,respondent_name,accepted_date,mediation_outcome,closed_date,"
                    + "closure_reason,follow_up_result\nQX-0111,2025-03-02,VISIT,OTHER,,张三,,,,,,,\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.body()).contains("station_code");
        });
        probes.put("GET /api/ledger/template.csv", () -> assertThat(b.download("api/ledger/template.csv").body())
                .as("the empty template, no station's data").hasSizeLessThan(4096));
        probes.put("GET /api/ledger/template.xlsx", () -> assertThat(b.download("api/ledger/template.xlsx").status()).isEqualTo(200));
        probes.put("GET /api/reports/cases", () -> assertThat(b.get("api/reports/cases?indicator=ACCEPTED&" + period).status())
                .isEqualTo(404));
        probes.put("GET /api/reports/contacts", () -> assertThat(b.get("api/reports/contacts?indicator=RECEIVED&" + period)
                .status()).isEqualTo(404)); // issue 13
        probes.put("GET /api/reports/indicators", () -> assertThat(b.get("api/reports/indicators?" + period).status()).isEqualTo(404));
        probes.put("GET /api/reports/indicators.csv", () -> assertThat(b.download("api/reports/indicators.csv?" + period).status())
                .isEqualTo(404));
        probes.put("GET /api/reports/indicators.pdf", () -> assertThat(b.download("api/reports/indicators.pdf?" + period).status())
                .isEqualTo(404));
        probes.put("GET /api/reports/indicators.xlsx", () -> assertThat(b.download("api/reports/indicators.xlsx?" + period).status())
                .isEqualTo(404));
        probes.put("GET /api/stations", () -> assertThat(b.get("api/stations").body())
                .as("the station tree (codes and names) is everyone's map; it holds no case data").contains("QX-0111"));
        probes.put("GET /api/tasks", () -> {
            assertThat(b.get("api/tasks?scope=station").body()).doesNotContain(task);
            assertThat(b.get("api/tasks?scope=mine").body()).doesNotContain(task);
            assertThat(b.get("api/tasks?scope=overseen").body()).doesNotContain(task);
        });
        probes.put("POST /api/tasks/{id}/claim", () -> assertThat(b.post("api/tasks/" + task + "/claim", "").status()).isEqualTo(404));
        probes.put("DELETE /api/tasks/{id}/claim", () -> assertThat(b.delete("api/tasks/" + task + "/claim").status()).isEqualTo(404));
        probes.put("PUT /api/tasks/{id}/assignee", () -> assertThat(b.put("api/tasks/" + task + "/assignee",
                "{\"assignee\":\"b-staff\"}").status()).isEqualTo(404));
        probes.put("POST /api/tasks/{id}/release", () -> assertThat(b.post("api/tasks/" + task + "/release",
                "{\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/absences", () -> assertThat(b.post("api/absences", "{\"username\":\"a-mediator\",\"from\":\""
                + today + "\",\"to\":\"" + tomorrow + "\",\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/contacts/{id}/objection", () -> assertThat(b.post(aContact + "/objection",
                "{\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/reviews", () -> assertThat(b.post(aCase + "/reviews",
                "{\"kind\":\"REVIEW\",\"requestedOn\":\"" + today + "\",\"reason\":\"x\"}").status()).isEqualTo(404));
        probes.put("POST /api/cases/{number}/extension/told", () -> assertThat(b.post(aCase + "/extension/told",
                "{\"on\":\"" + today + "\",\"means\":\"SMS\"}").status()).isEqualTo(404));
        probes.put("POST /api/admin/calendar/years/{year}/confirmation", () -> assertThat(bAdmin.post(
                "api/admin/calendar/years/2099/confirmation", "").status()).as("only the root station's administrator")
                .isEqualTo(403));
        probes.put("GET /api/admin/calendar/attention", () -> assertThat(bAdmin.get("api/admin/calendar/attention").status())
                .as("the county's calendar: no station data").isIn(200, 204));
        probes.put("POST /api/tasks/{id}/completion", () -> assertThat(b.post("api/tasks/" + task + "/completion", "{}").status())
                .isEqualTo(404));

        // issue 19: notifications are each user's own; dead letters only for the administrator's subtree
        java.util.List<JsonObject> aNotes = mediatorA().get("api/notifications").json().getJsonArray("items").getValuesAs(JsonObject.class);
        String aNote = aNotes.isEmpty() ? "999999999" : aNotes.get(0).getJsonNumber("id").toString();
        probes.put("GET /api/notifications", () -> assertThat(b.get("api/notifications").body()).doesNotContain(a.caseNumber()));
        probes.put("GET /api/notifications/unread-count", () -> assertThat(b.get("api/notifications/unread-count").status())
                .isEqualTo(200));
        probes.put("POST /api/notifications/{id}/read", () -> assertThat(b.post("api/notifications/" + aNote + "/read", "")
                .status()).isEqualTo(404));
        probes.put("DELETE /api/notifications/{id}/read", () -> assertThat(b.delete("api/notifications/" + aNote + "/read")
                .status()).isEqualTo(404));
        probes.put("POST /api/notifications/read-all", () -> {
            String before = mediatorA().get("api/notifications/unread-count").body();
            assertThat(b.post("api/notifications/read-all", "").status()).isEqualTo(200);
            assertThat(mediatorA().get("api/notifications/unread-count").body()).isEqualTo(before);
        });
        probes.put("PUT /api/notifications/preference", () -> {
            assertThat(mediatorA().put("api/notifications/preference", "{\"email\":\"a-mediator@county.test\",\"emailMode\":\"OFF\"}")
                    .status()).isEqualTo(200);
            assertThat(b.put("api/notifications/preference", "{\"email\":\"b-staff@county.test\",\"emailMode\":\"OFF\"}")
                    .status()).isEqualTo(200);
            assertThat(mediatorA().get("api/notifications/preference").json().getString("email")).isEqualTo("a-mediator@county.test");
        });
        probes.put("GET /api/notifications/preference", () -> assertThat(b.get("api/notifications/preference").body())
                .doesNotContain("a-mediator@"));
        probes.put("GET /api/admin/notifications/dead-letters", () -> assertThat(bAdmin.get("api/admin/notifications/dead-letters")
                .body()).doesNotContain(a.caseNumber()).doesNotContain("a-mediator"));
        probes.put("POST /api/admin/notifications/dead-letters/{id}/resend", () -> assertThat(bAdmin.post(
                "api/admin/notifications/dead-letters/999999999/resend", "").status()).isEqualTo(404));
        // issue 18: the network is the county administrator's; a station's administrator or staff change nothing of it
        probes.put("GET /api/admin/stations", () -> assertThat(bAdmin.get("api/admin/stations").status()).isEqualTo(403));
        probes.put("POST /api/admin/stations", () -> assertThat(bAdmin.post("api/admin/stations", "{\"code\":\"QX-0199\","
                + "\"name\":\"x\",\"level\":\"VILLAGE\",\"parentCode\":\"QX-01\"}").status()).isEqualTo(403));
        probes.put("GET /api/admin/stations/{code}", () -> assertThat(bAdmin.get("api/admin/stations/QX-0111").status())
                .isEqualTo(403));
        probes.put("PUT /api/admin/stations/{code}", () -> assertThat(bAdmin.put("api/admin/stations/QX-0111",
                "{\"name\":\"x\"}").status()).isEqualTo(403));
        probes.put("POST /api/admin/stations/{code}/move", () -> assertThat(bAdmin.post("api/admin/stations/QX-0111/move",
                "{\"parentCode\":\"QX-02\"}").status()).isEqualTo(403));
        probes.put("POST /api/admin/stations/{code}/closure", () -> assertThat(b.post("api/admin/stations/QX-0111/closure", "")
                .status()).isEqualTo(403));
        probes.put("GET /api/admin/stations/{code}/history", () -> assertThat(bAdmin.get("api/admin/stations/QX-0111/history")
                .status()).isEqualTo(403));
        probes.put("GET /api/admin/agencies", () -> assertThat(b.get("api/admin/agencies").status()).isEqualTo(403));
        probes.put("POST /api/admin/agencies", () -> assertThat(bAdmin.post("api/admin/agencies",
                "{\"code\":\"QX-X\",\"name\":\"x\",\"kind\":\"POLICE\"}").status()).isEqualTo(403));
        probes.put("PUT /api/admin/agencies/{code}", () -> assertThat(bAdmin.put("api/admin/agencies/QX-FY",
                "{\"name\":\"x\",\"kind\":\"COURT\"}").status()).isEqualTo(403));
        probes.put("POST /api/admin/agencies/{code}/deactivation", () -> assertThat(bAdmin.post(
                "api/admin/agencies/QX-FY/deactivation", "").status()).isEqualTo(403));
        probes.put("POST /api/admin/agencies/{code}/activation", () -> assertThat(bAdmin.post(
                "api/admin/agencies/QX-FY/activation", "").status()).isEqualTo(403));
        probes.put("GET /api/admin/agencies/{code}/history", () -> assertThat(bAdmin.get("api/admin/agencies/QX-FY/history")
                .status()).isEqualTo(403));

        // issue 18: the risk instrument's versions are the county administrator's
        probes.put("GET /api/admin/risk-instrument/versions", () -> assertThat(bAdmin.get("api/admin/risk-instrument/versions")
                .status()).isEqualTo(403));
        probes.put("POST /api/admin/risk-instrument/versions", () -> assertThat(bAdmin.post("api/admin/risk-instrument/versions",
                "{\"id\":\"x\",\"name\":\"x\",\"mediumFrom\":1,\"highFrom\":2,\"questions\":[]}").status()).isEqualTo(403));
        probes.put("GET /api/admin/risk-instrument/versions/{id}", () -> assertThat(bAdmin.get(
                "api/admin/risk-instrument/versions/x").status()).isEqualTo(403));
        probes.put("PUT /api/admin/risk-instrument/versions/{id}", () -> assertThat(bAdmin.put(
                "api/admin/risk-instrument/versions/x", "{\"name\":\"x\"}").status()).isEqualTo(403));
        probes.put("POST /api/admin/risk-instrument/versions/{id}/review", () -> assertThat(b.post(
                "api/admin/risk-instrument/versions/x/review", "").status()).isEqualTo(403));
        probes.put("POST /api/admin/risk-instrument/versions/{id}/publication", () -> assertThat(bAdmin.post(
                "api/admin/risk-instrument/versions/x/publication", "").status()).isEqualTo(403));

        // issue 18: the network file is the county administrator's
        probes.put("GET /api/admin/network/network.csv", () -> assertThat(bAdmin.download("api/admin/network/network.csv")
                .status()).isEqualTo(403));
        probes.put("GET /api/admin/network/network.xlsx", () -> assertThat(bAdmin.download("api/admin/network/network.xlsx")
                .status()).isEqualTo(403));
        probes.put("POST /api/admin/network", () -> assertThat(bAdmin.postBytes("api/admin/network", "text/csv", null,
                "record,code\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(403));

        java.util.Set<String> operations = new java.util.TreeSet<>();
        OpenApiOperations.read(base).operations().forEach(op -> operations.add(op.key()));
        assertThat(operations).as("the API document lists operations").hasSizeGreaterThan(40);
        java.util.Set<String> untested = new java.util.TreeSet<>(operations);
        untested.removeAll(probes.keySet());
        assertThat(untested).as("operations of /openapi without a scope probe in this test: add one").isEmpty();
        java.util.Set<String> gone = new java.util.TreeSet<>(probes.keySet());
        gone.removeAll(operations);
        assertThat(gone).as("probes of operations /openapi no longer lists").isEmpty();

        java.util.List<String> leaks = new java.util.ArrayList<>();
        probes.forEach((operation, probe) -> {
            try {
                probe.run();
            } catch (AssertionError e) {
                leaks.add(operation + ": " + e.getMessage().lines().limit(6).collect(java.util.stream.Collectors.joining(" ")));
            }
        });
        assertThat(leaks).as("operations that let station QX-0112 reach station QX-0111's data").isEmpty();
        assertThat(supervisorA().get(aCase).status()).as("A's case is still there for A").isEqualTo(200);
    }

    /**
     * The fuzz test: every operation of /openapi, as a logged-in user, gets malformed, wrong-typed,
     * oversized, deeply nested and boundary values (fixed seed, at most {@link ApiFuzzer#PER_OPERATION}
     * requests each); no answer may be a 5xx, and every error answer must be problem+json.
     */
    @Test
    @Order(15)
    void fuzzingEveryOperationAnswersNo5xxAndOnlyProblemJsonErrors() {
        TestUsers.ensure(base, "fuzz-staff", "QX-01", "INTAKE", "MEDIATOR", "SUPERVISOR");
        TestUsers.ensure(base, "fuzz-admin", "QX", "ADMIN");
        TestUsers.ensure(base, "fuzz-target", "QX-0111", "INTAKE");
        String staff = new Api(base).loggedIn("fuzz-staff", TestUsers.PASSWORD).token();
        String admin = new Api(base).loggedIn("fuzz-admin", TestUsers.PASSWORD).token();
        // the network (stations, agencies, risk instrument, network file) is fuzzed as a sub-district's administrator:
        // bodies are still read and refused, but the county administrator's fuzz would change the network that
        // the test classes after this one build on (it created and closed a station "1")
        TestUsers.ensure(base, "fuzz-local-admin", "QX-01", "ADMIN");
        String localAdmin = new Api(base).loggedIn("fuzz-local-admin", TestUsers.PASSWORD).token();
        java.util.function.Predicate<String> network = path -> path.startsWith("/api/admin/stations")
                || path.startsWith("/api/admin/agencies") || path.startsWith("/api/admin/network")
                || path.startsWith("/api/admin/risk-instrument");
        Filed f = caseAtA();
        JsonObject file = supervisorA().get("api/cases/" + f.caseNumber()).json();
        java.util.Map<String, String> valid = new java.util.HashMap<>();
        valid.put("/api/contacts/{id}", String.valueOf(f.contactId()));
        valid.put("attachmentId", String.valueOf(f.attachmentId()));
        valid.put("number", f.caseNumber());
        valid.put("/api/tasks/{id}", file.getJsonArray("openTasks").getJsonObject(0).getString("id"));
        valid.put("username", "fuzz-target");
        valid.put("date", "2097-03-03");
        valid.put("referral", "1");
        ApiFuzzer fuzzer = new ApiFuzzer(new LoopbackHttp(base, "127.0.0.9"), base.getPath().replaceAll("/$", ""),
                OpenApiOperations.read(base),
                op -> network.test(op.path()) ? localAdmin : op.path().startsWith("/api/admin") ? admin : staff,
                key -> {
                    String path = key.substring(0, key.lastIndexOf(':'));
                    String name = key.substring(key.lastIndexOf(':') + 1);
                    if ("id".equals(name)) {
                        return path.startsWith("/api/contacts") ? valid.get("/api/contacts/{id}")
                                : path.startsWith("/api/tasks") ? valid.get("/api/tasks/{id}") : "1";
                    }
                    return valid.getOrDefault(name, "1");
                });
        long started = System.nanoTime();
        java.util.List<ApiFuzzer.Exchange> exchanges = fuzzer.run();
        long millis = (System.nanoTime() - started) / 1_000_000;

        java.util.Map<String, java.util.Map<Integer, Integer>> table = new java.util.TreeMap<>();
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (ApiFuzzer.Exchange e : exchanges) {
            table.computeIfAbsent(e.operation(), k -> new java.util.TreeMap<>()).merge(e.status(), 1, Integer::sum);
            boolean serverError = e.status() >= 500;
            boolean notProblem = e.status() >= 400 && !e.answerStart().isEmpty()
                    && !e.answerType().startsWith("application/problem+json");
            if (serverError || notProblem) {
                String line = e.status() + " " + e.operation() + " [" + e.bodyShape() + "] " + e.answerType() + " "
                        + e.answerStart().replace('\n', ' ');
                failures.add(line);
            }
        }
        System.out.println("[fuzz] " + exchanges.size() + " requests to " + table.size() + " operations in " + millis
                + " ms (seed " + ApiFuzzer.SEED + ")");
        table.forEach((op, statuses) -> System.out.println("[fuzz] " + op + " " + statuses));
        assertThat(exchanges.size()).isGreaterThan(1000);
        assertThat(failures).as("5xx answers, or error answers that are not problem+json").isEmpty();
    }

    @Test
    @Order(99)
    void manyFailedLoginsFromOneAddressMakeThatAddressWaitWhateverTheName() {
        LoopbackHttp attacker = new LoopbackHttp(base, "127.0.0.3");
        int status = 0;
        for (int i = 0; i < 30 && status != 429; i++) {
            status = attacker.postJson("/" + path("api/auth/token"), null, credentials("nobody-" + i, "wrong-password")).status();
        }
        assertThat(status).isEqualTo(429);
        String user = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.ensure(base, user, "QX-0111", "INTAKE");
        assertThat(attacker.postJson("/" + path("api/auth/token"), null, credentials(user, TestUsers.PASSWORD)).status())
                .as("the address waits, whoever logs in").isEqualTo(429);
        assertThat(login(user, TestUsers.PASSWORD).status()).as("other addresses do not").isEqualTo(200);
    }

    /** A path of the application as the raw client sends it (the deployment may have a context root). */
    private String path(String relative) {
        String p = base.getPath();
        return (p.startsWith("/") ? p.substring(1) : p) + relative;
    }

    private static String credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    private Api.Reply login(String username, String password) {
        return new Api(base).post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
    }
}
