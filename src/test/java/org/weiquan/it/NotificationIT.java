package org.weiquan.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.UserTransaction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.infrastructure.WeiquanDatabase;
import org.weiquan.notification.Delivery;
import org.weiquan.notification.DeliverySettings;
import org.weiquan.notification.Dispatcher;
import org.weiquan.notification.DueReminders;
import org.weiquan.notification.OutboxStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.io.File;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * Notifications (issue 19) with a real SMTP server (GreenMail) and a real HTTP receiver for the gateway, both on
 * 127.0.0.1 inside the test server: an overdue danger assessment reaches the station's supervisor in the
 * application, by e-mail and through the webhook, once; a rolled-back task completion sends nothing; what was
 * committed waits in the outbox for whichever node sends it and goes out once; other work waits for the digest;
 * a gateway that keeps failing leaves a dead letter the administrator sends again. No message names a party.
 * The dispatcher's own schedule is off here: the test runs it, as the schedule would.
 */
@ExtendWith(ArquillianExtension.class)
class NotificationIT {

    private static final String STATION = "QX-0209";
    private static final String SECRET = "h19-gateway-shared-secret";

    @Deployment
    static WebArchive deployment() {
        // Payara ships Jakarta Mail (Angus): only GreenMail itself goes with the test
        return Deployments.weiquan().addAsLibraries(jarOf(GreenMail.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Inject
    Delivery delivery;

    @Inject
    Dispatcher dispatcher;

    @Inject
    OutboxStore outbox;

    @Inject
    DueReminders reminders;

    @Inject
    ManagementService management;

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    private GreenMail smtp;
    private HttpServer receiver;
    private final List<Received> hooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger failHooks = new AtomicInteger();
    private DeliverySettings before;

    private record Received(String signature, String delivery, byte[] body) {
        JsonObject json() {
            return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
        }
    }

    @BeforeEach
    void pointDeliveryAtTheTestsServers() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 204;
            if (failHooks.get() > 0) {
                failHooks.decrementAndGet();
                status = 503;
            } else {
                hooks.add(new Received(exchange.getRequestHeaders().getFirst("X-Weiquan-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Weiquan-Delivery"), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        before = delivery.settings();
        delivery.replace(new DeliverySettings(Optional.of("127.0.0.1"), smtp.getSmtp().getPort(), Optional.empty(),
                Optional.empty(), "weiquan@county.test", false, 8, "https://weiquan.county.test",
                Optional.of(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")),
                Optional.of(SECRET), 2, Duration.ofSeconds(60), false));
    }

    @AfterEach
    void stopTheTestsServers() {
        delivery.replace(before);
        receiver.stop(0);
        smtp.stop();
    }

    // --- the station's people -------------------------------------------------------------------------------

    private Api intake() {
        return TestUsers.user(base, "h19-intake", STATION, "INTAKE");
    }

    private Api supervisor() {
        return TestUsers.user(base, "h19-supervisor", STATION, "SUPERVISOR");
    }

    private Api mediator() {
        return TestUsers.user(base, "h19-mediator", STATION, "MEDIATOR");
    }

    private Api admin() {
        return TestUsers.user(base, "h19-admin", "QX-02", "ADMIN");
    }

    private static final String SUPERVISOR_MAIL = "h19-supervisor@county.test";
    private static final String MEDIATOR_MAIL = "h19-mediator@county.test";

    private void chooseEmail(Api who, String address, String mode) {
        Api.Reply reply = who.put("api/notifications/preference",
                "{\"email\":\"" + address + "\",\"emailMode\":\"" + mode + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** A case's people, as registered: what no message may contain. */
    private record Filed(String number, List<String> personalData) {
    }

    private Filed acceptedDomesticViolenceCase() {
        mediator();
        String complainant = TestData.name();
        String respondent = TestData.name();
        String phone = TestData.mobile();
        String idNumber = TestData.idNumber();
        Api.Reply reg = intake().post("api/contacts", contact(STATION, "VISIT", "DOMESTIC_VIOLENCE")
                .add("parties", Json.createArrayBuilder()
                        .add(party("COMPLAINANT", complainant, phone).add("idNumber", idNumber))
                        .add(party("RESPONDENT", respondent)))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        Api.Reply accepted = supervisor().post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return new Filed(accepted.json().getString("caseNumber"), List.of(complainant, respondent, phone, idNumber));
    }

    private JsonObject openTask(String number, String key) {
        return supervisor().get("api/cases/" + number).json().getJsonArray("openTasks").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not open in " + number));
    }

    /** Runs the timer now, as if its time had come (the job executor would). */
    private void fireTimerNow(String businessKey, String activityId) {
        Job job = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
                .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list().stream())
                .findFirst().orElseThrow(() -> new AssertionError(activityId + " is not waiting for " + businessKey));
        management.executeJob(job.getId());
    }

    private static List<JsonObject> items(Api who) {
        return who.get("api/notifications").json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private List<JsonObject> aboutCase(Api who, String number) {
        return items(who).stream().filter(n -> number.equals(n.getString("caseNumber", null))).toList();
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                to.add(m);
            }
        }
        return to;
    }

    private List<Received> hooksAbout(String number) {
        return hooks.stream().filter(h -> number.equals(h.json().getString("caseNumber", null))).toList();
    }

    private List<String> outboxStates(String recipient, String number) throws SQLException {
        return outboxStates(recipient, number, "%");
    }

    /** The outbox rows of a recipient about a case (of a kind: ASSIGNED, OFFERED, % for all), "CHANNEL:STATE". */
    private List<String> outboxStates(String recipient, String number, String kind) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT o.channel || ':' || o.state FROM notification_outbox o"
                     + " JOIN notification n ON n.id = o.notification_id WHERE o.recipient = ? AND n.case_number = ?"
                     + " AND n.kind LIKE ? ORDER BY o.channel")) {
            q.setString(1, recipient);
            q.setString(2, number);
            q.setString(3, kind);
            List<String> states = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
            return states;
        }
    }

    private static void assertNoPersonalData(String text, Filed filed) {
        for (String p : filed.personalData()) {
            assertThat(text).as("a message names a person of the case").doesNotContain(p);
        }
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    // --- the tests -------------------------------------------------------------------------------------------

    @Test
    void anOverdueDangerAssessmentTellsTheSupervisorInTheAppByEmailAndThroughTheGatewayOnce() throws Exception {
        chooseEmail(supervisor(), SUPERVISOR_MAIL, "URGENT_AND_DIGEST");
        Filed filed = acceptedDomesticViolenceCase();
        String number = filed.number();
        assertThat(aboutCase(supervisor(), number)).as("she accepted it herself: nothing to tell her yet").isEmpty();

        fireTimerNow(number, "Timer_RiskAssessmentDue");
        String chase = openTask(number, "Task_ChaseOverdue").getString("id");

        // in the application at once: the bell counts it, the item links to the chase
        List<JsonObject> inApp = aboutCase(supervisor(), number);
        assertThat(inApp).hasSize(1);
        JsonObject n = inApp.get(0);
        assertThat(n.getBoolean("urgent")).isTrue();
        assertThat(n.getBoolean("read")).isFalse();
        assertThat(n.getString("taskId")).isEqualTo(chase);
        assertThat(n.getString("link")).isEqualTo("/app/task.xhtml?id=" + chase);
        long unread = supervisor().get("api/notifications/unread-count").json().getJsonNumber("unread").longValue();
        assertThat(unread).isGreaterThanOrEqualTo(1);

        // committed with the timer, nothing sent yet: what a node that stops now leaves for the next one
        assertThat(outboxStates("h19-supervisor", number)).containsExactly("EMAIL:PENDING", "WEBHOOK:PENDING");
        assertThat(mailTo(SUPERVISOR_MAIL)).isEmpty();

        Dispatcher.Run run = dispatcher.sendDue(Instant.now());
        assertThat(run.failed()).isZero();
        dispatcher.sendDue(Instant.now()); // a second node, or the same after a restart: nothing twice
        dispatcher.sendDue(Instant.now().plus(Duration.ofDays(1)));

        // (the registration's acceptance review went to her too, in the digest: it names no case yet)
        for (MimeMessage any : mailTo(SUPERVISOR_MAIL)) {
            assertNoPersonalData(subjectOrBody(any), filed);
        }
        List<MimeMessage> mails = mailTo(SUPERVISOR_MAIL).stream().filter(m -> subjectOrBody(m).contains(number)).toList();
        assertThat(mails).as("one e-mail, at once (urgent): %s", mails.stream().map(NotificationIT::subjectOrBody).toList())
                .hasSize(1);
        MimeMessage mail = mails.get(0);
        String body = mail.getContent().toString();
        assertThat(mail.getSubject()).contains("紧急").contains(number);
        assertThat(body).contains(number).contains("督办").contains("https://weiquan.county.test/app/task.xhtml?id=" + chase);
        assertNoPersonalData(mail.getSubject() + "\n" + body, filed);

        List<Received> received = hooksAbout(number);
        assertThat(received).as("one signed webhook").hasSize(1);
        Received hook = received.get(0);
        assertThat(hook.signature()).isEqualTo(hmac(hook.body()));
        assertThat(hook.json().getString("recipient")).isEqualTo("h19-supervisor");
        assertThat(hook.json().getString("link")).isEqualTo("https://weiquan.county.test/app/task.xhtml?id=" + chase);
        assertNoPersonalData(new String(hook.body(), StandardCharsets.UTF_8), filed);
        assertThat(outboxStates("h19-supervisor", number)).containsExactly("EMAIL:SENT", "WEBHOOK:SENT");

        // read: the bell counts one fewer; unread again on request; another user cannot touch it
        long id = n.getJsonNumber("id").longValue();
        assertThat(mediator().post("api/notifications/" + id + "/read", "").status()).isEqualTo(404);
        assertThat(supervisor().post("api/notifications/" + id + "/read", "").json().getBoolean("read")).isTrue();
        assertThat(supervisor().get("api/notifications/unread-count").json().getJsonNumber("unread").longValue())
                .isEqualTo(unread - 1);
        assertThat(supervisor().delete("api/notifications/" + id + "/read").status()).isEqualTo(200);
        assertThat(aboutCase(supervisor(), number).get(0).getBoolean("read")).isFalse();
    }

    @Test
    void aRolledBackCompletionSendsNothingAndTheCommittedOneWaitsForTheDailyDigest() throws Exception {
        chooseEmail(mediator(), MEDIATOR_MAIL, "OFF");
        Filed filed = acceptedDomesticViolenceCase();
        String number = filed.number();
        chooseEmail(mediator(), MEDIATOR_MAIL, "URGENT_AND_DIGEST");
        String assign = openTask(number, "Task_AssignMediator").getString("id");

        transaction.begin();
        try {
            tasks.complete(assign, Map.of("mediator", "h19-mediator"));
            assertThat(outboxStates("h19-mediator", number, "ASSIGNED")).as("written in the completion's transaction")
                    .isNotEmpty();
        } finally {
            transaction.rollback();
        }
        assertThat(outboxStates("h19-mediator", number)).isEmpty();
        assertThat(aboutCase(mediator(), number)).extracting(j -> j.getString("kind")).doesNotContain("ASSIGNED");
        dispatcher.sendDue(Instant.now().plus(Duration.ofDays(2)));
        assertThat(mailTo(MEDIATOR_MAIL).stream().filter(m -> subjectOrBody(m).contains(number)))
                .as("nothing about the rolled-back hand-over").isEmpty();

        // the real assignment, committed: the handling task is hers, told in the app now and in tomorrow's digest
        Api.Reply done = supervisor().post("api/tasks/" + assign + "/completion", "{\"mediator\":\"h19-mediator\"}");
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
        assertThat(aboutCase(mediator(), number)).extracting(j -> j.getString("kind")).contains("ASSIGNED");
        dispatcher.sendDue(Instant.now());
        assertThat(mailTo(MEDIATOR_MAIL).stream().filter(m -> subjectOrBody(m).contains(number)))
                .as("not urgent: no e-mail before the digest").isEmpty();

        Instant digestTime = LocalDate.now(org.weiquan.shared.StationTime.ZONE).plusDays(1).atTime(8, 0)
                .atZone(org.weiquan.shared.StationTime.ZONE).toInstant();
        dispatcher.sendDue(digestTime);
        dispatcher.sendDue(digestTime.plusSeconds(60));
        List<MimeMessage> digests = mailTo(MEDIATOR_MAIL).stream().filter(m -> subjectOrBody(m).contains(number)).toList();
        assertThat(digests).as("one digest names the case").hasSize(1);
        assertThat(digests.get(0).getSubject()).contains("待办摘要");
        assertNoPersonalData(subjectOrBody(digests.get(0)), filed);
        assertThat(hooksAbout(number)).as("the gateway is for urgent work").isEmpty();

        // the day before the deadline of the task handed to her she is reminded, and again once it has passed — once each
        String handed = aboutCase(mediator(), number).stream().filter(j -> j.getString("kind").equals("ASSIGNED"))
                .findFirst().orElseThrow().getString("taskId");
        JsonObject handle = supervisor().get("api/cases/" + number).json().getJsonArray("openTasks")
                .getValuesAs(JsonObject.class).stream().filter(t -> t.getString("id").equals(handed)).findFirst().orElseThrow();
        Instant due = java.time.OffsetDateTime.parse(handle.getString("due")).toInstant();
        reminders.remind(due.minus(Duration.ofHours(25)));
        reminders.remind(due.minus(Duration.ofHours(24)));
        reminders.remind(due.plus(Duration.ofHours(1)));
        reminders.remind(due.plus(Duration.ofHours(2)));
        assertThat(aboutCase(mediator(), number)).filteredOn(j -> handle.getString("id").equals(j.getString("taskId", null)))
                .extracting(j -> j.getString("kind")).filteredOn(k -> k.equals("DUE_SOON") || k.equals("OVERDUE"))
                .containsExactlyInAnyOrder("DUE_SOON", "OVERDUE");

        // a referral of her case answered by a colleague the task was handed to: the case's mediator learns it
        Api colleague = TestUsers.user(base, "h19-mediator-2", STATION, "MEDIATOR");
        Api.Reply sent = supervisor().post("api/cases/" + number + "/referrals", "{\"agencyCode\":\"QX-MZ\",\"consent\":true}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String waiting = openTask(number, "Task_AwaitReferralAnswer").getString("id");
        Api.Reply handedOn = supervisor().put("api/tasks/" + waiting + "/assignee",
                "{\"assignee\":\"h19-mediator-2\",\"reason\":\"代为联系\"}");
        assertThat(handedOn.status()).as(handedOn.toString()).isEqualTo(200);
        Api.Reply answered = colleague.post("api/tasks/" + waiting + "/completion", "{\"answer\":\"ACCEPTED\"}");
        assertThat(answered.status()).as(answered.toString()).isEqualTo(204);
        assertThat(aboutCase(mediator(), number)).filteredOn(j -> j.getString("kind").equals("REFERRAL_ANSWERED"))
                .singleElement().satisfies(j -> assertThat(j.getString("link")).isEqualTo("/app/case.xhtml?number=" + number));
    }

    @Test
    void theBellCountsTheUnreadOnEveryPageAndTheAdministratorFindsTheDeadLetters() throws Exception {
        supervisor();
        admin();
        long unread = supervisor().get("api/notifications/unread-count").json().getJsonNumber("unread").longValue();
        FormSession browser = new FormSession(base);
        assertThat(browser.logIn("h19-supervisor", TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        var page = browser.get("app/notifications.xhtml");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("我的提醒").contains("navBell").contains("邮件提醒");
        if (unread > 0) {
            assertThat(page.body()).contains(">" + unread + "</span>");
        }
        assertThat(browser.get("app/tasks.xhtml").body()).as("the bell is on every page").contains("navBell");

        FormSession adminBrowser = new FormSession(base);
        assertThat(adminBrowser.logIn("h19-admin", TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        var letters = adminBrowser.get("app/admin/notifications.xhtml");
        assertThat(letters.statusCode()).isEqualTo(200);
        assertThat(letters.body()).contains("未送达提醒");
    }

    @Test
    void aSendInterruptedOrFailingUntilTheLastAttemptLiesInTheDeadLetterListUntilTheAdministratorSendsItAgain()
            throws Exception {
        chooseEmail(supervisor(), SUPERVISOR_MAIL, "OFF");
        Filed filed = acceptedDomesticViolenceCase();
        String number = filed.number();
        fireTimerNow(number, "Timer_RiskAssessmentDue");
        assertThat(outboxStates("h19-supervisor", number)).containsExactly("WEBHOOK:PENDING");

        // the gateway answers 503 twice: tried again after the back-off, then given up (2 attempts here)
        failHooks.set(2);
        Instant now = Instant.now();
        dispatcher.sendDue(now);
        assertThat(outboxStates("h19-supervisor", number)).containsExactly("WEBHOOK:PENDING");
        dispatcher.sendDue(now.plusSeconds(30));
        assertThat(failHooks.get()).as("not before the back-off").isEqualTo(1);
        dispatcher.sendDue(now.plusSeconds(61));
        assertThat(outboxStates("h19-supervisor", number)).containsExactly("WEBHOOK:DEAD");
        dispatcher.sendDue(now.plus(Duration.ofDays(1)));
        assertThat(hooksAbout(number)).isEmpty();

        JsonArray dead = (JsonArray) admin().get("api/admin/notifications/dead-letters").jsonStructure();
        JsonObject letter = dead.getValuesAs(JsonObject.class).stream()
                .filter(d -> number.equals(d.getString("caseNumber", null))).findFirst().orElseThrow();
        assertThat(letter.getString("channel")).isEqualTo("WEBHOOK");
        assertThat(letter.getString("lastError")).isEqualTo("HTTP 503");
        assertThat(letter.getInt("attempts")).isEqualTo(2);
        assertThat(((JsonArray) TestUsers.user(base, "h19-admin-elsewhere", "QX-01", "ADMIN")
                .get("api/admin/notifications/dead-letters").jsonStructure()).getValuesAs(JsonObject.class))
                .as("another subtree's administrator").noneMatch(d -> number.equals(d.getString("caseNumber", null)));
        FormSession adminPage = new FormSession(base);
        assertThat(adminPage.logIn("h19-admin", TestUsers.PASSWORD).statusCode()).isEqualTo(302);
        String listed = adminPage.get("app/admin/notifications.xhtml").body();
        assertThat(listed).as("the dead letter names its recipient as people know her")
                .contains(number).contains("测试 h19-supervisor</span>").doesNotContain(">h19-supervisor</span>");

        assertThat(admin().post("api/admin/notifications/dead-letters/" + letter.getJsonNumber("id") + "/resend", "")
                .status()).isEqualTo(204);
        dispatcher.sendDue(Instant.now());
        dispatcher.sendDue(Instant.now());
        assertThat(hooksAbout(number)).hasSize(1);
        assertThat(hooksAbout(number).get(0).delivery()).isEqualTo(String.valueOf(letter.getJsonNumber("id")));

        // a node that claimed a message and stopped before it was recorded: whether it left is unknown, so it is
        // never sent again by itself (at most once) but listed for the administrator
        chooseEmail(supervisor(), SUPERVISOR_MAIL, "URGENT_AND_DIGEST");
        Filed second = acceptedDomesticViolenceCase();
        fireTimerNow(second.number(), "Timer_RiskAssessmentDue");
        Instant at = Instant.now();
        for (Long row : outbox.due(at, 1000)) {
            outbox.claim(row, at);
        }
        dispatcher.sendDue(at.plus(Duration.ofMinutes(10)));
        assertThat(outboxStates("h19-supervisor", second.number())).containsExactly("EMAIL:DEAD", "WEBHOOK:DEAD");
        assertThat(mailTo(SUPERVISOR_MAIL).stream().filter(m -> subjectOrBody(m).contains(second.number()))).isEmpty();
        assertThat(((JsonArray) admin().get("api/admin/notifications/dead-letters").jsonStructure())
                .getValuesAs(JsonObject.class)).filteredOn(d -> second.number().equals(d.getString("caseNumber", null)))
                .extracting(d -> d.getString("lastError")).containsOnly("interrupted");
    }

    @Test
    void aWrongEmailOrModeIsNamedBack() {
        Api.Reply bad = mediator().put("api/notifications/preference", "{\"email\":\"not-an-address\",\"emailMode\":\"SOMETIMES\"}");
        assertThat(bad.status()).as(bad.toString()).isIn(400, 422);
        assertThat(bad.body()).contains("email").contains("emailMode");
    }

    private static String subjectOrBody(MimeMessage m) {
        try {
            return m.getSubject() + "\n" + m.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
