package org.weiquan.it;

import jakarta.annotation.Resource;
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
import org.weiquan.infrastructure.WeiquanDatabase;
import org.weiquan.reporting.IndicatorQueries;
import org.weiquan.shared.Days;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

import java.net.URL;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/** The indicator report over cases run through the real workflow, and its drill-down, on the real database. */
@ExtendWith(ArquillianExtension.class)
class ReportsIT {

    private static final String STATION = "QX-0116";
    private static final String SIBLING = "QX-0115";

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    private Api intake() {
        return TestUsers.user(base, "r-intake", STATION, "INTAKE");
    }

    private Api mediator() {
        return TestUsers.user(base, "r-mediator", STATION, "MEDIATOR");
    }

    private Api supervisor() {
        return TestUsers.user(base, "r-supervisor", STATION, "SUPERVISOR");
    }

    private String accepted(String category) {
        mediator();
        Api.Reply reg = intake().post("api/contacts", contact(STATION, "VISIT", category)
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return supervisor().post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision", "{\"decision\":\"ACCEPTED\"}")
                .json().getString("caseNumber");
    }

    private String task(String number, String key) {
        return supervisor().get("api/cases/" + number).json().getJsonArray("openTasks").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("key").equals(key)).map(t -> t.getString("id")).findFirst().orElseThrow();
    }

    private void complete(Api who, String task, String form) {
        Api.Reply r = who.post("api/tasks/" + task + "/completion", form);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    private void closeAsExplained(String number) {
        complete(supervisor(), task(number, "Task_AssignMediator"), "{\"mediator\":\"r-mediator\"}");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
    }

    @Test
    void theReportCountsTheCasesRunThroughTheWorkflowAndItsDrillDownListsExactlyThem() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonObject before = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=" + month).json()
                .getJsonObject("total").getJsonObject("counts");
        String closed = accepted("OTHER");
        String open = accepted("OTHER");
        closeAsExplained(closed);

        Api.Reply reply = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=" + month);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonObject report = reply.json();
        JsonObject total = report.getJsonObject("total").getJsonObject("counts");
        assertThat(total.getInt("accepted")).isEqualTo(before.getInt("accepted") + 2);
        assertThat(total.getInt("closed")).isEqualTo(before.getInt("closed") + 1);
        JsonObject cohort = total.getJsonObject("cohortClosureRate");
        assertThat(cohort.getInt("denominator")).isEqualTo(before.getJsonObject("cohortClosureRate").getInt("denominator") + 2);
        assertThat(cohort.getInt("numerator")).isEqualTo(before.getJsonObject("cohortClosureRate").getInt("numerator") + 1);
        assertThat(report.getJsonArray("definitions").getValuesAs(JsonString.class)).isNotEmpty();
        assertThat(report.getJsonArray("byChannel").getValuesAs(JsonObject.class))
                .anySatisfy(g -> assertThat(g.getString("key")).isEqualTo("VISIT"));
        assertThat(total.getJsonObject("mediationSuccessRate").containsKey("denominator")).isTrue();
        assertThat(report.getJsonArray("byMonth").getValuesAs(JsonObject.class)).singleElement()
                .satisfies(m -> assertThat(m.getInt("accepted")).isEqualTo(total.getInt("accepted")));

        JsonArray acceptedCases = (JsonArray) supervisor().get("api/reports/cases?indicator=ACCEPTED&stationCode=" + STATION
                + "&period=" + month + "&size=200").jsonStructure();
        assertThat(acceptedCases.getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .contains(closed, open).hasSize(total.getInt("accepted"));
        JsonArray closedCases = (JsonArray) supervisor().get("api/reports/cases?indicator=CLOSED&stationCode=" + STATION
                + "&period=" + month + "&size=200").jsonStructure();
        assertThat(closedCases.getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .contains(closed).doesNotContain(open).hasSize(total.getInt("closed"));
    }

    /** A request for review (复查) of a written reply counts in the month it was made, and lists its case. */
    @Test
    void aReviewRequestCountsInItsMonthWithItsCase() {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String today = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonObject before = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=" + month).json()
                .getJsonObject("total").getJsonObject("counts");
        String number = accepted("EMPLOYMENT_DISCRIMINATION");
        complete(supervisor(), task(number, "Task_AssignMediator"), "{\"mediator\":\"r-mediator\"}");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"WRITTEN_REPLY\"}");
        complete(mediator(), task(number, "Task_WriteReply"), "{\"sentOn\":\"" + today
                + "\",\"means\":\"LETTER\",\"summary\":\"已书面答复并告知救济途径\"}");
        Api.Reply asked = mediator().post("api/cases/" + number + "/reviews",
                "{\"kind\":\"REVIEW\",\"requestedOn\":\"" + today + "\",\"reason\":\"不服答复\"}");
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);

        JsonObject after = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=" + month).json()
                .getJsonObject("total").getJsonObject("counts");
        assertThat(after.getInt("reviews")).isEqualTo(before.getInt("reviews") + 1);
        assertThat(after.getInt("reReviews")).isEqualTo(before.getInt("reReviews"));
        JsonArray reviewed = (JsonArray) supervisor().get("api/reports/cases?indicator=REVIEWS&stationCode=" + STATION
                + "&period=" + month + "&size=200").jsonStructure();
        assertThat(reviewed.getValuesAs(JsonString.class)).extracting(JsonString::getString).contains(number);
    }

