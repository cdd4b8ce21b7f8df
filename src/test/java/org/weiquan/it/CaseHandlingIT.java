package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/** Journeys through the case-handling workflow, over the REST API with real users, on the real engine. */
@ExtendWith(ArquillianExtension.class)
class CaseHandlingIT {

    private static final String STATION = "QX-0114";
    private static final String AGENCY = "QX-MZ";

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    ManagementService management;

    @Inject
    RuntimeService runtime;

    private Api intake() {
        return TestUsers.user(base, "h-intake", STATION, "INTAKE");
    }

    private Api mediator() {
        return TestUsers.user(base, "h-mediator", STATION, "MEDIATOR");
    }

    private Api supervisor() {
        return TestUsers.user(base, "h-supervisor", STATION, "SUPERVISOR");
    }

    private Api otherMediator() {
        return TestUsers.user(base, "h-other-mediator", "QX-0115", "MEDIATOR");
    }

    private String acceptedCase(String channel, String category, String... flags) {
        mediator(); // the station's mediator exists before anyone is assigned
        var flagList = Json.createArrayBuilder();
        for (String f : flags) {
            flagList.add(f);
        }
        Api.Reply reg = intake().post("api/contacts", contact(STATION, channel, category).add("flags", flagList)
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        Api.Reply accepted = supervisor().post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().getString("caseNumber");
    }

    private JsonObject file(String number) {
        Api.Reply reply = supervisor().get("api/cases/" + number);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** The one open task of the case with this key. */
    private String task(String number, String key) {
        return file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals(key)).map(t -> t.getString("id")).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not open in " + file(number).getJsonArray("openTasks")));
    }

    private void complete(Api who, String taskId, String form) {
        Api.Reply reply = who.post("api/tasks/" + taskId + "/completion", form);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    }

    private void assignMediator(String number) {
        complete(supervisor(), task(number, "Task_AssignMediator"), "{\"mediator\":\"h-mediator\"}");
    }

    @Test
    void aFamilyDisputeGoesFromVisitThroughMediationToApprovedClosureAndFollowUp() throws Exception {
        String number = acceptedCase("VISIT", "MARRIAGE_DISPUTE");
        assignMediator(number);

        JsonArray inbox = mediator().get("api/tasks?scope=mine").jsonStructure().asJsonObject().getJsonArray("items");
        assertThat(inbox.getValuesAs(JsonObject.class)).anySatisfy(t -> {
            assertThat(t.getString("caseNumber")).isEqualTo(number);
            assertThat(t.getString("key")).isEqualTo("Task_HandleCase");
        });
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"MEDIATE\"}");
        Api.Reply beforeAcceptance = mediator().post("api/tasks/" + task(number, "Task_HoldMediationSession")
                + "/completion", "{\"heldAt\":\"" + TestData.hoursAgo(5) + "\",\"attendees\":\"双方当事人\",\"outcome\":\"CONTINUE\"}");
        assertThat(beforeAcceptance.status()).isEqualTo(422);
        assertThat(beforeAcceptance.body()).contains("heldAt");
        complete(mediator(), task(number, "Task_HoldMediationSession"), "{\"heldAt\":\"" + TestData.hoursAgo(0)
                + "\",\"attendees\":\"双方当事人\",\"notes\":\"第一次调解\",\"nextStep\":\"再约\",\"outcome\":\"CONTINUE\"}");
        complete(mediator(), task(number, "Task_HoldMediationSession"), "{\"heldAt\":\"" + TestData.hoursAgo(0)
                + "\",\"attendees\":\"双方当事人\",\"outcome\":\"WRITTEN_AGREEMENT\",\"agreementTerms\":\"按月支付抚养费\"}");

        Api.Reply wrongEvidence = mediator().post("api/tasks/" + task(number, "Task_HandleCase") + "/completion",
                "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"MEDIATED_ORAL\"}");
        assertThat(wrongEvidence.status()).isEqualTo(422);
        assertThat(wrongEvidence.body()).contains("closureReason");

        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"MEDIATED_WRITTEN\"}");
        assertThat(file(number).getString("stage")).isEqualTo("CLOSURE_REQUESTED");
        Api.Reply noComment = supervisor().post("api/tasks/" + task(number, "Task_ApproveClosure") + "/completion",
                "{\"approved\":false}");
        assertThat(noComment.status()).isEqualTo(422);
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":false,\"comment\":\"请补充协议书扫描件\"}");
        assertThat(file(number).getString("stage")).isEqualTo("HANDLING");

        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"MEDIATED_WRITTEN\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        JsonObject closed = file(number);
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        assertThat(closed.getString("closureReason")).isEqualTo("MEDIATED_WRITTEN");
        assertThat(closed.getString("stage")).isEqualTo("FOLLOW_UP");

        // the follow-up visit is due 30 days after closure: bring its timer forward and let the job executor fire it
        fireTimerNow(number, "Timer_FollowUpDue");
        waitForTask(number, "Task_FollowUpVisit");
        complete(mediator(), task(number, "Task_FollowUpVisit"), "{\"result\":\"SATISFIED\",\"problemBack\":false}");

        JsonObject done = file(number);
        assertThat(done.getString("stage")).isEqualTo("CLOSED");
        assertThat(done.getJsonArray("openTasks")).isEmpty();
        assertThat(done.getJsonArray("completedTasks").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("key"))
                .containsSubsequence("Task_AssignMediator", "Task_HandleCase", "Task_HoldMediationSession",
                        "Task_HoldMediationSession", "Task_HandleCase", "Task_ApproveClosure", "Task_HandleCase",
                        "Task_ApproveClosure", "Task_FollowUpVisit");
        List<JsonObject> sessions = done.getJsonArray("mediationSessions").getValuesAs(JsonObject.class);
        assertThat(sessions).extracting(m -> m.getString("outcome")).containsExactly("CONTINUE", "WRITTEN_AGREEMENT");
        JsonObject agreement = sessions.get(1).getJsonObject("agreement");
        assertThat(agreement.getString("terms")).isEqualTo("按月支付抚养费");
        assertThat(agreement.getString("confirmationStatus")).isEqualTo("NOT_APPLIED");
        assertThat(java.time.LocalDate.parse(agreement.getString("confirmationDueOn")))
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(30));
        JsonObject round = done.getJsonArray("rounds").getJsonObject(0);
        assertThat(round.getJsonArray("closures").getValuesAs(JsonObject.class)).extracting(c -> c.getString("decision"))
                .containsExactly("SENT_BACK", "APPROVED");
        assertThat(round.getJsonArray("closures").getJsonObject(0).getString("comment")).isEqualTo("请补充协议书扫描件");
        assertThat(done.getJsonArray("followUpVisits").getJsonObject(0).getString("result")).isEqualTo("SATISFIED");
        assertThat(!done.containsKey("daysLeft") || done.isNull("daysLeft")).as("a closed case has no days left to count").isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isZero();

        // what the station reads of the case's life is Chinese: no constants, task ids or ISO dates
        assertThat(done.getJsonArray("timeline").getValuesAs(JsonObject.class)).extracting(e -> e.getString("description", ""))
                .hasSizeGreaterThan(10).allSatisfy(ChineseTexts::assertReadable);
        Api.Reply accessLog = supervisor().get("api/cases/" + number + "/access-log");
        assertThat(accessLog.status()).isEqualTo(200);
        assertThat(((JsonArray) accessLog.jsonStructure()).getValuesAs(JsonObject.class)).extracting(e -> e.getString("detail", ""))
                .isNotEmpty().allSatisfy(ChineseTexts::assertReadable);
    }

    @Test
    void aMediatorOfAnotherStationCanNeitherSeeNorCompleteTheTasks() {
        String number = acceptedCase("PHONE", "MARRIAGE_DISPUTE");
        String assign = task(number, "Task_AssignMediator");
        assertThat(otherMediator().get("api/tasks?scope=station").body()).doesNotContain(number);
        assertThat(otherMediator().post("api/tasks/" + assign + "/claim", "").status()).isEqualTo(404);
        assertThat(otherMediator().post("api/tasks/" + assign + "/completion", "{\"mediator\":\"h-other-mediator\"}").status())
                .isEqualTo(404);
        assertThat(mediator().post("api/tasks/" + assign + "/completion", "{\"mediator\":\"h-mediator\"}").status())
                .as("assigning is the supervisor's").isEqualTo(404);
        assertThat(otherMediator().get("api/cases/" + number).status()).isEqualTo(404);
    }

    @Test
    void twoUsersCompletingTheSameTaskAtOnceGetOneSuccessAndOneConflict() throws Exception {
        String number = acceptedCase("VISIT", "ELDER_SUPPORT");
        String assign = task(number, "Task_AssignMediator");
        Api first = supervisor();
        Api second = TestUsers.user(base, "h-supervisor-2", STATION, "SUPERVISOR");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            Callable<Integer> a = () -> first.post("api/tasks/" + assign + "/completion", "{\"mediator\":\"h-mediator\"}").status();
            Callable<Integer> b = () -> second.post("api/tasks/" + assign + "/completion", "{\"mediator\":\"h-mediator\"}").status();
            for (Future<Integer> f : pool.invokeAll(List.of(a, b))) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        // one wins; the other is told the task is no longer hers to complete: 409 when both passed the task check
        // before the first committed, 404 when the first had committed before the second was checked (the task has
        // left the inbox). Which of the two depends on timing; a second success never happens
        assertThat(statuses).hasSize(2).containsOnlyOnce(204);
        assertThat(statuses.get(0) == 204 ? statuses.get(1) : statuses.get(0)).isIn(404, 409);
        long assignments = new Database(dataSource).count(
                "SELECT COUNT(*) FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.number = ? AND e.type = 'MEDIATOR_ASSIGNED'",
                number);
        assertThat(assignments).isOne();
    }

    @Test
    void aCaseThatMissesItsDeadlineIsChasedAndAnApprovedExtensionMovesIt() throws Exception {
        String number = acceptedCase("VISIT", "RURAL_LAND_RIGHTS");
        assignMediator(number);
        fireTimerNow(number, "Timer_HandlingDeadline");
        waitForTask(number, "Task_ChaseOverdue");

        Api.Reply tooLong = mediator().post("api/cases/" + number + "/extension", "{\"days\":45,\"reason\":\"需实地调查\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        Api.Reply asked = mediator().post("api/cases/" + number + "/extension", "{\"days\":30,\"reason\":\"需实地调查\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        String dueBefore = file(number).getString("handlingDue");
        complete(supervisor(), task(number, "Task_ApproveExtension"), "{\"approved\":true}");
        JsonObject extended = file(number);
        assertThat(extended.getString("handlingDue")).isNotEqualTo(dueBefore);
        assertThat(java.time.OffsetDateTime.parse(extended.getString("handlingDue")))
                .isAfter(java.time.OffsetDateTime.parse(dueBefore).plusDays(29));
        assertThat(mediator().post("api/cases/" + number + "/extension", "{\"days\":10,\"reason\":\"再延\"}").status())
                .as("one extension only").isEqualTo(409);
    }

    @Test
    void aLetterIsAnsweredInWritingBeforeItMayClose() {
        String number = acceptedCase("LETTER", "EMPLOYMENT_DISCRIMINATION");
        assignMediator(number);
        Api.Reply early = mediator().post("api/tasks/" + task(number, "Task_HandleCase") + "/completion",
                "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body()).contains("书面答复");

        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"WRITTEN_REPLY\"}");
        complete(mediator(), task(number, "Task_WriteReply"), "{\"sentOn\":\"" + java.time.LocalDate.now(
                java.time.ZoneId.of("Asia/Shanghai")) + "\",\"means\":\"LETTER\",\"summary\":\"已书面答复并告知救济途径\"}");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        assertThat(file(number).getString("status")).isEqualTo("CLOSED");
    }

    @Test
    void highRiskDomesticViolenceTakesTheUrgentPathWithAProtectionOrder() {
        String number = acceptedCase("VISIT", "DOMESTIC_VIOLENCE");
        String assess = task(number, "Task_AssessRisk");
        complete(mediator(), assess, "{\"answers\":{\"Q1\":true,\"Q2\":false,\"Q3\":false,\"Q4\":true,\"Q5\":false,"
                + "\"Q6\":false,\"Q7\":false,\"Q8\":false,\"Q9\":false,\"Q10\":false,\"Q11\":false}}");
        JsonObject assessed = file(number);
        assertThat(assessed.getString("riskLevel")).isEqualTo("HIGH");
        complete(mediator(), task(number, "Task_MakeSafetyPlan"), "{\"plan\":\"暂住亲属家，保存证据，紧急时拨打110\"}");
        Api.Reply noConsent = mediator().post("api/tasks/" + task(number, "Task_ReferToPoliceOrShelter") + "/completion",
                "{\"agencyCodes\":[\"QX-GA-CG\"],\"consent\":false}");
        assertThat(noConsent.status()).isEqualTo(422);
        Api.Reply notPolice = mediator().post("api/tasks/" + task(number, "Task_ReferToPoliceOrShelter") + "/completion",
                "{\"agencyCodes\":[\"QX-YY\"],\"consent\":true}");
        assertThat(notPolice.status()).isEqualTo(422);
        assertThat(notPolice.body()).contains("agencyCodes[0]");
        complete(mediator(), task(number, "Task_ReferToPoliceOrShelter"),
                "{\"agencyCodes\":[\"QX-GA-CG\",\"QX-MZ-JZZ\"],\"consent\":true}");
        complete(mediator(), task(number, "Task_OfferProtectionOrder"), "{\"applied\":true,\"urgent\":true,\"appliedAt\":\""
                + TestData.hoursAgo(0) + "\"}");
        String ruling = task(number, "Task_RecordProtectionOrderRuling");
        JsonObject rulingTask = file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("id").equals(ruling)).findFirst().orElseThrow();
        java.time.OffsetDateTime due = java.time.OffsetDateTime.parse(rulingTask.getString("due"));
        assertThat(due).isBefore(java.time.OffsetDateTime.now().plusHours(24)).isAfter(java.time.OffsetDateTime.now().plusHours(22));
        Api.Reply tooLong = mediator().post("api/tasks/" + ruling + "/completion", "{\"granted\":true,\"ruledAt\":\""
                + TestData.hoursAgo(0) + "\",\"validUntil\":\"" + java.time.LocalDate.now().plusMonths(6).plusDays(2) + "\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("validUntil");
        complete(mediator(), ruling, "{\"granted\":true,\"ruledAt\":\"" + TestData.hoursAgo(0) + "\",\"validUntil\":\""
                + java.time.LocalDate.now().plusMonths(6) + "\"}");
        JsonObject urgent = file(number);
        assertThat(urgent.getJsonArray("referrals").getValuesAs(JsonObject.class))
                .extracting(r -> r.getString("agencyCode") + " " + r.getBoolean("urgent") + " " + r.getString("status"))
                .containsExactly("QX-GA-CG true REQUESTED", "QX-MZ-JZZ true REQUESTED");
        assertThat(urgent.getJsonArray("protectionOrders").getJsonObject(0).getString("status")).isEqualTo("GRANTED");
        assertThat(urgent.getJsonArray("riskAssessments").getJsonObject(0).getInt("score")).isPositive();
        assertThat(urgent.getJsonArray("safetyPlans")).hasSize(1);
        assertThat(file(number).getJsonArray("completedTasks").getValuesAs(JsonObject.class))
                .extracting(t -> t.getString("key")).contains("Task_AssessRisk", "Task_MakeSafetyPlan",
                        "Task_ReferToPoliceOrShelter", "Task_OfferProtectionOrder", "Task_RecordProtectionOrderRuling");
    }

    @Test
    void aCaseTransferredToAnotherStationTakesItsOpenTasksAlong() {
        String number = acceptedCase("VISIT", "INHERITANCE");
        String assign = task(number, "Task_AssignMediator");
        Api parent = TestUsers.user(base, "h-parent", "QX-01", "SUPERVISOR");
        Api.Reply moved = parent.post("api/cases/" + number + "/transfer", "{\"toStationCode\":\"QX-0115\",\"reason\":\"户籍在上坊村\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonObject file = moved.json();
        assertThat(file.getString("stationCode")).isEqualTo("QX-0115");
        JsonObject task = file.getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("id").equals(assign)).findFirst().orElseThrow();
        assertThat(task.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:QX-0115:supervisor");
        assertThat(file.getJsonArray("timeline").getValuesAs(JsonObject.class))
                .anySatisfy(e -> assertThat(e.getString("description")).contains("案件移送", "→", "户籍在上坊村"));
        assertThat(supervisor().get("api/cases/" + number).status()).as("no longer the old station's").isEqualTo(404);
    }

    @Test
    void aWithdrawalEndsTheCaseWhateverItWaitsFor() {
        String number = acceptedCase("PHONE", "MARRIAGE_DISPUTE");
        assignMediator(number);
        Api.Reply withdrawn = mediator().post("api/cases/" + number + "/withdrawal", "{\"reason\":\"当事人电话告知已和解\"}");
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().getString("status")).isEqualTo("CLOSED");
        assertThat(withdrawn.json().getString("closureReason")).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().getJsonArray("openTasks")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isZero();
    }

    @Test
    void aContactTransferredHereShowsTheObjectionDeadlineInWorkingDaysOfTheAdministratorsCalendar() {
        Api admin = TestUsers.admin(base);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        // make the next five days holidays: the deadline moves past them
        for (int i = 1; i <= 5; i++) {
            Api.Reply set = admin.put("api/admin/calendar/" + today.plusDays(i), "{\"kind\":\"HOLIDAY\",\"name\":\"测试假日\"}");
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
        }
        try {
            Api.Reply reg = intake().post("api/contacts", contact(STATION, "LETTER", "OTHER").add("confirmedNew", true).build().toString());
            long id = reg.json().getJsonNumber("id").longValue();
            Api parent = TestUsers.user(base, "h-parent", "QX-01", "SUPERVISOR");
            assertThat(supervisor().post("api/contacts/" + id + "/decision",
                    "{\"decision\":\"TRANSFERRED\",\"toStationCode\":\"QX-0115\"}").status()).isEqualTo(200);
            java.time.LocalDate due = java.time.LocalDate.parse(parent.get("api/contacts/" + id).json().getString("objectionDue"));
            assertThat(due).isAfter(today.plusDays(5));
            assertThat(admin.get("api/admin/calendar?year=" + today.plusDays(1).getYear()).body()).contains("测试假日");
            assertThat(TestUsers.user(base, "h-intake", STATION, "INTAKE").put("api/admin/calendar/" + today, "{\"kind\":\"HOLIDAY\",\"name\":\"x\"}").status())
                    .isEqualTo(403);
        } finally {
            for (int i = 1; i <= 5; i++) {
                admin.delete("api/admin/calendar/" + today.plusDays(i));
            }
        }
    }

    @Test
    void referralsRunInParallelAreAnsweredOrRevokedAndACompletedOneClosesTheCase() {
        String number = acceptedCase("AGENCY_REFERRAL", "HARDSHIP_ASSISTANCE");
        assignMediator(number);
        String agency = AGENCY;
        Api.Reply noConsent = mediator().post("api/cases/" + number + "/referrals", "{\"agencyCode\":\"" + agency + "\",\"consent\":false}");
        assertThat(noConsent.status()).isEqualTo(422);
        assertThat(noConsent.body()).contains("consent");
        assertThat(mediator().post("api/cases/" + number + "/referrals", "{\"agencyCode\":\"" + agency + "\",\"consent\":true}").status())
                .isEqualTo(201);
        assertThat(mediator().post("api/cases/" + number + "/referrals", "{\"agencyCode\":\"QX-FLYZ\",\"consent\":true}").status())
                .isEqualTo(201);
        assertThat(mediator().post("api/cases/" + number + "/referrals",
                "{\"agencyCode\":\"" + agency + "\",\"consent\":true,\"answerDays\":3}").status())
                .as("the answer period comes from the agency's kind, not from the request").isEqualTo(422);
        List<String> waiting = file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals("Task_AwaitReferralAnswer")).map(t -> t.getString("id")).toList();
        assertThat(waiting).hasSize(2);

        Api.Reply revoked = mediator().post("api/cases/" + number + "/referrals/2/revocation", "{\"reason\":\"当事人已自行解决\"}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        complete(mediator(), task(number, "Task_AwaitReferralAnswer"), "{\"answer\":\"ACCEPTED\"}");
        complete(mediator(), task(number, "Task_RecordReferralOutcome"), "{\"outcome\":\"民政局已发放临时救助金\"}");

        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"REFERRAL_COMPLETED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        JsonObject closed = file(number);
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        // every referral ever made stays in the file, with its agency, revoked ones too
        List<JsonObject> referrals = closed.getJsonArray("referrals").getValuesAs(JsonObject.class);
        assertThat(referrals).extracting(r -> r.getInt("number") + " " + r.getString("agencyCode") + " "
                + r.getString("status")).containsExactly("1 " + agency + " DONE", "2 QX-FLYZ REVOKED");
        assertThat(referrals.get(1).getString("revokeReason")).isEqualTo("当事人已自行解决");
        assertThat(referrals.get(1).getString("agencyName")).isEqualTo("清溪县法律援助中心");
        // a legal-aid centre decides within 7 days (法律援助法 art. 43), others are chased after 15
        assertThat(java.time.Duration.between(java.time.OffsetDateTime.parse(referrals.get(1).getString("sentAt")),
                java.time.OffsetDateTime.parse(referrals.get(1).getString("answerDueAt"))).toDays()).isBetween(7L, 8L);
        assertThat(java.time.Duration.between(java.time.OffsetDateTime.parse(referrals.get(0).getString("sentAt")),
                java.time.OffsetDateTime.parse(referrals.get(0).getString("answerDueAt"))).toDays()).isBetween(15L, 16L);
    }

    @Test
    void twoReferralsSentAtOnceGetTwoNumbers() throws Exception {
        String number = acceptedCase("VISIT", "HARDSHIP_ASSISTANCE");
        assignMediator(number);
        Api first = mediator();
        Api second = supervisor();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            Callable<Integer> a = () -> first.post("api/cases/" + number + "/referrals",
                    "{\"agencyCode\":\"" + AGENCY + "\",\"consent\":true}").status();
            Callable<Integer> b = () -> second.post("api/cases/" + number + "/referrals",
                    "{\"agencyCode\":\"QX-FLYZ\",\"consent\":true}").status();
            for (Future<Integer> f : pool.invokeAll(List.of(a, b))) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses).containsExactly(201, 201);
        assertThat(file(number).getJsonArray("referrals").getValuesAs(JsonObject.class))
                .extracting(r -> r.getInt("number")).containsExactlyInAnyOrder(1, 2);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(number + "/R%").count())
                .isEqualTo(2);
    }

    @Test
    void aReopenedCaseRunsToItsNewRoundsDeadlineInTheFileTheSearchAndTheOverdueCount() throws Exception {
        String number = acceptedCase("VISIT", "MARRIAGE_DISPUTE");
        assignMediator(number);
        // the first round's 60 days are over: as if the case had been accepted long ago
        Database db = new Database(dataSource);
        db.update("UPDATE handling_round SET due_at = ? WHERE round_no = 1 AND case_id = (SELECT id FROM case_file"
                + " WHERE number = ?)", java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(10))), number);
        db.update("UPDATE case_file SET handling_due = (SELECT r.due_at FROM handling_round r WHERE r.case_id ="
                + " case_file.id AND r.round_no = 1) WHERE number = ?", number);
        assertThat(supervisor().get("api/cases?deadline=OVERDUE&number=" + number).body()).contains(number);

        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        fireTimerNow(number, "Timer_FollowUpDue");
        waitForTask(number, "Task_FollowUpVisit");
        complete(mediator(), task(number, "Task_FollowUpVisit"),
                "{\"result\":\"NOT_SATISFIED\",\"agreementPerformed\":\"NO_AGREEMENT\",\"problemBack\":true}");

        JsonObject file = file(number);
        assertThat(file.getString("status")).isEqualTo("OPEN");
        assertThat(file.getJsonArray("rounds")).hasSize(2);
        JsonObject second = file.getJsonArray("rounds").getJsonObject(1);
        assertThat(second.getString("startReason")).isEqualTo("REOPENED_AFTER_FOLLOW_UP");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.OffsetDateTime due = java.time.OffsetDateTime.parse(file.getString("handlingDue"));
        assertThat(due).as("24:00 of the 60th day after the reopening")
                .isEqualTo(today.plusDays(61).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toOffsetDateTime());
        assertThat(java.time.OffsetDateTime.parse(second.getString("dueAt")).toInstant()).isEqualTo(due.toInstant());
        assertThat(file.getString("deadlineState")).isEqualTo("ON_TIME");
        assertThat(supervisor().get("api/cases?deadline=OVERDUE&number=" + number).body()).doesNotContain(number);
        JsonObject found = supervisor().get("api/cases?number=" + number).json().getJsonArray("items").getJsonObject(0);
        assertThat(java.time.OffsetDateTime.parse(found.getString("handlingDue")).toInstant()).isEqualTo(due.toInstant());
        assertThat(supervisor().get("api/reports/cases?indicator=OVERDUE&stationCode=" + STATION + "&period="
                + today.getYear()).body()).doesNotContain(number);
        // the process runs the new round too
        waitForTask(number, "Task_HandleCase");
        JsonObject handle = file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals("Task_HandleCase")).findFirst().orElseThrow();
        assertThat(java.time.OffsetDateTime.parse(handle.getString("due")).toInstant()).isEqualTo(due.toInstant());
    }

    @Test
    void longTextsThatFitTheFormAreStoredAndOneCharacterMoreIsRefusedByName() {
        String number = acceptedCase("VISIT", "MARRIAGE_DISPUTE");
        assignMediator(number);
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"MEDIATE\"}");
        String session = task(number, "Task_HoldMediationSession");
        String tooLong = mediator().post("api/tasks/" + session + "/completion", "{\"heldAt\":\"" + TestData.hoursAgo(0)
                + "\",\"attendees\":\"双方\",\"notes\":\"" + "记".repeat(4001) + "\",\"outcome\":\"CONTINUE\"}").body();
        assertThat(tooLong).contains("\"field\":\"notes\"").doesNotContain("someone else");
        complete(mediator(), session, "{\"heldAt\":\"" + TestData.hoursAgo(0) + "\",\"attendees\":\"" + "人".repeat(2000)
                + "\",\"notes\":\"" + "记".repeat(4000) + "\",\"outcome\":\"ORAL_AGREEMENT\",\"agreementTerms\":\""
                + "约".repeat(4000) + "\",\"nextStep\":\"" + "步".repeat(2000) + "\"}");
        JsonObject stored = file(number).getJsonArray("mediationSessions").getJsonObject(0);
        assertThat(stored.getString("notes")).hasSize(4000);
        assertThat(stored.getJsonObject("agreement").getString("terms")).hasSize(4000);
    }

    @Test
    void aFormWithAFieldItDoesNotHaveOrOfTheWrongTypeIsRefusedAndNothingIsRecorded() {
        String number = acceptedCase("VISIT", "MARRIAGE_DISPUTE");
        String assign = task(number, "Task_AssignMediator");
        for (String body : List.of("{\"mediator\":\"h-mediator\",\"priority\":1}", "{\"mediator\":7}", "[]", "\"x\"",
                "123", "null")) {
            Api.Reply reply = supervisor().post("api/tasks/" + assign + "/completion", body);
            assertThat(reply.status()).as(body).isEqualTo(422);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(supervisor().post("api/tasks/" + assign + "/completion", "{\"mediator\":").status()).isEqualTo(400);
        assertThat(file(number).getString("mediator", null)).isNull();
        assertThat(task(number, "Task_AssignMediator")).isEqualTo(assign);
    }

    @Test
    void aCompletedTaskLeavesOnlyItsReceiptInTaskRecord() throws Exception {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("SELECT * FROM task_record WHERE 1 = 0")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(columns).containsExactlyInAnyOrder("id", "case_id", "accepted_station_id", "task_id", "task_key",
                    "completed_at", "completed_by", "record_type", "record_id");
        }
    }

    /** Runs the timer now, as if its time had come, in whichever of the case's processes waits on it. */
    private void fireTimerNow(String number, String activityId) {
        Job job = runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).list().stream()
                .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list().stream())
                .findFirst().orElseThrow(() -> new AssertionError(activityId + " is not waiting"));
        management.executeJob(job.getId());
    }

    private void waitForTask(String number, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                    .anyMatch(t -> t.getString("key").equals(key))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(key + " did not appear");
    }
}
