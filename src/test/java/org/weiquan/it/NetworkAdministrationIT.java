package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * Issue 18: the county administrator keeps the network. Every test builds the small network it needs through
 * the API (codes {@code H18-…}) under the county station, so that no test depends on the demo county's tree
 * below its root.
 */
@ExtendWith(ArquillianExtension.class)
class NetworkAdministrationIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    private Api admin() {
        return TestUsers.admin(base);
    }

    private String root() {
        JsonArray tree = (JsonArray) admin().get("api/stations").jsonStructure();
        return tree.getJsonObject(0).getString("code");
    }

    private JsonObject station(String code, String name, String level, String parent) {
        Api.Reply created = admin().post("api/admin/stations", Json.createObjectBuilder().add("code", code)
                .add("name", name).add("level", level).add("parentCode", parent).add("address", "测试路 1 号")
                .add("phone", "0791-1234567").add("openingHours", "周一至周五 9:00-17:00").build().toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static String month() {
        return YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    }

    private String registered(Api intake, String station) {
        Api.Reply reg = intake.post("api/contacts", contact(station, "VISIT", "MARRIAGE_DISPUTE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return reg.json().getJsonNumber("id").toString();
    }

    private String accepted(Api intake, Api supervisor, String station) {
        String id = registered(intake, station);
        Api.Reply accepted = supervisor.post("api/contacts/" + id + "/decision", "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().getString("caseNumber");
    }

    private static String openTask(Api who, String number, String key) {
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
        Api.Reply reply = admin().get("api/admin/stations/" + code + "/history");
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
        Api.Reply assigned = oldParent.post("api/tasks/" + openTask(oldParent, number, "Task_AssignMediator")
                + "/completion", "{\"mediator\":\"h18-move-mediator\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(204);
        String handle = openTask(mediator, number, "Task_HandleCase");

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<Api.Reply> move = two.submit(() -> admin().post("api/admin/stations/H18-MA1/move",
                    "{\"parentCode\":\"H18-MB\"}"));
            Future<Api.Reply> work = two.submit(() -> mediator.post("api/tasks/" + handle + "/completion",
                    "{\"step\":\"MEDIATE\"}"));
            assertThat(move.get().status()).as(move.get().toString()).isEqualTo(200);
            assertThat(work.get().status()).as(work.get().toString()).isEqualTo(204);
        } finally {
            two.shutdown();
        }

        // nothing lost: the mediator's work was recorded and her next task waits for her
        assertThat(openTask(mediator, number, "Task_HoldMediationSession")).isNotBlank();
        // the new parent's supervisor sees the case and counts it; the old one no longer does
        assertThat(newParent.get("api/cases/" + number).status()).isEqualTo(200);
        assertThat(oldParent.get("api/cases/" + number).status()).isEqualTo(404);
        assertThat(drillDown(newParent, "ACCEPTED", "H18-MB")).contains(number);
        assertThat(drillDown(oldParent, "ACCEPTED", "H18-MA")).doesNotContain(number);
        assertThat(drillDown(newParent, "ACCEPTED", "H18-MA1")).contains(number);
        // the tree and the history say where it is and who moved it
        JsonObject moved = admin().get("api/admin/stations/H18-MA1").json();
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
        Api.Reply underChild = admin().post("api/admin/stations/H18-XA/move", "{\"parentCode\":\"H18-XA1\"}");
        assertThat(underChild.status()).isEqualTo(422);
        assertThat(underChild.contentType()).startsWith("application/problem+json");
        assertThat(underChild.body()).contains("parentCode");
        Api.Reply villageUnderCounty = admin().post("api/admin/stations/H18-XA1/move",
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
        String number = accepted(intake, supervisor, "H18-CA1");

        Api.Reply withOpenCase = admin().post("api/admin/stations/H18-CA1/closure", "");
        assertThat(withOpenCase.status()).as(withOpenCase.toString()).isEqualTo(409);
        assertThat(withOpenCase.body()).contains("transfer its open cases first");

        Api.Reply transferred = supervisor.post("api/cases/" + number + "/transfer",
                "{\"toStationCode\":\"H18-CA\",\"reason\":\"服务室撤并\"}");
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        Api.Reply closed = admin().post("api/admin/stations/H18-CA1/closure", "");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().getBoolean("closed")).isTrue();

        Api.Reply contact = intake.post("api/contacts", contact("H18-CA1", "VISIT", "MARRIAGE_DISPUTE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(contact.status()).isEqualTo(422);
        assertThat(contact.body()).contains("stationCode");
        Api.Reply back = supervisor.post("api/cases/" + number + "/transfer",
                "{\"toStationCode\":\"H18-CA1\",\"reason\":\"退回\"}");
        assertThat(back.status()).isEqualTo(422);
        assertThat(back.body()).contains("toStationCode");

        // the case accepted there this month still counts to the closed station
        assertThat(drillDown(supervisor, "ACCEPTED", "H18-CA1")).containsExactly(number);
        assertThat(history("H18-CA1")).extracting(c -> c.getString("kind")).containsExactly("CREATED", "CLOSED");
        assertThat(admin().post("api/admin/stations/H18-CA1/closure", "").status()).isEqualTo(409);
    }

    // ------------------------------------------------------------------ create and edit

    @Test
    void theAdministratorCreatesRenamesAndDescribesAStationAndEachChangeIsRecordedWithBeforeAndAfter() {
        String county = root();
        JsonObject created = station("H18-EA", "编辑测试街道中心", "SUBDISTRICT", county);
        assertThat(created.getString("parentCode")).isEqualTo(county);
        assertThat(created.getString("address")).isEqualTo("测试路 1 号");

        Api.Reply again = admin().post("api/admin/stations", "{\"code\":\"H18-EA\",\"name\":\"重复\",\"level\":\"SUBDISTRICT\","
                + "\"parentCode\":\"" + county + "\"}");
        assertThat(again.status()).isEqualTo(409);
        Api.Reply wrongLevel = admin().post("api/admin/stations", "{\"code\":\"H18-EB\",\"name\":\"错层级\",\"level\":\"VILLAGE\","
                + "\"parentCode\":\"" + county + "\",\"phone\":\"电话\"}");
        assertThat(wrongLevel.status()).isEqualTo(422);
        assertThat(wrongLevel.body()).contains("\"level\"").contains("\"phone\"");

        Api.Reply read = admin().get("api/admin/stations/H18-EA");
        Api.Reply renamed = admin().withHeader("If-Match", read.etag()).put("api/admin/stations/H18-EA",
                "{\"name\":\"改名后的街道中心\",\"address\":\"新址路 2 号\",\"phone\":\"0791-7654321\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        Api.Reply stale = admin().withHeader("If-Match", read.etag()).put("api/admin/stations/H18-EA",
                "{\"name\":\"又一个名字\"}");
        assertThat(stale.status()).isEqualTo(409);

        JsonArray tree = (JsonArray) admin().get("api/stations").jsonStructure();
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
        assertThat(admin().get("api/admin/stations/H18-NONE").status()).isEqualTo(404);
        assertThat(history("H18-SA")).hasSize(1);
    }

    // ------------------------------------------------------------------ agencies

    @Test
    void anAgencysKindSetsItsAnswerPeriodAndADeactivatedAgencyTakesNoNewReferral() {
        String county = root();
        Api.Reply created = admin().post("api/admin/agencies",
                "{\"code\":\"H18-POL\",\"name\":\"测试派出所\",\"kind\":\"POLICE\",\"stationCode\":\"" + county + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getInt("answerDays")).isEqualTo(15);
        Api.Reply edited = admin().put("api/admin/agencies/H18-POL",
                "{\"name\":\"测试法律援助工作站\",\"kind\":\"LEGAL_AID\",\"stationCode\":\"" + county + "\"}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getInt("answerDays")).isEqualTo(7);
        Api.Reply badKind = admin().post("api/admin/agencies", "{\"code\":\"H18-BAD\",\"name\":\"x\",\"kind\":\"SPA\"}");
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(badKind.body()).contains("kind");

        station("H18-RA", "转介测试街道中心", "SUBDISTRICT", county);
        Api intake = TestUsers.user(base, "h18-ref-intake", "H18-RA", "INTAKE");
        Api supervisor = TestUsers.user(base, "h18-ref-sup", "H18-RA", "SUPERVISOR");
        String number = accepted(intake, supervisor, "H18-RA");
        Api.Reply deactivated = admin().post("api/admin/agencies/H18-POL/deactivation", "");
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.json().getBoolean("active")).isFalse();
        Api.Reply refused = supervisor.post("api/cases/" + number + "/referrals",
                "{\"agencyCode\":\"H18-POL\",\"consent\":true}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("agencyCode");

        admin().post("api/admin/agencies/H18-POL/activation", "");
        Api.Reply referred = supervisor.post("api/cases/" + number + "/referrals",
                "{\"agencyCode\":\"H18-POL\",\"consent\":true}");
        assertThat(referred.status()).as(referred.toString()).isEqualTo(201);
        Api.Reply changes = admin().get("api/admin/agencies/H18-POL/history");
        assertThat(((JsonArray) changes.jsonStructure()).getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("kind")).containsExactly("CREATED", "EDITED", "DEACTIVATED", "REACTIVATED");
    }

    // ------------------------------------------------------------------ risk instrument

    private static final String SEED_ANSWERS = "{\"answers\":{\"Q1\":false,\"Q2\":false,\"Q3\":false,\"Q4\":true,"
            + "\"Q5\":false,\"Q6\":false,\"Q7\":false,\"Q8\":false,\"Q9\":false,\"Q10\":false,\"Q11\":false}}";

    /** The packaged instrument as a draft body under another id: published last, so that later tests score as before. */
    private static String seedAsDraft(String id) throws java.io.IOException {
        try (var in = NetworkAdministrationIT.class.getClassLoader().getResourceAsStream("seeds/risk-instrument.json");
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
        assertThat(mediator.post("api/tasks/" + openTask(mediator, earlier, "Task_AssessRisk") + "/completion", SEED_ANSWERS)
                .status()).isEqualTo(204);
        JsonObject before = assessment(supervisor, earlier);

        String id = "h18-dv-" + run;
        Api.Reply drafted = admin().post("api/admin/risk-instrument/versions", "{\"id\":\"" + id + "\",\"name\":\"测试量表 "
                + run + "\",\"mediumFrom\":5,\"highFrom\":15,\"questions\":[{\"id\":\"A1\",\"text\":\"对方是否曾跟踪你？\","
                + "\"weight\":20,\"critical\":false},{\"id\":\"A2\",\"text\":\"对方是否曾摔砸物品？\",\"weight\":1}]}");
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        assertThat(drafted.json().getString("state")).isEqualTo("DRAFT");
        Api.Reply badBands = admin().post("api/admin/risk-instrument/versions", "{\"id\":\"h18-bad-" + run
                + "\",\"name\":\"x\",\"mediumFrom\":9,\"highFrom\":3,\"questions\":[{\"id\":\"A1\",\"text\":\"x\",\"weight\":1}]}");
        assertThat(badBands.status()).isEqualTo(422);
        assertThat(badBands.body()).contains("highFrom");
        assertThat(admin().post("api/admin/risk-instrument/versions/" + id + "/publication", "").status())
                .as("not before its review").isEqualTo(409);
        assertThat(admin().post("api/admin/risk-instrument/versions/" + id + "/review", "").status()).isEqualTo(200);
        assertThat(admin().put("api/admin/risk-instrument/versions/" + id, "{\"name\":\"改\",\"mediumFrom\":5,"
                + "\"highFrom\":15,\"questions\":[{\"id\":\"A1\",\"text\":\"x\",\"weight\":1}]}").status())
                .as("a reviewed version never changes").isEqualTo(409);
        try {
            Api.Reply published = admin().post("api/admin/risk-instrument/versions/" + id + "/publication", "");
            assertThat(published.status()).as(published.toString()).isEqualTo(200);

            // the earlier assessment keeps its version, score and band
            JsonObject after = assessment(supervisor, earlier);
            assertThat(after).isEqualTo(before);
            assertThat(after.getString("instrumentId")).isNotEqualTo(id);

            // a new assessment answers the new questions and is scored by the new version
            String later = dvCase(intake, supervisor);
            String assess = openTask(mediator, later, "Task_AssessRisk");
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
            assertThat(admin().post("api/admin/risk-instrument/versions", seedAsDraft(restore)).status()).isEqualTo(201);
            assertThat(admin().post("api/admin/risk-instrument/versions/" + restore + "/review", "").status()).isEqualTo(200);
            assertThat(admin().post("api/admin/risk-instrument/versions/" + restore + "/publication", "").status()).isEqualTo(200);
        }
    }

    private String dvCase(Api intake, Api supervisor) {
        Api.Reply reg = intake.post("api/contacts", contact("H18-RK", "VISIT", "DOMESTIC_VIOLENCE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        Api.Reply accepted = supervisor.post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().getString("caseNumber");
    }

    // ------------------------------------------------------------------ the network file

    private static final String HEADER = "record,code,name,level,parent_code,address,phone,opening_hours,staff_contact,kind,"
            + "station_code,state\n";

    private Api.Reply importFile(String csv) {
        return admin().postBytes("api/admin/network", "text/csv", null, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
        assertThat(admin().get("api/admin/stations/H18-IA").status()).as("nothing imported").isEqualTo(404);
        assertThat(admin().get("api/admin/agencies").body()).doesNotContain("H18-IPOL");

        Api.Reply imported = importFile(good + "STATION,H18-IB,改正后的村服务室,VILLAGE,H18-IA,,,,,,,\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().getInt("stationsCreated")).isEqualTo(4);
        assertThat(imported.json().getInt("agenciesCreated")).isEqualTo(1);
        JsonObject centre = admin().get("api/admin/stations/H18-IA").json();
        assertThat(centre.getString("openingHours")).isEqualTo("周一至周五, 9:00-17:00");
        assertThat(admin().get("api/admin/stations/H18-IB").json().getString("parentCode")).isEqualTo("H18-IA");

        // the exported network, sent back unchanged, changes nothing; edited, it renames and moves
        Api.Download export = admin().download("api/admin/network/network.csv");
        assertThat(export.status()).isEqualTo(200);
        String file = new String(export.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(file).contains("STATION,H18-IA1,导入村服务室,VILLAGE,H18-IA,").contains("AGENCY,H18-IPOL,导入派出所");
        Api.Reply again = importFile(file);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().getInt("stationsCreated") + again.json().getInt("stationsChanged")
                + again.json().getInt("agenciesCreated") + again.json().getInt("agenciesChanged")).isZero();

        // the same as an Excel workbook
        Api.Download workbook = admin().download("api/admin/network/network.xlsx");
        assertThat(workbook.status()).isEqualTo(200);
        assertThat(workbook.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Api.Reply fromWorkbook = admin().postBytes("api/admin/network",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", null, workbook.body());
        assertThat(fromWorkbook.status()).as(fromWorkbook.toString()).isEqualTo(200);
        assertThat(fromWorkbook.json().getInt("stationsCreated") + fromWorkbook.json().getInt("stationsChanged")
                + fromWorkbook.json().getInt("agenciesCreated") + fromWorkbook.json().getInt("agenciesChanged")).isZero();

        Api.Reply edited = importFile(HEADER + "STATION,H18-ID,新街道中心,SUBDISTRICT," + county + ",,,,,,,\n"
                + "STATION,H18-IA1,改名的村服务室,VILLAGE,H18-ID,,,,,,,\n");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().getInt("stationsCreated")).isEqualTo(1);
        assertThat(edited.json().getInt("stationsChanged")).isEqualTo(1);
        JsonObject moved = admin().get("api/admin/stations/H18-IA1").json();
        assertThat(moved.getString("name")).isEqualTo("改名的村服务室");
        assertThat(moved.getString("parentCode")).isEqualTo("H18-ID");
        assertThat(history("H18-IA1")).extracting(c -> c.getString("kind")).containsExactly("CREATED", "MOVED", "EDITED");
    }
}