    /** Last year's report without a cut-off counts up to the end of last year, and says so; children in code order. */
    @Test
    void aPastPeriodsCutOffIsItsEndAndTheChildStationsComeInCodeOrder() {
        int lastYear = YearMonth.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;
        Api parent = TestUsers.user(base, "r-parent", "QX-01", "SUPERVISOR");
        JsonObject report = parent.get("api/reports/indicators?stationCode=QX-01&period=" + lastYear).json();
        assertThat(report.getString("cutoff")).startsWith((lastYear + 1) + "-01-01T00:00");
        assertThat(report.getJsonArray("definitions").getValuesAs(JsonString.class)).extracting(JsonString::getString)
                .anySatisfy(d -> assertThat(d).contains("cut-off").contains("the end of the period"));
        List<String> children = report.getJsonArray("rows").getValuesAs(JsonObject.class).stream().skip(1)
                .map(r -> r.getString("stationCode")).toList();
        assertThat(children).hasSizeGreaterThan(1).isSorted();
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(parent.get("api/reports/indicators?stationCode=QX-01&period=" + month).json().getString("cutoff"))
                .as("a period not yet ended: now").doesNotStartWith(YearMonth.now(ZoneId.of("Asia/Shanghai"))
                        .plusMonths(1) + "-01T00:00");
    }

    @Test
    void theParentsRollUpIsTheSumOfItsStationsAndAStationSeesNoOtherStationsNumbers() {
        accepted("MARRIAGE_DISPUTE");
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        Api parent = TestUsers.user(base, "r-parent", "QX-01", "SUPERVISOR");
        JsonObject report = parent.get("api/reports/indicators?stationCode=QX-01&period=" + month).json();
        int sum = report.getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .mapToInt(r -> r.getJsonObject("counts").getInt("accepted")).sum();
        assertThat(report.getJsonObject("total").getJsonObject("counts").getInt("accepted")).isEqualTo(sum).isPositive();

        assertThat(supervisor().get("api/reports/indicators?stationCode=" + SIBLING + "&period=" + month).status())
                .isEqualTo(404);
        assertThat(supervisor().get("api/reports/indicators?stationCode=QX-01&period=" + month).status()).isEqualTo(404);
        assertThat(mediator().get("api/reports/indicators?stationCode=" + STATION + "&period=" + month).status())
                .isEqualTo(403);
        Api.Reply badPeriod = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=March");
        assertThat(badPeriod.status()).isEqualTo(422);
        assertThat(badPeriod.body()).contains("period");
    }

