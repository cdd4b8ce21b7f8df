package org.weiquan.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.weiquan.it.Api;
import org.weiquan.it.Deployments;
import org.weiquan.it.TestData;
import org.weiquan.it.TestUsers;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration pages and the closure-audit page in a real headless Chromium: what the administrator
 * and the supervisor do there, how a refused input is shown, and that other users get no admin data.
 * The database outlives the run, so every user and date made here is new.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesIT {

    /** A village room no other integration test uses. */
    private static final String STATION = "QX-0113";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static AdminBrowser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = new AdminBrowser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private AdminBrowser browser() {
        return browser.at(base);
    }

    @Test
    @Order(1)
    void theAdministratorSeesStationsAgenciesTheRiskInstrumentAndKeepsTheHolidayCalendar() {
        AdminBrowser b = browser();
        b.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        b.open("app/admin/index.xhtml");
        assertThat(b.text("pageTitle")).isEqualTo("系统管理");
        assertThat(b.find("navAdmin").getDomAttribute("href")).endsWith("/app/admin/index.xhtml");
        b.screenshot("index");

        b.clickLink("toStations");
        assertThat(b.text("stationsForm:stations")).contains("清溪县妇女联合会", "县妇联", STATION, "村妇女儿童维权服务室");
        b.screenshot("stations");

        b.open("app/admin/agencies.xhtml");
        assertThat(b.text("agenciesForm:agencies")).contains("QX-GA", "清溪县公安局", "公安");
        b.screenshot("agencies");

        b.open("app/admin/risk.xhtml");
        assertThat(b.text("questions")).contains("Q1", "关键题");
        assertThat(b.text("bands")).contains("高危");
        b.screenshot("risk");

        // a date far in the future, so that no deadline of another test moves
        String day = "2098-07-" + (10 + (int) (System.currentTimeMillis() % 18));
        String name = "测试假日" + RUN;
        b.open("app/admin/calendar.xhtml");
        b.type("calendarForm:date_input", day);
        b.type("calendarForm:name", name);
        b.click("calendarForm:saveDay");
        assertThat(b.text("calendarForm:kindMessage")).as("the kind is missing").contains("请选择类型");
        assertThat(b.value("calendarForm:name")).isEqualTo(name);
        b.choose("calendarForm:kind", "法定节假日");
        b.click("calendarForm:saveDay");
        assertThat(b.text("messages")).contains("已保存", day);
        assertThat(b.text("calendarForm:days")).contains(day, name, "法定节假日");
        b.fullScreenshot("calendar");

        WebElement remove = b.driver().findElement(By.xpath("//tr[td[contains(., '" + name + "')]]//button[contains(@id, ':remove')]"));
        remove.click();
        WebElement yes = new WebDriverWait(b.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")));
        b.waitForAjax();
        yes.click();
        b.waitForAjax();
        assertThat(b.text("messages")).contains("已删除", day);
        assertThat(b.text("calendarForm:days")).doesNotContain(name);
    }

    @Test
    @Order(2)
    void theAdministratorCreatesAUserAndARefusedInputIsShownNextToItsFieldKeepingWhatWasTyped() {
        String username = "ap" + RUN;
        AdminBrowser b = browser();
        b.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        b.open("app/admin/users.xhtml");

        b.type("usersForm:username", username);
        b.type("usersForm:displayName", "测试调解员 " + RUN);
        b.tick("usersForm:roles", "调解员");
        b.type("usersForm:password", "a-good-long-passphrase-2026");
        b.click("usersForm:createButton");
        assertThat(b.text("usersForm:stationMessage")).as("no station chosen").contains("必填");
        assertThat(b.value("usersForm:username")).isEqualTo(username);
        assertThat(b.value("usersForm:displayName")).isEqualTo("测试调解员 " + RUN);
        assertThat(b.find("usersForm:roles:1").isSelected()).as("the mediator role stays ticked").isTrue();
        b.fullScreenshot("users-no-station");

        b.choose("usersForm:station", STATION + " ");
        b.type("usersForm:password", "too-short");
        b.click("usersForm:createButton");
        assertThat(b.text("usersForm:passwordMessage")).contains("至少需要 12 个字符");
        assertThat(b.exists("usersForm:stationMessage") ? b.text("usersForm:stationMessage") : "").isEmpty();
        assertThat(b.value("usersForm:username")).isEqualTo(username);
        assertThat(b.text("usersForm:station_label")).contains(STATION);
        assertThat(b.find("usersForm:roles:1").isSelected()).isTrue();
        b.fullScreenshot("users-short-password");

        b.type("usersForm:password", "a-good-long-passphrase-2026");
        b.click("usersForm:createButton");
        assertThat(b.text("messages")).contains("已创建用户 " + username);
        assertThat(b.value("usersForm:username")).as("the form is empty again").isEmpty();
        b.type("usersForm:filter", username);
        b.click("usersForm:filterButton");
        String row = b.text("usersForm:users");
        assertThat(row).contains(username, "测试调解员 " + RUN, STATION, "调解员", "启用");
        b.fullScreenshot("users-created");

        b.driver().findElement(By.xpath("//tr[.//span[@class='wq-username' and text()='" + username + "']]//button[contains(@id, ':reset')]")).click();
        b.waitForAjax();
        b.type("usersForm:newPassword", "short");
        b.click("usersForm:saveReset");
        assertThat(b.text("usersForm:newPasswordMessage")).contains("至少需要 12 个字符");
        b.type("usersForm:newPassword", "another-long-passphrase-2026");
        b.click("usersForm:saveReset");
        assertThat(b.text("messages")).as("the person's name, not her login").contains("已重置 测试调解员 " + RUN)
                .doesNotContain(username);

        b.driver().findElement(By.xpath("//tr[.//span[@class='wq-username' and text()='" + username + "']]//button[contains(@id, ':disable')]")).click();
        b.waitForAjax();
        assertThat(b.text("usersForm:users")).contains("已停用");
        assertThat(b.text("messages")).contains("已停用 测试调解员 " + RUN).doesNotContain(username);
        assertThat(new Api(base).post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", "another-long-passphrase-2026").build().toString()).status())
                .as("a disabled user cannot log in").isEqualTo(401);
        b.driver().findElement(By.xpath("//tr[.//span[@class='wq-username' and text()='" + username + "']]//button[contains(@id, ':enable')]")).click();
        b.waitForAjax();
        assertThat(b.text("usersForm:users")).contains("启用").doesNotContain("已停用");
    }

    @Test
    @Order(3)
    void aSupervisorDrawsAnAuditSampleReviewsACaseAndTheAccessLogShowsWhatTheyDid() {
        String closed = closedCase();
        // the station's supervisor audits; the county's administrator (never also a supervisor) reads the access log
        String chief = "ap-chief-" + RUN;
        TestUsers.user(base, chief, STATION, "SUPERVISOR");
        AdminBrowser b = browser();
        b.login(chief, TestUsers.PASSWORD);
        b.open("app/audits.xhtml");
        assertThat(b.exists("navAudits")).isTrue();
        assertThat(b.text("auditsForm:station_label")).contains(STATION);

        b.type("auditsForm:from_input", "2001-01-01");
        b.type("auditsForm:to_input", "2001-01-31");
        b.type("auditsForm:size", "5");
        b.click("auditsForm:drawButton");
        assertThat(b.text("auditsForm:emptySample")).contains("样本为空");
        assertThat(b.text("messages")).contains("样本为空");
        b.fullScreenshot("audit-empty");

        b.type("auditsForm:from_input", TODAY.toString());
        b.type("auditsForm:to_input", TODAY.toString());
        b.type("auditsForm:size", "100");
        b.click("auditsForm:drawButton");
        assertThat(b.text("auditsForm:cases")).contains(closed);
        assertThat(b.text("auditSeed")).matches("-?\\d+");
        String auditId = b.text("auditTitle").replaceAll("\\D", "");
        assertThat(b.driver().findElement(By.linkText(closed)).getDomAttribute("href")).endsWith("/app/case.xhtml?number=" + closed);
        b.fullScreenshot("audit-drawn");

        b.driver().findElement(By.xpath("//tr[.//a[normalize-space(.)='" + closed + "']]//button[contains(@id, ':review')]")).click();
        b.waitForAjax();
        assertThat(b.text("reviewTitle")).contains(closed);
        b.click("auditsForm:saveReview");
        assertThat(b.text("auditsForm:evidenceMessage")).contains("请选择“是”或“否”");
        assertThat(b.text("auditsForm:satisfiedMessage")).contains("请选择“是”或“否”");
        b.tick("auditsForm:evidence", "否");
        b.tick("auditsForm:consistent", "是");
        b.tick("auditsForm:followUp", "是");
        b.tick("auditsForm:satisfied", "是");
        b.click("auditsForm:saveReview");
        assertThat(b.text("auditsForm:commentMessage")).contains("必须填写评查意见");
        assertThat(b.find("auditsForm:evidence:1").isSelected()).as("the answers stay").isTrue();
        b.fullScreenshot("audit-review-refused");

        b.type("auditsForm:comment", "缺少书面答复记录（测试）");
        b.find("auditsForm:reopen").findElement(By.cssSelector(".ui-chkbox-box")).click();
        b.click("auditsForm:saveReview");
        assertThat(b.text("messages")).contains("案件 " + closed + " 评查不合格，已重新进入办理");
        assertThat(b.driver().findElement(By.xpath("//tr[.//a[normalize-space(.)='" + closed + "']]")).getText())
                .contains("不合格", "缺少书面答复记录", chief);
        b.fullScreenshot("audit-reviewed");
        assertThat(supervisor().get("api/cases/" + closed).json().getString("status")).as("reopened").isEqualTo("OPEN");

        b.open("app/audits.xhtml?id=" + auditId);
        assertThat(b.text("auditTitle")).contains(auditId);
        assertThat(b.text("auditProgress")).contains("已评查 1 件");

        b.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        b.open("app/admin/access-log.xhtml");
        b.type("accessLogForm:username", chief);
        b.click("accessLogForm:search");
        String entries = b.text("accessLogForm:entries");
        assertThat(entries).contains(chief, closed, "修改", "结案质量评查", STATION);
        assertThat(b.driver().findElements(By.cssSelector("[id='accessLogForm:entries'] .wq-log-user")))
                .as("each entry names the person as people know her, not by her login").isNotEmpty()
                .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("测试 " + chief));
        b.type("accessLogForm:username", "");
        b.type("accessLogForm:caseNumber", closed);
        b.type("accessLogForm:from_input", TODAY.toString());
        b.type("accessLogForm:to_input", TODAY.toString());
        b.click("accessLogForm:search");
        assertThat(b.text("accessLogForm:entries")).contains(chief, "ap-mediator", "ap-supervisor");
        b.fullScreenshot("access-log");
    }

    @Test
    @Order(4)
    void aUserWithoutTheRoleGetsARefusalAndNoAdministrationData() throws Exception {
        intake();
        AdminBrowser b = browser();
        b.login("ap-intake", TestUsers.PASSWORD);

        b.open("app/admin/users.xhtml");
        assertThat(b.exists("navAdmin")).isFalse();
        assertThat(b.exists("navAudits")).isFalse();
        assertThat(b.text("messages")).contains("此页面仅限系统管理员使用");
        assertThat(b.exists("usersForm")).isFalse();
        assertThat(b.driver().getPageSource()).doesNotContain(TestUsers.ADMIN).doesNotContain("ap-supervisor");
        b.screenshot("forbidden");

        for (String page : new String[] {"index", "stations", "agencies", "calendar", "risk", "access-log"}) {
            b.open("app/admin/" + page + ".xhtml");
            assertThat(b.text("messages")).as(page).contains("此页面仅限系统管理员使用");
            assertThat(b.find("main").findElements(By.cssSelector("table, form"))).as(page).isEmpty();
        }
        b.open("app/audits.xhtml");
        assertThat(b.text("messages")).contains("此页面仅限主任");
        assertThat(b.exists("auditsForm")).isFalse();

        // the answer itself says forbidden
        String session = b.driver().manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "app/admin/users.xhtml"))
                .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(users.body()).doesNotContain(TestUsers.ADMIN);
    }

    // ---- issue 18: the county administrator keeps the network in the pages

    private void rowButton(AdminBrowser b, String table, String rowText, String button) {
        WebElement element = b.driver().findElement(By.xpath("//table[ancestor::*[@id='" + table + "']]//tr[td[contains(., '"
                + rowText + "')]]//button[contains(@id, ':" + button + "')]"));
        element.click();
        b.waitForAjax();
    }

    private void confirm(AdminBrowser b) {
        WebElement yes = new WebDriverWait(b.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes")));
        b.waitForAjax();
        yes.click();
        b.waitForAjax();
    }

    @Test
    @Order(5)
    void theCountyAdministratorCreatesRenamesAndClosesAStationAndReadsItsHistoryInChinese() {
        AdminBrowser b = browser();
        b.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        b.open("app/admin/stations.xhtml");
        String code = "H18-P" + RUN.toUpperCase();
        String name = "页面测试村服务室" + RUN;
        b.type("stationsForm:code", code);
        b.type("stationsForm:phone", "电话号码");
        b.choose("stationsForm:level", "村妇女儿童维权服务室");
        b.choose("stationsForm:parentCode", "QX-01 ");
        b.click("stationsForm:saveStation");
        assertThat(b.text("stationsForm:nameMessage")).as("the name is missing").contains("必填");
        assertThat(b.text("stationsForm:phoneMessage")).contains("电话只能包含数字");
        assertThat(b.value("stationsForm:code")).isEqualTo(code);
        b.type("stationsForm:name", name);
        b.type("stationsForm:phone", "0791-8888 6666");
        b.type("stationsForm:openingHours", "周一至周五 9:00-17:00");
        b.click("stationsForm:saveStation");
        assertThat(b.text("messages")).contains("已新建站点", name);
        assertThat(b.text("stationsForm:stations")).contains(name, code);

        rowButton(b, "stationsForm:stations", code, "edit");
        assertThat(b.value("stationsForm:name")).isEqualTo(name);
        b.type("stationsForm:name", name + "（新址）");
        b.click("stationsForm:saveStation");
        assertThat(b.text("messages")).contains("已保存站点", name + "（新址）");

        rowButton(b, "stationsForm:stations", code, "move");
        b.choose("stationsForm:moveTo", "QX-02 ");
        b.click("stationsForm:saveMove");
        assertThat(b.text("messages")).contains("及其下级站点移到", "河西镇妇女维权服务中心");

        rowButton(b, "stationsForm:stations", code, "history");
        String history = b.text("stationsForm:changes");
        assertThat(history).contains("新建", "修改", "移动", "名称：" + name, "名称：" + name + "（新址）",
                "层级：村妇女儿童维权服务室", "上级站点：QX-01", "上级站点：QX-02").doesNotContain(TestUsers.ADMIN)
                .doesNotContain("VILLAGE");

        rowButton(b, "stationsForm:stations", code, "close");
        confirm(b);
        assertThat(b.text("messages")).contains("已撤销站点");
        assertThat(b.driver().findElement(By.xpath("//tr[td[contains(., '" + code + "')]]")).getText()).contains("已撤销");
        b.fullScreenshot("stations-edited");

        b.open("app/admin/agencies.xhtml");
        String agency = "H18-A" + RUN.toUpperCase();
        b.type("agenciesForm:code", agency);
        b.type("agenciesForm:name", "页面测试法律援助工作站" + RUN);
        b.choose("agenciesForm:kind", "法律援助中心");
        b.click("agenciesForm:saveAgency");
        assertThat(b.text("messages")).contains("已新建合作机构");
        assertThat(b.driver().findElement(By.xpath("//tr[td[contains(., '" + agency + "')]]")).getText())
                .contains("法律援助中心", "7 天", "可转介");
        rowButton(b, "agenciesForm:agencies", agency, "deactivate");
        assertThat(b.text("messages")).contains("已停用");
        assertThat(b.driver().findElement(By.xpath("//tr[td[contains(., '" + agency + "')]]")).getText()).contains("已停用");
        b.screenshot("agencies-edited");

        b.open("app/admin/risk.xhtml");
        b.click("riskForm:newDraft");
        assertThat(b.value("riskForm:draftQuestions:0:qid")).isEqualTo("Q1");
        b.type("riskForm:draftId", "h18-page-" + RUN);
        b.type("riskForm:draftName", "页面测试量表" + RUN);
        b.click("riskForm:saveDraft");
        assertThat(b.text("messages")).contains("已保存草稿");
        assertThat(b.text("riskForm:versions")).contains("页面测试量表" + RUN, "草稿");
        b.fullScreenshot("risk-draft");
    }

    // ---- a closed case of the station, made through the REST API as the other integration tests do

    private Api intake() {
        return TestUsers.user(base, "ap-intake", STATION, "INTAKE");
    }

    private Api mediator() {
        return TestUsers.user(base, "ap-mediator", STATION, "MEDIATOR");
    }

    private Api supervisor() {
        return TestUsers.user(base, "ap-supervisor", STATION, "SUPERVISOR");
    }

    private String closedCase() {
        mediator();
        Api.Reply reg = intake().post("api/contacts", TestData.contact(STATION, "VISIT", "OTHER")
                .add("parties", Json.createArrayBuilder().add(TestData.party("COMPLAINANT", TestData.name())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        String number = supervisor().post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                "{\"decision\":\"ACCEPTED\"}").json().getString("caseNumber");
        complete(supervisor(), task(number, "Task_AssignMediator"), "{\"mediator\":\"ap-mediator\"}");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        complete(supervisor(), task(number, "Task_ApproveClosure"), "{\"approved\":true}");
        assertThat(supervisor().get("api/cases/" + number).json().getString("status")).isEqualTo("CLOSED");
        return number;
    }

    private String task(String number, String key) {
        return supervisor().get("api/cases/" + number).json().getJsonArray("openTasks").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("key").equals(key)).map(t -> t.getString("id")).findFirst().orElseThrow();
    }

    private static void complete(Api who, String task, String form) {
        Api.Reply r = who.post("api/tasks/" + task + "/completion", form);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }
}
