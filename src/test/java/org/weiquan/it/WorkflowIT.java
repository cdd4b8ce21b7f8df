package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * The workflow as the stations live it (issue 12), over the REST API with real users on the real engine:
 * transfer moves the work and the authority, supervisors hand work on, deadlines that run before handling are
 * chased up the hierarchy, extensions one at a time, referrals settled with the case.
 */
@ExtendWith(ArquillianExtension.class)
class WorkflowIT {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String STATION = "QX-0114";
    private static final String OTHER_STATION = "QX-0115";
    private static final String CENTRE = "QX-01";

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

    @Inject
    org.camunda.bpm.engine.TaskService taskService;

    private Api user(String name, String station, String... roles) {
        return TestUsers.user(base, name, station, roles);
    }

    private Api intake() {
        return user("wf-intake", STATION, "INTAKE");
    }

    private Api mediator() {
        return user("wf-mediator", STATION, "MEDIATOR");
    }

    private Api secondMediator() {
        return user("wf-mediator-2", STATION, "MEDIATOR");
    }

    private Api supervisor() {
        return user("wf-supervisor", STATION, "SUPERVISOR");
    }

    private Api centreSupervisor() {
        return user("wf-centre-supervisor", CENTRE, "SUPERVISOR");
    }

    private Api otherSupervisor() {
        return user("wf-other-supervisor", OTHER_STATION, "SUPERVISOR");
    }

    private Api otherMediator() {
        return user("wf-other-mediator", OTHER_STATION, "MEDIATOR");
    }