    @Test
    void aClosureAuditDrawsARepeatableSampleAndAFailedCaseIsReopened() {
        String first = accepted("OTHER");
        String second = accepted("OTHER");
        closeAsExplained(first);
        closeAsExplained(second);
        java.time.LocalDate today = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String draw = "{\"stationCode\":\"" + STATION + "\",\"from\":\"" + today + "\",\"to\":\"" + today.plusDays(1)
                + "\",\"size\":100,\"seed\":20261127}";
        Api.Reply drawn = supervisor().post("api/audits", draw);
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(201);
        JsonObject audit = drawn.json();
        assertThat(audit.getJsonNumber("seed").longValue()).isEqualTo(20261127L);
        var sample = audit.getJsonArray("cases").getValuesAs(JsonObject.class).stream().map(c -> c.getString("caseNumber")).toList();
        assertThat(sample).contains(first, second);
        Api.Reply again = supervisor().post("api/audits", draw);
        assertThat(again.json().getJsonArray("cases").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("caseNumber")).toList()).as("the same seed draws the same sample").isEqualTo(sample);

        String review = "api/audits/" + audit.getJsonNumber("id") + "/cases/";
        Api.Reply noComment = supervisor().post(review + second + "/review",
                "{\"evidencePresent\":false,\"reasonConsistent\":true,\"followUpDone\":true,\"personSatisfied\":true}");
        assertThat(noComment.status()).isEqualTo(422);
        assertThat(supervisor().post(review + first + "/review",
                "{\"evidencePresent\":true,\"reasonConsistent\":true,\"followUpDone\":true,\"personSatisfied\":true}").status())
                .isEqualTo(200);
        Api.Reply failed = supervisor().post(review + second + "/review", "{\"evidencePresent\":false,\"reasonConsistent\":true,"
                + "\"followUpDone\":true,\"personSatisfied\":true,\"comment\":\"缺少答复记录\",\"reopen\":true}");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        assertThat(failed.json().getBoolean("passed")).isFalse();

