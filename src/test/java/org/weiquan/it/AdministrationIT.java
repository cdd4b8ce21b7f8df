package org.weiquan.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * The county's administration and what reaches people, in one Payara start (was NotificationIT and
 * NetworkAdministrationIT).
 *
 * <p>Notifications (issue 19) with a real SMTP server (GreenMail) and a real HTTP receiver for the gateway, both on
 * 127.0.0.1 inside the test server: an overdue danger assessment reaches the station's supervisor in the
 * application, by e-mail and through the webhook, once; a rolled-back task completion sends nothing; what was
 * committed waits in the outbox for whichever node sends it and goes out once; other work waits for the digest;
 * a gateway that keeps failing leaves a dead letter the administrator sends again. No message names a party.
 * The dispatcher's own schedule is off here: the test runs it, as the schedule would. These run first, in the
 * order they ran as a class of their own; every test has the test's servers (the network's tests do not look at them).
 *
 * <p>Issue 18: the county administrator keeps the network. Every such test builds the small network it needs through
 * the API (codes {@code H18-…}) under the county station, so that no test depends on the demo county's tree
 * below its root.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationIT {

    private static final String STATION = "QX-0209";
    private static final String SECRET = "h19-gateway-shared-secret";

    @Deployment
    static WebArchive deployment() {
        // Payara ships Jakarta Mail (Angus): only GreenMail itself goes with the test
        return Deployments.weiquan().addAsLibraries(Deployments.jarOf(GreenMail.class));
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Resource
    UserTransaction transaction;

    @Inject
    org.weiquan.station.Stations stations;

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
    @Order(1)
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
        assertThat(mails).as("one e-mail, at once (urgent): %s", mails.stream().map(AdministrationIT::subjectOrBody).toList())
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
    @Order(5)
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

    /**
     * Issue 16: the hourly reminders read the held tasks due by tomorrow a page at a time, oldest due first. They read
     * one page only (5,000 tasks), so once more tasks than that were overdue, the same oldest ones came back every hour
     * and no task due later was ever reminded. Here a page is two tasks, and the mediator holds three overdue ones.
     */
    @Test
    @Order(6)
    void everyHeldTaskPastItsDueIsRemindedOnceWhateverNumberOfTasksFallDueBeforeIt() {
        Api mediator = TestUsers.user(base, "r16-mediator", STATION, "MEDIATOR");
        List<String> handling = new ArrayList<>();
        Instant latest = Instant.EPOCH;
        for (int i = 0; i < 3; i++) {
            String number = accepted(intake(), supervisor(), STATION);
            Api.Reply assigned = supervisor().post("api/tasks/" + openTask(number, "Task_AssignMediator").getString("id")
                    + "/completion", "{\"mediator\":\"r16-mediator\"}");
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);
            JsonObject task = openTask(number, "Task_HandleCase");
            handling.add(task.getString("id"));
            Instant due = java.time.OffsetDateTime.parse(task.getString("due")).toInstant();
            latest = due.isAfter(latest) ? due : latest;
        }
        reminders.remind(latest.plus(Duration.ofHours(1)), 2);
        reminders.remind(latest.plus(Duration.ofHours(2)), 2);
        List<String> overdue = items(mediator).stream().filter(n -> "OVERDUE".equals(n.getString("kind")))
                .map(n -> n.getString("taskId")).toList();
        assertThat(overdue).as("OVERDUE notifications of her tasks, pages of 2").containsExactlyInAnyOrderElementsOf(handling);
    }

    @Test
    @Order(2)
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
    @Order(4)
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
    @Order(3)
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

    // ==================================================== the station network (was NetworkAdministrationIT)



    private Api countyAdmin() {
        return TestUsers.admin(base);
    }

    private String root() {
        JsonArray tree = (JsonArray) countyAdmin().get("api/stations").jsonStructure();
        return tree.getJsonObject(0).getString("code");
    }

    private JsonObject station(String code, String name, String level, String parent) {
        Api.Reply created = countyAdmin().post("api/admin/stations", Json.createObjectBuilder().add("code", code)
                .add("name", name).add("level", level).add("parentCode", parent).add("address", "测试路 1 号")
                .add("phone", "0791-1234567").add("openingHours", "周一至周五 9:00-17:00").build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String month() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    private String registered(Api intake, String station, String category) {
        Api.Reply reg = intake.post("api/contacts", contact(station, "VISIT", category)
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return reg.json().getJsonNumber("id").toString();
    }

    private String accepted(Api intake, Api supervisor, String station) {
        return accepted(intake, supervisor, station, "MARRIAGE_DISPUTE");
    }

    private String accepted(Api intake, Api supervisor, String station, String category) {
        String id = registered(intake, station, category);
        Api.Reply accepted = supervisor.post("api/contacts/" + id + "/decision", "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().getString("caseNumber");
    }

    private static String openTaskOf(Api who, String number, String key) {
        Api.Reply file = who.get("api/cases/" + number);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        return file.json().getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals(key)).map(t -> t.getString("id")).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not open in " + number));
    }

    private static List<String> drillDown(Api supervisor, String indicator, String station) {
        Api.Reply reply = supervisor.get("api/reports/cases?indicator=" + indicator + "&stationCode=" + station
                + "&period=" + month() + "&size=200");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return ((JsonArray) reply.jsonStructure()).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private List<JsonObject> history(String code) {
        Api.Reply reply = countyAdmin().get("api/admin/stations/" + code + "/history");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return ((JsonArray) reply.jsonStructure()).getValuesAs(JsonObject.class);
    }

    // ------------------------------------------------------------------ move

    @Test
    void aStationMovedWithAnOpenCaseTakesItsCaseScopeAndReportsToTheNewParentWhileItsMediatorWorks() throws Exception {
        String county = root();
        station("H18-MA", "移出街道中心", "SUBDISTRICT", county);
        station("H18-MB", "移入街道中心", "SUBDISTRICT", county);
        station("H18-MA1", "移动社区维权站", "COMMUNITY", "H18-MA");
        Api intake = TestUsers.user(base, "h18-move-intake", "H18-MA1", "INTAKE");
        Api mediator = TestUsers.user(base, "h18-move-mediator", "H18-MA1", "MEDIATOR");
        Api oldParent = TestUsers.user(base, "h18-move-sup-a", "H18-MA", "SUPERVISOR");
        Api newParent = TestUsers.user(base, "h18-move-sup-b", "H18-MB", "SUPERVISOR");
        String number = accepted(intake, oldParent, "H18-MA1");
        Api.Reply assigned = oldParent.post("api/tasks/" + openTaskOf(oldParent, number, "Task_AssignMediator")
                + "/completion", "{\"mediator\":\"h18-move-mediator\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);
        String handle = openTaskOf(mediator, number, "Task_HandleCase");

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Api.Reply> move = two.submit(() -> countyAdmin().post("api/admin/stations/H18-MA1/move",
                    "{\"parentCode\":\"H18-MB\"}"));
            Future<Api.Reply> work = two.submit(() -> mediator.post("api/tasks/" + handle + "/completion",
                    "{\"step\":\"MEDIATE\"}"));
            assertThat(move.get().status()).as(move.get().toString()).isEqualTo(200);
            assertThat(work.get().status()).as(work.get().toString()).isEqualTo(204);
        } finally {
            two.shutdown();
        }

        // nothing lost: the mediator's work was recorded and her next task waits for her
        assertThat(openTaskOf(mediator, number, "Task_HoldMediationSession")).isNotBlank();
        // the new parent's supervisor sees the case and counts it; the old one no longer does
        assertThat(newParent.get("api/cases/" + number).status()).isEqualTo(200);
        assertThat(oldParent.get("api/cases/" + number).status()).isEqualTo(404);
        assertThat(drillDown(newParent, "ACCEPTED", "H18-MB")).contains(number);
        assertThat(drillDown(oldParent, "ACCEPTED", "H18-MA")).doesNotContain(number);
        assertThat(drillDown(newParent, "ACCEPTED", "H18-MA1")).contains(number);
        // the tree and the history say where it is and who moved it
        JsonObject moved = countyAdmin().get("api/admin/stations/H18-MA1").json();
        assertThat(moved.getString("parentCode")).isEqualTo("H18-MB");
        assertThat(history("H18-MA1")).extracting(c -> c.getString("kind")).containsExactly("CREATED", "MOVED");
        JsonObject change = history("H18-MA1").get(1);
        assertThat(change.getString("by")).isEqualTo(TestUsers.ADMIN);
        assertThat(change.getString("before")).isEqualTo("parent: H18-MA");
        assertThat(change.getString("after")).isEqualTo("parent: H18-MB");
    }

    @Test
    void aStationCannotMoveUnderItselfOrUnderAParentOfTheWrongLevel() {
        String county = root();
        station("H18-XA", "层级街道中心", "SUBDISTRICT", county);
        station("H18-XA1", "层级村服务室", "VILLAGE", "H18-XA");
        Api.Reply underChild = countyAdmin().post("api/admin/stations/H18-XA/move", "{\"parentCode\":\"H18-XA1\"}");
        assertThat(underChild.status()).isEqualTo(422);
        assertThat(underChild.contentType()).startsWith("application/problem+json");
        assertThat(underChild.body()).contains("parentCode");
        Api.Reply villageUnderCounty = countyAdmin().post("api/admin/stations/H18-XA1/move",
                "{\"parentCode\":\"" + county + "\"}");
        assertThat(villageUnderCounty.status()).isEqualTo(422);
        assertThat(villageUnderCounty.body()).contains("parentCode");
        assertThat(history("H18-XA1")).extracting(c -> c.getString("kind")).containsExactly("CREATED");
    }

    // ------------------------------------------------------------------ close

    @Test
    void aClosedStationRefusesContactsAndItsCasesStayCountedWhereTheyWereAccepted() {
        String county = root();
        station("H18-CA", "关闭测试街道中心", "SUBDISTRICT", county);
        station("H18-CA1", "将关闭的村服务室", "VILLAGE", "H18-CA");
        Api intake = TestUsers.user(base, "h18-close-intake", "H18-CA", "INTAKE");
        Api supervisor = TestUsers.user(base, "h18-close-sup", "H18-CA", "SUPERVISOR");
        Api villageStaff = TestUsers.user(base, "h18-close-village", "H18-CA1", "INTAKE");
        String number = accepted(intake, supervisor, "H18-CA1");

        Api.Reply withOpenCase = countyAdmin().post("api/admin/stations/H18-CA1/closure", "");
        assertThat(withOpenCase.status()).as(withOpenCase.toString()).isEqualTo(409);
        assertThat(withOpenCase.body()).contains("transfer its open cases first");

        Api.Reply transferred = supervisor.post("api/cases/" + number + "/transfer",
                "{\"toStationCode\":\"H18-CA\",\"reason\":\"服务室撤并\"}");
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        Api.Reply closed = countyAdmin().post("api/admin/stations/H18-CA1/closure", "");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().getBoolean("closed")).isTrue();

        Api.Reply contact = intake.post("api/contacts", contact("H18-CA1", "VISIT", "MARRIAGE_DISPUTE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(contact.status()).isEqualTo(422);
        assertThat(contact.body()).contains("stationCode");
        // nor from its own staff, whose token's check reads their station with them
        Api.Reply own = villageStaff.post("api/contacts", contact("H18-CA1", "VISIT", "MARRIAGE_DISPUTE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(own.status()).as(own.toString()).isEqualTo(422);
        assertThat(own.body()).contains("stationCode").contains("the station is closed");
        Api.Reply back = supervisor.post("api/cases/" + number + "/transfer",
                "{\"toStationCode\":\"H18-CA1\",\"reason\":\"退回\"}");
        assertThat(back.status()).isEqualTo(422);
        assertThat(back.body()).contains("toStationCode");

        // the case accepted there this month still counts to the closed station
        assertThat(drillDown(supervisor, "ACCEPTED", "H18-CA1")).containsExactly(number);
        assertThat(history("H18-CA1")).extracting(c -> c.getString("kind")).containsExactly("CREATED", "CLOSED");
        assertThat(countyAdmin().post("api/admin/stations/H18-CA1/closure", "").status()).isEqualTo(409);
    }

    // ------------------------------------------------------------------ create and edit

    @Test
    void theAdministratorCreatesRenamesAndDescribesAStationAndEachChangeIsRecordedWithBeforeAndAfter() {
        String county = root();
        JsonObject created = station("H18-EA", "编辑测试街道中心", "SUBDISTRICT", county);
        assertThat(created.getString("parentCode")).isEqualTo(county);
        assertThat(created.getString("address")).isEqualTo("测试路 1 号");

        Api.Reply again = countyAdmin().post("api/admin/stations", "{\"code\":\"H18-EA\",\"name\":\"重复\",\"level\":\"SUBDISTRICT\","
                + "\"parentCode\":\"" + county + "\"}");
        assertThat(again.status()).isEqualTo(409);
        Api.Reply wrongLevel = countyAdmin().post("api/admin/stations", "{\"code\":\"H18-EB\",\"name\":\"错层级\",\"level\":\"VILLAGE\","
                + "\"parentCode\":\"" + county + "\",\"phone\":\"电话\"}");
        assertThat(wrongLevel.status()).isEqualTo(422);
        assertThat(wrongLevel.body()).contains("\"level\"").contains("\"phone\"");

        Api.Reply read = countyAdmin().get("api/admin/stations/H18-EA");
        Api.Reply renamed = countyAdmin().withHeader("If-Match", read.etag()).put("api/admin/stations/H18-EA",
                "{\"name\":\"改名后的街道中心\",\"address\":\"新址路 2 号\",\"phone\":\"0791-7654321\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        Api.Reply stale = countyAdmin().withHeader("If-Match", read.etag()).put("api/admin/stations/H18-EA",
                "{\"name\":\"又一个名字\"}");
        assertThat(stale.status()).isEqualTo(409);

        JsonArray tree = (JsonArray) countyAdmin().get("api/stations").jsonStructure();
        assertThat(tree.toString()).contains("改名后的街道中心").doesNotContain("编辑测试街道中心");
        List<JsonObject> changes = history("H18-EA");
        assertThat(changes).extracting(c -> c.getString("kind")).containsExactly("CREATED", "EDITED");
        assertThat(changes.get(1).getString("before")).contains("name: 编辑测试街道中心").contains("address: 测试路 1 号");
        assertThat(changes.get(1).getString("after")).contains("name: 改名后的街道中心").contains("address: 新址路 2 号")
                .doesNotContain("openingHours");
    }

    @Test
    void onlyTheCountyAdministratorChangesTheNetwork() {
        String county = root();
        station("H18-SA", "权限测试街道中心", "SUBDISTRICT", county);
        Api stationAdmin = TestUsers.user(base, "h18-station-admin", "H18-SA", "ADMIN");
        Api supervisor = TestUsers.user(base, "h18-county-sup", county, "SUPERVISOR");
        String body = "{\"code\":\"H18-SA1\",\"name\":\"越权\",\"level\":\"VILLAGE\",\"parentCode\":\"H18-SA\"}";
        for (Api who : List.of(stationAdmin, supervisor)) {
            assertThat(who.post("api/admin/stations", body).status()).isEqualTo(403);
            assertThat(who.put("api/admin/stations/H18-SA", "{\"name\":\"越权\"}").status()).isEqualTo(403);
            assertThat(who.post("api/admin/stations/H18-SA/move", "{\"parentCode\":\"" + county + "\"}").status()).isEqualTo(403);
            assertThat(who.post("api/admin/stations/H18-SA/closure", "").status()).isEqualTo(403);
            assertThat(who.get("api/admin/stations/H18-SA/history").status()).isEqualTo(403);
            assertThat(who.post("api/admin/agencies", "{\"code\":\"H18-X\",\"name\":\"越权\",\"kind\":\"POLICE\"}").status())
                    .isEqualTo(403);
            assertThat(who.post("api/admin/agencies/QX-FY/deactivation", "").status()).isEqualTo(403);
        }
        assertThat(new Api(base).post("api/admin/stations", body).status()).isEqualTo(401);
        assertThat(countyAdmin().get("api/admin/stations/H18-NONE").status()).isEqualTo(404);
        assertThat(history("H18-SA")).hasSize(1);
    }

    // ------------------------------------------------------------------ agencies

    @Test
    void anAgencysKindSetsItsAnswerPeriodAndADeactivatedAgencyTakesNoNewReferral() {
        String county = root();
        Api.Reply created = countyAdmin().post("api/admin/agencies",
                "{\"code\":\"H18-POL\",\"name\":\"测试派出所\",\"kind\":\"POLICE\",\"stationCode\":\"" + county + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getInt("answerDays")).isEqualTo(15);
        Api.Reply edited = countyAdmin().put("api/admin/agencies/H18-POL",
                "{\"name\":\"测试法律援助工作站\",\"kind\":\"LEGAL_AID\",\"stationCode\":\"" + county + "\"}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getInt("answerDays")).isEqualTo(7);
        Api.Reply badKind = countyAdmin().post("api/admin/agencies", "{\"code\":\"H18-BAD\",\"name\":\"x\",\"kind\":\"SPA\"}");
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(badKind.body()).contains("kind");

        station("H18-RA", "转介测试街道中心", "SUBDISTRICT", county);
        Api intake = TestUsers.user(base, "h18-ref-intake", "H18-RA", "INTAKE");
        Api supervisor = TestUsers.user(base, "h18-ref-sup", "H18-RA", "SUPERVISOR");
        String number = accepted(intake, supervisor, "H18-RA");
        Api.Reply deactivated = countyAdmin().post("api/admin/agencies/H18-POL/deactivation", "");
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().getBoolean("active")).isFalse();
        Api.Reply refused = supervisor.post("api/cases/" + number + "/referrals",
                "{\"agencyCode\":\"H18-POL\",\"consent\":true}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("agencyCode");

        countyAdmin().post("api/admin/agencies/H18-POL/activation", "");
        Api.Reply referred = supervisor.post("api/cases/" + number + "/referrals",
                "{\"agencyCode\":\"H18-POL\",\"consent\":true}");
        assertThat(referred.status()).as(referred.toString()).isEqualTo(201);
        Api.Reply changes = countyAdmin().get("api/admin/agencies/H18-POL/history");
        assertThat(((JsonArray) changes.jsonStructure()).getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("kind")).containsExactly("CREATED", "EDITED", "DEACTIVATED", "REACTIVATED");
    }

    // ------------------------------------------------------------------ risk instrument

    private static final String SEED_ANSWERS = "{\"answers\":{\"Q1\":false,\"Q2\":false,\"Q3\":false,\"Q4\":true,"
            + "\"Q5\":false,\"Q6\":false,\"Q7\":false,\"Q8\":false,\"Q9\":false,\"Q10\":false,\"Q11\":false}}";

    /** The packaged instrument as a draft body under another id: published last, so that later tests score as before. */
    private static String seedAsDraft(String id) throws java.io.IOException {
        try (var in = AdministrationIT.class.getClassLoader().getResourceAsStream("seeds/risk-instrument.json");
             var reader = Json.createReader(in)) {
            JsonObject seed = reader.readObject();
            var questions = Json.createArrayBuilder();
            seed.getJsonArray("questions").getValuesAs(JsonObject.class).forEach(q -> questions.add(Json.createObjectBuilder()
                    .add("id", q.getString("id")).add("text", q.getString("text")).add("weight", q.getInt("weight"))
                    .add("critical", q.getBoolean("critical", false))));
            var bands = seed.getJsonArray("bands").getValuesAs(JsonObject.class);
            return Json.createObjectBuilder().add("id", id).add("name", seed.getString("name")).add("questions", questions)
                    .add("mediumFrom", bands.get(1).getInt("from")).add("highFrom", bands.get(2).getInt("from"))
                    .build().toString();
        }
    }

    private JsonObject assessment(Api who, String number) {
        var list = who.get("api/cases/" + number).json().getJsonArray("riskAssessments").getValuesAs(JsonObject.class);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @Test
    void aNewRiskInstrumentVersionScoresNewAssessmentsAndLeavesEarlierOnesAsTheyWere() throws Exception {
        String county = root();
        station("H18-RK", "量表测试街道中心", "SUBDISTRICT", county);
        Api intake = TestUsers.user(base, "h18-risk-intake", "H18-RK", "INTAKE");
        Api mediator = TestUsers.user(base, "h18-risk-mediator", "H18-RK", "MEDIATOR");
        Api supervisor = TestUsers.user(base, "h18-risk-sup", "H18-RK", "SUPERVISOR");
        String run = Long.toString(System.nanoTime(), 36);
        String earlier = dvCase(intake, supervisor);
        assertThat(mediator.post("api/tasks/" + openTaskOf(mediator, earlier, "Task_AssessRisk") + "/completion", SEED_ANSWERS)
                .status()).isEqualTo(204);
        JsonObject before = assessment(supervisor, earlier);

        String id = "h18-dv-" + run;
        Api.Reply drafted = countyAdmin().post("api/admin/risk-instrument/versions", "{\"id\":\"" + id + "\",\"name\":\"测试量表 "
                + run + "\",\"mediumFrom\":5,\"highFrom\":15,\"questions\":[{\"id\":\"A1\",\"text\":\"对方是否曾跟踪你？\","
                + "\"weight\":20,\"critical\":false},{\"id\":\"A2\",\"text\":\"对方是否曾摔砸物品？\",\"weight\":1}]}");
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        assertThat(drafted.json().getString("state")).isEqualTo("DRAFT");
        Api.Reply badBands = countyAdmin().post("api/admin/risk-instrument/versions", "{\"id\":\"h18-bad-" + run
                + "\",\"name\":\"x\",\"mediumFrom\":9,\"highFrom\":3,\"questions\":[{\"id\":\"A1\",\"text\":\"x\",\"weight\":1}]}");
        assertThat(badBands.status()).isEqualTo(422);
        assertThat(badBands.body()).contains("highFrom");
        assertThat(countyAdmin().post("api/admin/risk-instrument/versions/" + id + "/publication", "").status())
                .as("not before its review").isEqualTo(409);
        assertThat(countyAdmin().post("api/admin/risk-instrument/versions/" + id + "/review", "").status()).isEqualTo(200);
        assertThat(countyAdmin().put("api/admin/risk-instrument/versions/" + id, "{\"name\":\"改\",\"mediumFrom\":5,"
                + "\"highFrom\":15,\"questions\":[{\"id\":\"A1\",\"text\":\"x\",\"weight\":1}]}").status())
                .as("a reviewed version never changes").isEqualTo(409);
        try {
            Api.Reply published = countyAdmin().post("api/admin/risk-instrument/versions/" + id + "/publication", "");
            assertThat(published.status()).as(published.toString()).isEqualTo(200);

            // the earlier assessment keeps its version, score and band
            JsonObject after = assessment(supervisor, earlier);
            assertThat(after).isEqualTo(before);
            assertThat(after.getString("instrumentId")).isNotEqualTo(id);

            // a new assessment answers the new questions and is scored by the new version
            String later = dvCase(intake, supervisor);
            String assess = openTaskOf(mediator, later, "Task_AssessRisk");
            Api.Reply oldQuestions = mediator.post("api/tasks/" + assess + "/completion", SEED_ANSWERS);
            assertThat(oldQuestions.status()).isEqualTo(422);
            assertThat(oldQuestions.body()).contains("answers.A1");
            assertThat(mediator.post("api/tasks/" + assess + "/completion", "{\"answers\":{\"A1\":true,\"A2\":false}}")
                    .status()).isEqualTo(204);
            JsonObject scored = assessment(supervisor, later);
            assertThat(scored.getString("instrumentId")).isEqualTo(id);
            assertThat(scored.getInt("score")).isEqualTo(20);
            assertThat(scored.getString("level")).isEqualTo("HIGH");
        } finally {
            // the packaged instrument again, for the tests that answer its questions
            String restore = "h18-restore-" + run;
            assertThat(countyAdmin().post("api/admin/risk-instrument/versions", seedAsDraft(restore)).status()).isEqualTo(201);
            assertThat(countyAdmin().post("api/admin/risk-instrument/versions/" + restore + "/review", "").status()).isEqualTo(200);
            assertThat(countyAdmin().post("api/admin/risk-instrument/versions/" + restore + "/publication", "").status()).isEqualTo(200);
        }
    }

    private String dvCase(Api intake, Api supervisor) {
        return accepted(intake, supervisor, "H18-RK", "DOMESTIC_VIOLENCE");
    }

    // ------------------------------------------------------------------ the network file

    private static final String HEADER = "record,code,name,level,parent_code,address,phone,opening_hours,staff_contact,kind,"
            + "station_code,state\n";

    private Api.Reply importFile(String csv) {
        return countyAdmin().postBytes("api/admin/network", "text/csv", null, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aNetworkFileWithOneBadRowImportsNothingAndTheCorrectedFileSetsUpTheTreeInOneStep() {
        String county = root();
        String good = HEADER
                + "STATION,H18-IA,导入街道中心,SUBDISTRICT," + county + ",导入路 1 号,0791-1111111,\"周一至周五, 9:00-17:00\",,,,OPEN\n"
                + "STATION,H18-IA1,导入村服务室,VILLAGE,H18-IA,,,,,,,\n"
                + "STATION,H18-IA2,导入社区维权站,COMMUNITY,H18-IA,,,,王主任,,,\n"
                + "AGENCY,H18-IPOL,导入派出所,,,,,,,POLICE,H18-IA,ACTIVE\n";
        Api.Reply refused = importFile(good + "STATION,H18-IB,坏行村服务室,VILLAGE,H18-NOPE,,,,,,,\n"
                + "STATION,H18-IC,层级不对,VILLAGE," + county + ",,,,,,,\n");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("row 6: parent_code").contains("row 7: parent_code").doesNotContain("row 2");
        assertThat(countyAdmin().get("api/admin/stations/H18-IA").status()).as("nothing imported").isEqualTo(404);
        assertThat(countyAdmin().get("api/admin/agencies").body()).doesNotContain("H18-IPOL");

        Api.Reply imported = importFile(good + "STATION,H18-IB,改正后的村服务室,VILLAGE,H18-IA,,,,,,,\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().getInt("stationsCreated")).isEqualTo(4);
        assertThat(imported.json().getInt("agenciesCreated")).isEqualTo(1);
        JsonObject centre = countyAdmin().get("api/admin/stations/H18-IA").json();
        assertThat(centre.getString("openingHours")).isEqualTo("周一至周五, 9:00-17:00");
        assertThat(countyAdmin().get("api/admin/stations/H18-IB").json().getString("parentCode")).isEqualTo("H18-IA");

        // the exported network, sent back unchanged, changes nothing; edited, it renames and moves
        Api.Download export = countyAdmin().download("api/admin/network/network.csv");
        assertThat(export.status()).isEqualTo(200);
        String file = new String(export.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(file).contains("STATION,H18-IA1,导入村服务室,VILLAGE,H18-IA,").contains("AGENCY,H18-IPOL,导入派出所");
        Api.Reply again = importFile(file);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().getInt("stationsCreated") + again.json().getInt("stationsChanged")
                + again.json().getInt("agenciesCreated") + again.json().getInt("agenciesChanged")).isZero();

        // the same as an Excel workbook
        Api.Download workbook = countyAdmin().download("api/admin/network/network.xlsx");
        assertThat(workbook.status()).isEqualTo(200);
        assertThat(workbook.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Api.Reply fromWorkbook = countyAdmin().postBytes("api/admin/network",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null, workbook.body());
        assertThat(fromWorkbook.status()).as(fromWorkbook.toString()).isEqualTo(200);
        assertThat(fromWorkbook.json().getInt("stationsCreated") + fromWorkbook.json().getInt("stationsChanged")
                + fromWorkbook.json().getInt("agenciesCreated") + fromWorkbook.json().getInt("agenciesChanged")).isZero();

        Api.Reply edited = importFile(HEADER + "STATION,H18-ID,新街道中心,SUBDISTRICT," + county + ",,,,,,,\n"
                + "STATION,H18-IA1,改名的村服务室,VILLAGE,H18-ID,,,,,,,\n");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getInt("stationsCreated")).isEqualTo(1);
        assertThat(edited.json().getInt("stationsChanged")).isEqualTo(1);
        JsonObject moved = countyAdmin().get("api/admin/stations/H18-IA1").json();
        assertThat(moved.getString("name")).isEqualTo("改名的村服务室");
        assertThat(moved.getString("parentCode")).isEqualTo("H18-ID");
        assertThat(history("H18-IA1")).extracting(c -> c.getString("kind")).containsExactly("CREATED", "MOVED", "EDITED");
    }

    // ------------------------------------------------------------------ one connection per transaction

    @Test
    void aReadInATransactionGoesThroughTheTransactionsOwnConnectionAndSeesWhatItWrote() throws Exception {
        transaction.begin();
        try {
            // written on the transaction's connection, as the engine writes its rows, and not committed
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO station (id, code, name, level, path, version)"
                        + " VALUES (987654321, 'TX-PROBE', '连接探针', 'VILLAGE', '/987654321/', 1)");
            }
            // a JPA read before any JPA write used to take a second connection from the pool: it did not see the row,
            // and 32 requests that each held one connection and waited for a second exhausted the pool of 32
            assertThat(stations.byCode("TX-PROBE")).as("read through the transaction's connection").isPresent();
        } finally {
            transaction.rollback();
        }
        assertThat(stations.byCode("TX-PROBE")).as("rolled back").isEmpty();
    }

    @Test
    void aBatchOfInsertsIntoOneTableReachesTheDatabaseAsOneStatement() throws Exception {
        transaction.begin();
        try (java.sql.Connection c = dataSource.getConnection()) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE batch_probe (n INTEGER) ON COMMIT DROP");
            }
            try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO batch_probe (n) VALUES (?)")) {
                for (int n = 1; n <= 8; n++) {
                    insert.setInt(1, n);
                    insert.addBatch();
                }
                // one multi-row INSERT answers "done, no count per row"; eight single ones would answer 1 each.
                // The engine's eight variables and eight activity rows of an intake go this way
                assertThat(insert.executeBatch()).containsOnly(java.sql.Statement.SUCCESS_NO_INFO);
            }
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT SUM(n) FROM batch_probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("every row written").isEqualTo(36);
            }
        } finally {
            transaction.rollback();
        }
    }
}