    private String acceptedCase(Api intake, Api supervisor, String station, String channel, String category,
                                String... flags) {
        var flagList = Json.createArrayBuilder();
        for (String f : flags) {
            flagList.add(f);
        }
        Api.Reply reg = intake.post("api/contacts", contact(station, channel, category).add("flags", flagList)
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        Api.Reply accepted = supervisor.post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().getString("caseNumber");
    }

    private String acceptedCase(String channel, String category, String... flags) {
        mediator();
        secondMediator();
        return acceptedCase(intake(), supervisor(), STATION, channel, category, flags);
    }

    private JsonObject file(Api who, String number) {
        Api.Reply reply = who.get("api/cases/" + number);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonObject file(String number) {
        return file(centreSupervisor(), number);
    }

    private JsonObject openTask(String number, String key) {
        return file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not open in " + file(number).getJsonArray("openTasks")));
    }

    private String task(String number, String key) {
        return openTask(number, key).getString("id");
    }

    private boolean isOpen(String number, String key) {
        return file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .anyMatch(t -> t.getString("key").equals(key));
    }

    private void complete(Api who, String taskId, String form) {
        Api.Reply reply = who.post("api/tasks/" + taskId + "/completion", form);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(204);
    }

    private void assignMediator(String number, String mediator) {
        complete(supervisor(), task(number, "Task_AssignMediator"), "{\"mediator\":\"" + mediator + "\"}");
    }

    /** Runs the timer now, as if its time had come, in whichever of the case's processes waits on it. */
    private void fireTimerNow(String businessKey, String activityId) {
        Job job = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
                .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list().stream())
                .findFirst().orElseThrow(() -> new AssertionError(activityId + " is not waiting for " + businessKey));
        management.executeJob(job.getId());
    }

    private static List<JsonObject> inbox(Api who, String scope) {
        return who.get("api/tasks?scope=" + scope + "&size=200").jsonStructure().asJsonObject().getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    /** The field is absent or null: the API leaves out what is not there. */
    private static boolean absent(JsonObject o, String field) {
        return !o.containsKey(field) || o.isNull(field);
    }

    private static List<String> timeline(JsonObject file) {
        return file.getJsonArray("timeline").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("description")).toList();
    }

    // ------------------------------------------------------------------ transfer moves the work

    @Test
    void aTransferredCasesOldMediatorLosesItsTaskAndTheNewStationsSupervisorAssignsIt() {
        String number = acceptedCase("VISIT", "INHERITANCE");
        assignMediator(number, "wf-mediator");
        String handle = task(number, "Task_HandleCase");
        assertThat(inbox(mediator(), "mine")).extracting(t -> t.getString("id")).contains(handle);

        Api.Reply moved = centreSupervisor().post("api/cases/" + number + "/transfer",
                "{\"toStationCode\":\"" + OTHER_STATION + "\",\"reason\":\"户籍在下坊村\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        // the old station's mediator: no case, no task, nothing to complete
        assertThat(mediator().get("api/cases/" + number).status()).isEqualTo(404);
        assertThat(inbox(mediator(), "mine")).extracting(t -> t.getString("id")).doesNotContain(handle);
        assertThat(mediator().post("api/tasks/" + handle + "/completion", "{\"step\":\"MEDIATE\"}").status())
                .isEqualTo(404);
        assertThat(supervisor().put("api/tasks/" + handle + "/assignee",
                "{\"assignee\":\"wf-mediator\",\"reason\":\"继续办理\"}").status()).isEqualTo(404);

        // the task waits for the new station, without the old mediator
        JsonObject moving = openTask(number, "Task_HandleCase");
        assertThat(absent(moving, "assignee")).isTrue();
        assertThat(moving.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:" + OTHER_STATION + ":mediator");
        otherMediator();
        assertThat(inbox(otherSupervisor(), "overseen")).extracting(t -> t.getString("id")).contains(handle);
        assertThat(inbox(supervisor(), "overseen")).extracting(t -> t.getString("id")).doesNotContain(handle);
        Api.Reply handedOn = otherSupervisor().put("api/tasks/" + handle + "/assignee",
                "{\"assignee\":\"wf-other-mediator\",\"reason\":\"本站接办\"}");
        assertThat(handedOn.status()).as(handedOn.toString()).isEqualTo(200);
        complete(otherMediator(), handle, "{\"step\":\"MEDIATE\"}");
        assertThat(openTask(number, "Task_HoldMediationSession").getString("assignee"))
                .as("the next task goes to the new mediator").isEqualTo("wf-other-mediator");

        JsonObject after = file(otherSupervisor(), number);
        assertThat(after.getString("stationCode")).isEqualTo(OTHER_STATION);
        assertThat(after.getString("mediator")).isEqualTo("wf-other-mediator");
        assertThat(timeline(after)).anySatisfy(d -> assertThat(d).contains("案件移送", "户籍在下坊村"))
                .anySatisfy(d -> assertThat(d).contains("改派给", "本站接办"));
    }

    // ------------------------------------------------------------------ reassignment and absence

    @Test
    void aSupervisorHandsAMediatorsTaskToAnotherOrBackToTheStationSayingWhy() {
        String number = acceptedCase("PHONE", "MARRIAGE_DISPUTE");
        assignMediator(number, "wf-mediator");
        String handle = task(number, "Task_HandleCase");

        assertThat(inbox(supervisor(), "overseen")).filteredOn(t -> t.getString("id").equals(handle))
                .singleElement().satisfies(t -> assertThat(t.getString("assigneeName")).isEqualTo("测试 wf-mediator"));
        assertThat(supervisor().get("api/tasks?scope=everything").status()).isEqualTo(422);
        Api.Reply noReason = supervisor().put("api/tasks/" + handle + "/assignee", "{\"assignee\":\"wf-mediator-2\"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("reason");
        Api.Reply notHers = supervisor().put("api/tasks/" + handle + "/assignee",
                "{\"assignee\":\"wf-intake\",\"reason\":\"x\"}");
        assertThat(notHers.status()).as("intake staff do not mediate").isEqualTo(422);
        assertThat(notHers.body()).contains("assignee");
        assertThat(mediator().put("api/tasks/" + handle + "/assignee",
                "{\"assignee\":\"wf-mediator-2\",\"reason\":\"x\"}").status()).as("a supervisor's act").isEqualTo(403);

        Api.Reply handed = supervisor().put("api/tasks/" + handle + "/assignee",
                "{\"assignee\":\"wf-mediator-2\",\"reason\":\"李调解员病假\"}");
        assertThat(handed.status()).as(handed.toString()).isEqualTo(200);
        assertThat(handed.json().getString("assignee")).isEqualTo("wf-mediator-2");
        assertThat(mediator().post("api/tasks/" + handle + "/completion", "{\"step\":\"MEDIATE\"}").status())
                .as("no longer hers").isIn(403, 409);

        Api.Reply released = supervisor().post("api/tasks/" + handle + "/release", "{\"reason\":\"重新分配\"}");
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(absent(released.json(), "assignee")).isTrue();
        assertThat(inbox(mediator(), "station")).extracting(t -> t.getString("id")).contains(handle);
        assertThat(timeline(file(number))).anySatisfy(d -> assertThat(d).contains("改派给", "李调解员病假"))
                .anySatisfy(d -> assertThat(d).contains("退回站点", "重新分配"));
    }

    @Test
    void anAbsentMediatorsOpenTasksGoToHerStation() {
        Api away = user("wf-mediator-away", STATION, "MEDIATOR");
        String number = acceptedCase("VISIT", "ELDER_SUPPORT");
        assignMediator(number, "wf-mediator-away");
        String handle = task(number, "Task_HandleCase");
        assertThat(inbox(away, "mine")).extracting(t -> t.getString("id")).contains(handle);

        LocalDate today = LocalDate.now(BEIJING);
        Api.Reply backwards = supervisor().post("api/absences", "{\"username\":\"wf-mediator-away\",\"from\":\""
                + today.plusDays(3) + "\",\"to\":\"" + today + "\",\"reason\":\"病假\"}");
        assertThat(backwards.status()).isEqualTo(422);
        Api.Reply absent = supervisor().post("api/absences", "{\"username\":\"wf-mediator-away\",\"from\":\"" + today
                + "\",\"to\":\"" + today.plusDays(14) + "\",\"reason\":\"病假\"}");
        assertThat(absent.status()).as(absent.toString()).isEqualTo(200);
        assertThat(absent.json().getInt("tasksReleased")).isGreaterThanOrEqualTo(1);

        assertThat(inbox(away, "mine")).extracting(t -> t.getString("id")).doesNotContain(handle);
        assertThat(absent(openTask(number, "Task_HandleCase"), "assignee")).isTrue();
        assertThat(inbox(mediator(), "station")).extracting(t -> t.getString("id")).contains(handle);
    }

    // ------------------------------------------------------------------ deadlines before handling, escalation

    @Test
    void aDomesticViolenceCaseLeftAloneHasItsAssessmentChasedByTheSupervisorThenTheCounty() {
        Api centreIntake = user("wf-centre-intake", CENTRE, "INTAKE");
        user("wf-centre-mediator", CENTRE, "MEDIATOR");
        Api county = user("wf-county-supervisor", "QX", "SUPERVISOR");
        String number = acceptedCase(centreIntake, centreSupervisor(), CENTRE, "VISIT", "DOMESTIC_VIOLENCE");
        JsonObject accepted = file(number);
        Instant acceptedAt = OffsetDateTime.parse(accepted.getString("acceptedAt")).toInstant();

        // due 24 hours after acceptance, and the 60 days run from acceptance too, before anyone is assigned
        JsonObject assess = openTask(number, "Task_AssessRisk");
        assertThat(OffsetDateTime.parse(assess.getString("due")).toInstant())
                .isEqualTo(acceptedAt.plus(Duration.ofHours(24)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        JsonObject assign = openTask(number, "Task_AssignMediator");
        assertThat(OffsetDateTime.parse(assign.getString("due")).toLocalDate())
                .isEqualTo(LocalDate.ofInstant(acceptedAt, BEIJING).plusDays(4)).as("24:00 of the third day");
        assertThat(OffsetDateTime.parse(accepted.getString("handlingDue")).toLocalDate())
                .isEqualTo(LocalDate.ofInstant(acceptedAt, BEIJING).plusDays(61));

        fireTimerNow(number, "Timer_RiskAssessmentDue");
        JsonObject chase = openTask(number, "Task_ChaseOverdue");
        assertThat(chase.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:" + CENTRE + ":supervisor");
        assertThat(chase.getString("chasing")).isEqualTo("RISK_ASSESSMENT");
        assertThat(chase.getString("chasingLabel")).isEqualTo("24小时危险性评估");
        assertThat(inbox(centreSupervisor(), "station")).extracting(t -> t.getString("id")).contains(chase.getString("id"));
        assertThat(inbox(county, "station")).extracting(t -> t.getString("key")).doesNotContain("Task_EscalateOverdue");

        fireTimerNow(number, "Timer_EscalateOverdue");
        JsonObject escalated = inbox(county, "station").stream()
                .filter(t -> number.equals(t.getString("caseNumber", null)) && t.getString("key").equals("Task_EscalateOverdue"))
                .findFirst().orElseThrow(() -> new AssertionError("the county is not told"));
        assertThat(escalated.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:QX:supervisor");
        assertThat(escalated.getString("chasing")).isEqualTo("RISK_ASSESSMENT");

        // the assessment, done at last, ends both chases
        complete(user("wf-centre-mediator", CENTRE, "MEDIATOR"), task(number, "Task_AssessRisk"),
                "{\"answers\":{\"Q1\":false,\"Q2\":false,\"Q3\":false,\"Q4\":false,\"Q5\":false,\"Q6\":false,"
                        + "\"Q7\":false,\"Q8\":false,\"Q9\":false,\"Q10\":false,\"Q11\":false}}");
        assertThat(isOpen(number, "Task_ChaseOverdue")).isFalse();
        assertThat(isOpen(number, "Task_EscalateOverdue")).isFalse();
    }

    @Test
    void domesticViolenceRecordedAfterAcceptanceStartsTheAssessmentThen() {
        String number = acceptedCase("VISIT", "MARRIAGE_DISPUTE");
        assertThat(isOpen(number, "Task_AssessRisk")).isFalse();
        JsonObject before = file(supervisor(), number);
        Api.Reply edited = supervisor().patch("api/cases/" + number, Json.createObjectBuilder()
                .add("version", before.getJsonNumber("version").longValue())
                .add("otherCategories", Json.createArrayBuilder().add("DOMESTIC_VIOLENCE")).build().toString());
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        JsonObject assess = openTask(number, "Task_AssessRisk");
        assertThat(OffsetDateTime.parse(assess.getString("due")))
                .isBetween(OffsetDateTime.now().plusHours(23), OffsetDateTime.now().plusHours(25));
    }

    // ------------------------------------------------------------------ extensions

    @Test
    void anExtensionIsAskedOnceAtATimeTheApproverSeesWhatWasAskedAndTheTellingIsRecorded() {
        String number = acceptedCase("VISIT", "RURAL_LAND_RIGHTS");
        // before any mediator is assigned: the 60 days already run, so the extension may be asked
        Api.Reply asked = supervisor().post("api/cases/" + number + "/extension", "{\"days\":20,\"reason\":\"需实地调查\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        Api.Reply again = supervisor().post("api/cases/" + number + "/extension", "{\"days\":30,\"reason\":\"再延\"}");
        assertThat(again.status()).as("one pending request per round").isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        JsonObject approval = openTask(number, "Task_ApproveExtension");
        assertThat(approval.getJsonObject("extension").getInt("days")).isEqualTo(20);
        assertThat(approval.getJsonObject("extension").getString("reason")).isEqualTo("需实地调查");
        assertThat(approval.getJsonObject("extension").getBoolean("late")).isFalse();
        assertThat(file(number).getJsonArray("openTasks").getValuesAs(JsonObject.class))
                .filteredOn(t -> t.getString("key").equals("Task_ApproveExtension")).hasSize(1);

        OffsetDateTime dueBefore = OffsetDateTime.parse(file(number).getString("handlingDue"));
        complete(centreSupervisor(), approval.getString("id"), "{\"approved\":true}");
        OffsetDateTime dueAfter = OffsetDateTime.parse(file(number).getString("handlingDue"));
        assertThat(dueAfter.toLocalDate()).isEqualTo(dueBefore.toLocalDate().plusDays(20));
        Job deadline = deadlineJob(number);
        assertThat(deadline.getDuedate().toInstant()).isEqualTo(dueAfter.toInstant());

        Api.Reply told = mediator().post("api/cases/" + number + "/extension/told",
                "{\"on\":\"" + LocalDate.now(BEIJING) + "\",\"means\":\"SMS\"}");
        assertThat(told.status()).as(told.toString()).isEqualTo(200);
        JsonObject extension = told.json().getJsonArray("rounds").getJsonObject(0).getJsonArray("extensions").getJsonObject(0);
        assertThat(extension.getString("personToldOn")).isEqualTo(LocalDate.now(BEIJING).toString());
        assertThat(extension.getString("personToldBy")).isEqualTo("SMS");
        assertThat(supervisor().post("api/cases/" + number + "/extension", "{\"days\":5,\"reason\":\"x\"}").status())
                .as("one extension per round").isEqualTo(409);
    }

    @Test
    void anExtensionAskedAfterTheDeadlineNeedsALateGrantAndThenMovesTheFiredDeadline() {
        String number = acceptedCase("VISIT", "RURAL_LAND_RIGHTS");
        assignMediator(number, "wf-mediator");
        // the round's 60 days are over: as if accepted long ago
        Database db = new Database(dataSource);
        Timestamp past = Timestamp.from(Instant.now().minus(Duration.ofDays(2)));
        db.update("UPDATE handling_round SET due_at = ? WHERE round_no = 1 AND case_id = (SELECT id FROM case_file"
                + " WHERE number = ?)", past, number);
        db.update("UPDATE case_file SET handling_due = ? WHERE number = ?", past, number);
        fireTimerNow(number, "Timer_HandlingDeadline");
        assertThat(openTask(number, "Task_ChaseOverdue").getString("chasing")).isEqualTo("HANDLING");

        Api.Reply asked = mediator().post("api/cases/" + number + "/extension", "{\"days\":15,\"reason\":\"鉴定未出\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        JsonObject approval = openTask(number, "Task_ApproveExtension");
        assertThat(approval.getJsonObject("extension").getBoolean("late")).isTrue();
        Api.Reply plain = supervisor().post("api/tasks/" + approval.getString("id") + "/completion", "{\"approved\":true}");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(422);
        assertThat(plain.body()).contains("grantLate");

        complete(supervisor(), approval.getString("id"), "{\"approved\":true,\"grantLate\":true,\"comment\":\"鉴定机构延误\"}");
        OffsetDateTime due = OffsetDateTime.parse(file(number).getString("handlingDue"));
        assertThat(due.toInstant()).isAfter(Instant.now());
        assertThat(deadlineJob(number).getDuedate().toInstant()).as("a new timer for the new deadline")
                .isEqualTo(due.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(OffsetDateTime.parse(openTask(number, "Task_HandleCase").getString("due")).toInstant())
                .isEqualTo(due.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(isOpen(number, "Task_ChaseOverdue")).as("the chase of the old deadline ends").isFalse();
    }

    private Job deadlineJob(String number) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).processDefinitionKey("CaseHandling")
                .list().stream()
                .flatMap(pi -> management.createJobQuery().processInstanceId(pi.getId()).activityId("Timer_HandlingDeadline")
                        .list().stream())
                .findFirst().orElseThrow(() -> new AssertionError("no timer for the handling deadline"));
    }

    // ------------------------------------------------------------------ referrals are part of the case

    @Test
    void aReferralBeforeAssignmentGoesToTheStationAndClosureWaitsForEveryReferral() {
        String number = acceptedCase("VISIT", "HARDSHIP_ASSISTANCE");
        Api.Reply sent = supervisor().post("api/cases/" + number + "/referrals", "{\"agencyCode\":\"QX-MZ\",\"consent\":true}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        JsonObject waiting = openTask(number, "Task_AwaitReferralAnswer");
        assertThat(waiting.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:" + STATION + ":mediator");
        assertThat(inbox(secondMediator(), "station")).extracting(t -> t.getString("id")).contains(waiting.getString("id"));

        assignMediator(number, "wf-mediator");
        Api.Reply early = mediator().post("api/tasks/" + task(number, "Task_HandleCase") + "/completion",
                "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        assertThat(early.status()).as("R1 has not been answered").isEqualTo(422);
        assertThat(early.body()).contains("\"field\":\"referrals\"", "R1 清溪县民政局");

        assertThat(mediator().post("api/tasks/" + waiting.getString("id") + "/claim", "").status()).isEqualTo(200);
        complete(mediator(), waiting.getString("id"), "{\"answer\":\"ACCEPTED\"}");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        JsonObject closed = file(number);
        assertThat(closed.getString("status")).isEqualTo("CLOSED");
        JsonObject referral = closed.getJsonArray("referrals").getJsonObject(0);
        assertThat(referral.getString("status")).as("settled with the case").isEqualTo("REVOKED");
        assertThat(referral.getString("revokeReason")).isNotBlank();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number + "/R1").count())
                .as("no one chases the agency of a closed case").isZero();
    }

    @Test
    void aWithdrawalDuringTheFollowUpEndsTheCaseAndIsRecorded() {
        String number = acceptedCase("VISIT", "MARRIAGE_DISPUTE");
        assignMediator(number, "wf-mediator");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        assertThat(file(number).getString("stage")).isEqualTo("FOLLOW_UP");

        Api.Reply withdrawn = mediator().post("api/cases/" + number + "/withdrawal", "{\"reason\":\"当事人不愿回访\"}");
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().getJsonArray("openTasks")).isEmpty();
        assertThat(timeline(withdrawn.json())).anySatisfy(d -> assertThat(d).contains("当事人不愿回访"));
    }

    @Test
    void aWithdrawalRevokesTheOpenReferralsThroughTheirModelAndKeepsThemInTheFile() {
        String number = acceptedCase("VISIT", "HARDSHIP_ASSISTANCE");
        assignMediator(number, "wf-mediator");
        assertThat(mediator().post("api/cases/" + number + "/referrals", "{\"agencyCode\":\"QX-FLYZ\",\"consent\":true}")
                .status()).isEqualTo(201);
        Api.Reply withdrawn = mediator().post("api/cases/" + number + "/withdrawal", "{\"reason\":\"当事人已自行解决\"}");
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        JsonObject referral = withdrawn.json().getJsonArray("referrals").getJsonObject(0);
        assertThat(referral.getString("status")).isEqualTo("REVOKED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(number + "/R1").count()).isZero();
    }

    // ------------------------------------------------------------------ review and objection

    @Test
    void aReviewOfTheWrittenReplyIsAnsweredByTheLevelAboveWithinThirtyDaysAndRecorded() {
        String number = acceptedCase("LETTER", "EMPLOYMENT_DISCRIMINATION");
        assignMediator(number, "wf-mediator");
        LocalDate today = LocalDate.now(BEIJING);
        Api.Reply noReply = mediator().post("api/cases/" + number + "/reviews",
                "{\"kind\":\"REVIEW\",\"requestedOn\":\"" + today + "\",\"reason\":\"不服答复\"}");
        assertThat(noReply.status()).as("nothing to review before a written reply").isIn(409, 422);

        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"WRITTEN_REPLY\"}");
        complete(mediator(), task(number, "Task_WriteReply"), "{\"sentOn\":\"" + today
                + "\",\"means\":\"LETTER\",\"summary\":\"已书面答复并告知救济途径\"}");
        Api.Reply reReview = mediator().post("api/cases/" + number + "/reviews",
                "{\"kind\":\"RE_REVIEW\",\"requestedOn\":\"" + today + "\",\"reason\":\"x\"}");
        assertThat(reReview.status()).as("a re-review needs a review's answer first").isIn(409, 422);
        Api.Reply asked = mediator().post("api/cases/" + number + "/reviews",
                "{\"kind\":\"REVIEW\",\"requestedOn\":\"" + today + "\",\"reason\":\"不服答复\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        JsonObject review = asked.json().getJsonArray("reviews").getJsonObject(0);
        assertThat(review.getString("reviewingStationCode")).isEqualTo(CENTRE);
        assertThat(OffsetDateTime.parse(review.getString("answerDueAt")).toLocalDate()).isEqualTo(today.plusDays(31));

        JsonObject answer = openTask(number, "Task_AnswerReview");
        assertThat(answer.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:" + CENTRE + ":supervisor");
        assertThat(supervisor().post("api/tasks/" + answer.getString("id") + "/completion",
                "{\"upheld\":true,\"reviewAnswer\":\"维持\"}").status()).as("the level above answers").isIn(403, 404);
        complete(centreSupervisor(), answer.getString("id"), "{\"upheld\":true,\"reviewAnswer\":\"维持原答复\"}");
        JsonObject answered = file(number).getJsonArray("reviews").getJsonObject(0);
        assertThat(answered.getBoolean("upheld")).isTrue();
        assertThat(answered.getString("answeredOn")).isEqualTo(today.toString());
    }

    @Test
    void aStationObjectsToAContactTransferredToItAndItGoesBackToTheSendersReview() {
        otherSupervisor();
        Api.Reply reg = intake().post("api/contacts", contact(STATION, "LETTER", "OTHER").add("confirmedNew", true)
                .build().toString());
        long id = reg.json().getJsonNumber("id").longValue();
        assertThat(supervisor().post("api/contacts/" + id + "/decision",
                "{\"decision\":\"TRANSFERRED\",\"toStationCode\":\"" + OTHER_STATION + "\"}").status()).isEqualTo(200);
        assertThat(supervisor().get("api/contacts/" + id).status()).isEqualTo(404);

        Api.Reply noReason = otherSupervisor().post("api/contacts/" + id + "/objection", "{}");
        assertThat(noReason.status()).isEqualTo(422);
        Api.Reply objected = otherSupervisor().post("api/contacts/" + id + "/objection", "{\"reason\":\"不属本村辖区\"}");
        assertThat(objected.status()).as(objected.toString()).isEqualTo(204);

        JsonObject back = supervisor().get("api/contacts/" + id).json();
        assertThat(back.getString("stationCode")).isEqualTo(STATION);
        assertThat(back.getJsonArray("openTasks").getValuesAs(JsonObject.class)).extracting(t -> t.getString("key"))
                .containsExactly("Task_ReviewContact");
        assertThat(back.getJsonArray("openTasks").getJsonObject(0).getJsonArray("candidateGroups").getString(0))
                .isEqualTo("station:" + STATION + ":supervisor");
        assertThat(otherSupervisor().post("api/contacts/" + id + "/objection", "{\"reason\":\"再次\"}").status())
                .as("not transferred there any more").isIn(404, 409);
    }

    // ------------------------------------------------------------------ the calendar

    @Test
    void theAdministratorIsToldWhenNextYearsCalendarIsMissingOrUnconfirmed() {
        Api admin = TestUsers.admin(base);
        Api.Reply attention = admin.get("api/admin/calendar/attention");
        int nextYear = LocalDate.now(BEIJING).getYear() + 1;
        boolean inDecember = LocalDate.now(BEIJING).getMonthValue() == 12;
        if (inDecember) {
            assertThat(attention.status()).as(attention.toString()).isEqualTo(200);
            assertThat(attention.json().getInt("year")).isEqualTo(nextYear);
            assertThat(admin.post("api/admin/calendar/years/" + nextYear + "/confirmation", "").status()).isEqualTo(200);
        }
        assertThat(admin.get("api/admin/calendar/attention").status()).isEqualTo(204);
        assertThat(supervisor().post("api/admin/calendar/years/" + nextYear + "/confirmation", "").status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ the paged inbox (issue 16 pt 4, issue 14 pt 7)

    private static final String INBOX_STATION = "QX-0204";
    private static final String INBOX_OTHER_STATION = "QX-0203";
    private static final String INBOX_SUBDISTRICT = "QX-02";

    private static JsonObject inboxPage(Api who, String query) {
        Api.Reply reply = who.get("api/tasks?" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static int riskRank(JsonObject t) {
        String risk = absent(t, "riskLevel") ? "" : t.getString("riskLevel");
        return switch (risk) {
            case "HIGH" -> 0;
            case "MEDIUM" -> 1;
            case "LOW" -> 2;
            default -> 3;
        };
    }

    private static Instant dueOf(JsonObject t) {
        return absent(t, "due") ? Instant.MAX : OffsetDateTime.parse(t.getString("due")).toInstant();
    }

    @Test
    void theInboxComesInPagesOfTwentyByRiskThenDueDateWithItsTotalAndOnlyTheUsersScope() {
        Api intake = user("inbox-intake", INBOX_STATION, "INTAKE");
        Api supervisor = user("inbox-supervisor", INBOX_STATION, "SUPERVISOR");
        Api otherIntake = user("inbox-other-intake", INBOX_OTHER_STATION, "INTAKE");
        Api otherSupervisor = user("inbox-other-supervisor", INBOX_OTHER_STATION, "SUPERVISOR");
        Api subdistrict = user("inbox-subdistrict", INBOX_SUBDISTRICT, "SUPERVISOR");
        String query = "scope=station&kind=Task_AssignMediator";
        long before = inboxPage(supervisor, query).getJsonNumber("total").longValue();
        long otherBefore = inboxPage(otherSupervisor, query).getJsonNumber("total").longValue();

        // 23 new cases wait for their mediator at the village, one at the next village
        java.util.Map<String, String> complainants = new java.util.LinkedHashMap<>();
        java.util.List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 23; i++) {
            String name = TestData.name();
            Api.Reply reg = intake.post("api/contacts", contact(INBOX_STATION, "VISIT", "INHERITANCE")
                    .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", name, TestData.mobile())))
                    .add("confirmedNew", true).build().toString());
            assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
            Api.Reply accepted = supervisor.post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                    "{\"decision\":\"ACCEPTED\"}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            numbers.add(accepted.json().getString("caseNumber"));
            complainants.put(accepted.json().getString("caseNumber"), name);
        }
        String elsewhere = acceptedCase(otherIntake, otherSupervisor, INBOX_OTHER_STATION, "PHONE", "INHERITANCE");
        String elsewhereTask = file(otherSupervisor, elsewhere).getJsonArray("openTasks").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("key").equals("Task_AssignMediator")).findFirst().orElseThrow()
                .getString("id");

        // distinct deadlines (the 8th has none) and three risk levels, so that the order is known
        Database db = new Database(dataSource);
        java.util.Map<String, String> taskOf = new java.util.LinkedHashMap<>();
        Instant start = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            String id = file(supervisor, number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                    .filter(t -> t.getString("key").equals("Task_AssignMediator")).findFirst().orElseThrow()
                    .getString("id");
            taskOf.put(number, id);
            // through the engine, as an extension moves a task's deadline: the inbox follows the engine's tasks
            org.camunda.bpm.engine.task.Task moving = taskService.createTaskQuery().taskId(id).singleResult();
            moving.setDueDate(i == 7 ? null : java.util.Date.from(start.plus(Duration.ofDays(23 - i))));
            taskService.saveTask(moving);
        }
        db.update("UPDATE case_file SET risk_level = 'HIGH' WHERE number = ?", numbers.get(20));
        db.update("UPDATE case_file SET risk_level = 'MEDIUM' WHERE number = ?", numbers.get(3));
        db.update("UPDATE case_file SET risk_level = 'LOW' WHERE number = ?", numbers.get(22));

        JsonObject first = inboxPage(supervisor, query);
        assertThat(first.getJsonNumber("total").longValue()).isEqualTo(before + 23);
        assertThat(first.getInt("size")).as("twenty by default").isEqualTo(20);
        assertThat(first.getJsonArray("items")).hasSize(20);

        // every page in the inbox's order: risk (HIGH first), then the nearest deadline, none last
        java.util.List<JsonObject> all = new java.util.ArrayList<>();
        for (int page = 0; page * 20 < before + 23; page++) {
            all.addAll(inboxPage(supervisor, query + "&page=" + page).getJsonArray("items").getValuesAs(JsonObject.class));
        }
        assertThat(all).hasSize((int) before + 23);
        assertThat(all).extracting(t -> t.getString("id")).doesNotHaveDuplicates().containsAll(taskOf.values())
                .doesNotContain(elsewhereTask);
        for (int i = 1; i < all.size(); i++) {
            JsonObject a = all.get(i - 1);
            JsonObject b = all.get(i);
            assertThat(riskRank(a) < riskRank(b) || riskRank(a) == riskRank(b) && !dueOf(a).isAfter(dueOf(b)))
                    .as("%s (%s, %s) before %s (%s, %s)", a.getString("caseNumber"), a.get("riskLevel"), a.get("due"),
                            b.getString("caseNumber"), b.get("riskLevel"), b.get("due")).isTrue();
        }
        java.util.List<String> mine = all.stream().map(t -> t.getString("caseNumber")).filter(numbers::contains).toList();
        assertThat(mine.get(0)).as("the HIGH risk case first").isEqualTo(numbers.get(20));
        assertThat(mine.get(1)).as("then the MEDIUM one").isEqualTo(numbers.get(3));
        assertThat(mine.get(2)).as("then the LOW one").isEqualTo(numbers.get(22));
        assertThat(mine.get(3)).as("then, risk not assessed, the nearest deadline").isEqualTo(numbers.get(21));
        assertThat(mine.get(mine.size() - 1)).as("no deadline after every deadline").isEqualTo(numbers.get(7));

        // what a case worker needs to see in the list, never the complainant's full name
        JsonObject row = all.stream().filter(t -> numbers.get(21).equals(t.getString("caseNumber"))).findFirst().orElseThrow();
        String name = complainants.get(numbers.get(21));
        assertThat(row.getString("complainant")).isEqualTo(org.weiquan.intake.PersonName.mask(name)).isNotEqualTo(name);
        assertThat(row.getString("category")).isEqualTo("INHERITANCE");
        assertThat(row.getString("station")).isEqualTo("马鞍村妇女儿童维权服务室");
        assertThat(row.getInt("daysLeft")).isBetween(1, 3);
        JsonObject noDue = all.stream().filter(t -> numbers.get(7).equals(t.getString("caseNumber"))).findFirst().orElseThrow();
        assertThat(absent(noDue, "daysLeft")).as("no deadline, no days left").isTrue();

        // a smaller page counts the same; another order; the other village sees only its own
        JsonObject small = inboxPage(supervisor, query + "&size=5&page=1");
        assertThat(small.getJsonNumber("total").longValue()).isEqualTo(before + 23);
        assertThat(small.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(t -> t.getString("id"))
                .containsExactlyElementsOf(all.subList(5, 10).stream().map(t -> t.getString("id")).toList());
        java.util.List<JsonObject> byDueDesc = inboxPage(supervisor, query + "&sort=due&order=desc&size=200")
                .getJsonArray("items").getValuesAs(JsonObject.class).stream().filter(t -> !absent(t, "due")).toList();
        for (int i = 1; i < byDueDesc.size(); i++) {
            assertThat(dueOf(byDueDesc.get(i - 1))).isAfterOrEqualTo(dueOf(byDueDesc.get(i)));
        }
        JsonObject other = inboxPage(otherSupervisor, query + "&size=200");
        assertThat(other.getJsonNumber("total").longValue()).isEqualTo(otherBefore + 1);
        assertThat(other.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(t -> t.getString("id"))
                .contains(elsewhereTask).doesNotContainAnyElementsOf(taskOf.values());

        // the sub-district's supervisor sees both villages, and one of them when she filters by it
        JsonObject village = inboxPage(subdistrict, query + "&station=" + INBOX_STATION);
        assertThat(village.getJsonNumber("total").longValue()).isEqualTo(before + 23);
        assertThat(inboxPage(subdistrict, query).getJsonNumber("total").longValue())
                .isGreaterThanOrEqualTo(before + 23 + otherBefore + 1);
        assertThat(subdistrict.get("api/tasks?" + query + "&station=QX-0101").status()).as("not her station").isEqualTo(422);
        assertThat(supervisor.get("api/tasks?" + query + "&size=0").status()).isEqualTo(422);
        assertThat(supervisor.get("api/tasks?" + query + "&size=201").status()).isEqualTo(422);
        assertThat(supervisor.get("api/tasks?" + query + "&sort=name").status()).isEqualTo(422);
        assertThat(supervisor.get("api/tasks?scope=station&kind=Task_Nothing").status()).isEqualTo(422);
        assertThat(inboxPage(supervisor, query + "&page=99").getJsonArray("items")).as("past the last page").isEmpty();
    }

    // ------------------------------------------------------------------ the inbox follows the tasks (issue 16)

    private static List<String> inboxIds(Api who, String query) {
        return inboxPage(who, query + "&size=200").getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getString("id")).toList();
    }

    private String taskOf(Api who, String number, String key) {
        return file(who, number).getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not open in " + number)).getString("id");
    }

    @Test
    void theInboxFollowsEveryTaskAsItIsDoneHandedOnGivenBackClaimedExtendedAndEndedByAWithdrawal() {
        Api intake = user("follow-intake", STATION, "INTAKE");
        Api supervisor = user("follow-supervisor", STATION, "SUPERVISOR");
        Api first = user("follow-mediator", STATION, "MEDIATOR");
        Api second = user("follow-mediator-2", STATION, "MEDIATOR");
        String a = acceptedCase(intake, supervisor, STATION, "VISIT", "INHERITANCE");
        String b = acceptedCase(intake, supervisor, STATION, "VISIT", "INHERITANCE");
        String c = acceptedCase(intake, supervisor, STATION, "VISIT", "INHERITANCE");
        String assignA = taskOf(supervisor, a, "Task_AssignMediator");
        String assignB = taskOf(supervisor, b, "Task_AssignMediator");
        String assignC = taskOf(supervisor, c, "Task_AssignMediator");
        String waiting = "scope=station&kind=Task_AssignMediator";
        assertThat(inboxIds(supervisor, waiting)).contains(assignA, assignB, assignC);

        // done: the assignment leaves the supervisor's inbox, the handling enters the mediator's, oldest first
        complete(supervisor, assignA, "{\"mediator\":\"follow-mediator\"}");
        complete(supervisor, assignB, "{\"mediator\":\"follow-mediator\"}");
        String handleA = taskOf(supervisor, a, "Task_HandleCase");
        String handleB = taskOf(supervisor, b, "Task_HandleCase");
        assertThat(inboxIds(supervisor, waiting)).contains(assignC).doesNotContain(assignA, assignB);
        assertThat(inboxIds(first, "scope=mine")).containsExactly(handleA, handleB);
        assertThat(inboxPage(first, "scope=mine").getJsonNumber("total").longValue()).isEqualTo(2);

        // an approved extension moves the deadline of a's handling: by due date (and by risk, then due date) b first
        Api.Reply asked = supervisor.post("api/cases/" + a + "/extension", "{\"days\":20,\"reason\":\"需实地调查\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        complete(centreSupervisor(), taskOf(supervisor, a, "Task_ApproveExtension"), "{\"approved\":true}");
        Instant extended = OffsetDateTime.parse(file(supervisor, a).getString("handlingDue")).toInstant();
        assertThat(inboxIds(first, "scope=mine&sort=due")).containsExactly(handleB, handleA);
        assertThat(inboxIds(first, "scope=mine")).containsExactly(handleB, handleA);
        JsonObject rowA = inboxPage(first, "scope=mine").getJsonArray("items").getJsonObject(1);
        assertThat(OffsetDateTime.parse(rowA.getString("due")).toInstant())
                .isEqualTo(extended.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(inboxIds(first, "scope=mine&sort=due&order=desc")).containsExactly(handleA, handleB);

        // handed on by the supervisor: out of the first mediator's inbox, into the second's
        Api.Reply handed = supervisor.put("api/tasks/" + handleB + "/assignee",
                "{\"assignee\":\"follow-mediator-2\",\"reason\":\"病假\"}");
        assertThat(handed.status()).as(handed.toString()).isEqualTo(200);
        assertThat(inboxIds(first, "scope=mine")).containsExactly(handleA);
        assertThat(inboxIds(second, "scope=mine")).containsExactly(handleB);
        assertThat(inboxIds(first, "scope=station")).doesNotContain(handleB);

        // given back: nobody's, offered to the station's mediators; then claimed by the first again. Each answer
        // is the task as it now stands (the check's read with its new holder, not a second read)
        Api.Reply givenBack = second.delete("api/tasks/" + handleB + "/claim");
        assertThat(givenBack.status()).as(givenBack.toString()).isEqualTo(200);
        assertThat(givenBack.json().get("assignee")).isIn(null, JsonValue.NULL);
        assertThat(givenBack.json().getString("id")).isEqualTo(handleB);
        assertThat(inboxIds(second, "scope=mine")).isEmpty();
        assertThat(inboxIds(first, "scope=station")).contains(handleB);
        Api.Reply claimed = first.post("api/tasks/" + handleB + "/claim", "");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().getString("assignee")).isEqualTo("follow-mediator");
        assertThat(claimed.json().getString("assigneeName")).isNotBlank().isNotEqualTo("follow-mediator");
        assertThat(claimed.json().getJsonArray("candidateGroups").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString).anyMatch(g -> g.endsWith(":mediator"));
        assertThat(inboxIds(first, "scope=station")).doesNotContain(handleB);
        assertThat(inboxIds(first, "scope=mine")).containsExactly(handleB, handleA);

        // withdrawn: the case's process ends and its tasks with it
        Api.Reply withdrawn = first.post("api/cases/" + b + "/withdrawal", "{\"reason\":\"当事人已自行解决\"}");
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(inboxIds(first, "scope=mine")).containsExactly(handleA);
        assertThat(inboxPage(first, "scope=mine").getJsonNumber("total").longValue()).isEqualTo(1);
        assertThat(inboxIds(supervisor, "scope=overseen")).contains(handleA, assignC).doesNotContain(handleB, assignB);
    }
}