        JsonObject reopened = supervisor().get("api/cases/" + second).json();
        assertThat(reopened.getString("status")).isEqualTo("OPEN");
        assertThat(reopened.getInt("reopenCount")).isEqualTo(1);
        assertThat(reopened.getJsonArray("openTasks")).isNotEmpty();
        JsonObject quality = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period="
                + YearMonth.now(ZoneId.of("Asia/Shanghai"))).json().getJsonObject("total").getJsonObject("counts")
                .getJsonObject("closureQuality");
        assertThat(quality.getInt("denominator")).isGreaterThanOrEqualTo(2);
        assertThat(quality.getInt("numerator")).isLessThan(quality.getInt("denominator"));
        assertThat(TestUsers.user(base, "r-other", SIBLING, "SUPERVISOR").get("api/audits/" + audit.getJsonNumber("id")).status())
                .isEqualTo(404);
    }

    /** Issue 15 point 2: a report reads every case of its period, so the period is bounded. */
    @Test
    void aReportPeriodOfMoreThanFiveYearsOrACutOffBeforeItsStartIsRefusedNamingTheField() {
        String station = "stationCode=" + STATION;
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("api/reports/indicators?" + station + "&from=0001-01-01&to=5000-01-01", "from");
        refused.put("api/reports/indicators?" + station + "&from=2020-01-01&to=9999-12-31", "to");
        refused.put("api/reports/indicators?" + station + "&from=2020-01-01&to=2025-01-02", "to");
        refused.put("api/reports/indicators?" + station + "&period=2026&cutoff=2025-12-31T23:59:59%2B08:00", "cutoff");
        refused.put("api/reports/indicators?" + station + "&period=%2B999999999-12", "period");
        refused.put("api/reports/indicators.xlsx?" + station + "&from=2000-01-01&to=2010-01-01", "to");
        refused.put("api/reports/indicators.pdf?" + station + "&from=2000-01-01&to=2010-01-01", "to");
        refused.put("api/reports/cases?indicator=CLOSED&" + station + "&from=2000-01-01&to=2010-01-01", "to");
        refused.put("api/reports/cases?indicator=CLOSED&" + station + "&period=2026&page=2147483647&size=200", "page");
        for (var r : refused.entrySet()) {
            Api.Reply reply = supervisor().get(r.getKey());
            assertThat(reply.status()).as(r.getKey() + ": " + reply).isEqualTo(422);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).as(r.getKey()).isEqualTo(r.getValue());
        }
        assertThat(supervisor().get("api/reports/indicators?" + station + "&from=2021-01-01&to=2026-01-01").status())
                .as("five years exactly").isEqualTo(200);
    }

    /**
     * Issue 16: the counters PostgreSQL keeps as the application writes (registration, acceptance, a contact not
     * accepted or answered on the spot, closure, a transfer, a reopening after a failed audit) give every figure of
     * the report, for this month and this year and for the county and a sub-district, as the rows give it; over the
     * cases of this test and of every other test of this deployment.
     */
    @Test
    void theCountersKeptAsTheApplicationWritesGiveTheFiguresComputedFromTheRows() throws SQLException {
        String closed = accepted("MARRIAGE_DISPUTE");
        closeAsExplained(closed);
        String moved = accepted("ELDER_SUPPORT");
        Api parent = TestUsers.user(base, "r-parent", "QX-01", "SUPERVISOR");
        Api.Reply transfer = parent.post("api/cases/" + moved + "/transfer", "{\"toStationCode\":\"" + SIBLING
                + "\",\"reason\":\"户籍在邻村\"}");
        assertThat(transfer.status()).as(transfer.toString()).isEqualTo(200);
        String reopened = accepted("OTHER");
        closeAsExplained(reopened);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Api.Reply drawn = supervisor().post("api/audits", "{\"stationCode\":\"" + STATION + "\",\"from\":\"" + today
                + "\",\"to\":\"" + today.plusDays(1) + "\",\"size\":100,\"seed\":16}");
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(201);
        Api.Reply failed = supervisor().post("api/audits/" + drawn.json().getJsonNumber("id") + "/cases/" + reopened
                + "/review", "{\"evidencePresent\":false,\"reasonConsistent\":true,\"followUpDone\":true,"
                + "\"personSatisfied\":true,\"comment\":\"缺少答复记录\",\"reopen\":true}");
        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        for (String decision : List.of("{\"decision\":\"NOT_ACCEPTED\",\"reason\":\"已起诉\",\"referredTo\":\"县人民法院\"}",
                "{\"decision\":\"CONSULTATION_ANSWERED\",\"reason\":\"已解答离婚程序\"}")) {
            Api.Reply reg = intake().post("api/contacts", contact(STATION, "PHONE", "DIVORCE_PROPERTY")
                    .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name())))
                    .add("confirmedNew", true).build().toString());
            assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
            Api.Reply decided = supervisor().post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision", decision);
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        }

        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).as("the counters are PostgreSQL's").isEqualTo("PostgreSQL");
        }
        String county = path("QX");
        String subDistrict = path("QX-01");
        Instant now = Instant.now();
        LocalDate month = today.withDayOfMonth(1);
        LocalDate year = today.withDayOfYear(1);
        IndicatorQueries counted = new IndicatorQueries(dataSource);
        IndicatorQueries computed = IndicatorQueries.computedOnly(dataSource);
        for (LocalDate[] period : List.of(new LocalDate[] {month, month.plusMonths(1)},
                new LocalDate[] {year, year.plusYears(1)}, new LocalDate[] {month.minusMonths(2), month.plusMonths(1)})) {
            for (String path : List.of(county, subDistrict)) {
                IndicatorQueries.Scope scope = new IndicatorQueries.Scope(path, Days.startOf(period[0]),
                        Days.startOf(period[1]), now);
                List<String> children = children(path);
                IndicatorQueries.ReportRows fromCounters = counted.report(scope, children);
                assertThat(fromCounters).as(scope.toString()).isEqualTo(computed.report(scope, children));
                if (path.equals(subDistrict) && period[0].equals(month)) {
                    assertThat(fromCounters.total().accepted()).isGreaterThanOrEqualTo(3);
                    assertThat(fromCounters.total().closed()).isPositive();
                    assertThat(fromCounters.total().notAccepted()).isPositive();
                    assertThat(fromCounters.total().consultations()).isPositive();
                }
            }
        }
    }

    private String path(String code) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT path FROM station WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as(code).isTrue();
                return rs.getString(1);
            }
        }
    }

    private List<String> children(String path) throws SQLException {
        List<String> children = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT s.path FROM station s JOIN station p ON p.id = s.parent_id"
                     + " WHERE p.path = ? ORDER BY s.code")) {
            s.setString(1, path);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    children.add(rs.getString(1));
                }
            }
        }
        return children;
    }
}
