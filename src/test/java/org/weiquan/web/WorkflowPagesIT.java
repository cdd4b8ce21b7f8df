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
import java.time.Year;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * A case's whole life through the web pages, in a real headless Chromium against the application in
 * Payara Micro: intake registers a walk-in visit with two parties (and is warned of an earlier contact
 * with the same phone), the supervisor accepts it and assigns the mediator, the mediator holds two
 * mediation sessions ending in a written agreement and asks for closure, the supervisor approves it,
 * and the dashboard's closed count, closure rate and drill-down follow. Also: another station's user
 * cannot open the case by URL, a refused form keeps what was typed, and English can be chosen.
 *
 * <p>Then (orders from 101; was AdminPagesIT, one Payara start and one browser start fewer):
 * the administration pages and the closure-audit page in a real headless Chromium: what the administrator
 * and the supervisor do there, how a refused input is shown, and that other users get no admin data.
 * The database outlives the run, so every user and date made here is new.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class WorkflowPagesIT {

    static final String STATION = "QX-0205";
    static final String OTHER_STATION = "QX-0206";
    static final String INTAKE = "w-intake";
    static final String MEDIATOR = "w-mediator";
    static final String SUPERVISOR = "w-supervisor";
    static final String OTHER = "w-other";

    /** The administration pages' village room, which no other integration test uses. */
    private static final String ADMIN_STATION = "QX-0113";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    static Browser browser;
    static AdminBrowser adminBrowser;
    static String phone;
    static String complainant;
    static String caseNumber;
    static long contactId;
    static long closedBefore;
    static String flowBefore;

    @BeforeAll
    static void startBrowser() {
        phone = TestData.mobile();
        complainant = TestData.name();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (adminBrowser != null) {
            adminBrowser.close();
        }
    }

    private Browser browser() {
        if (browser == null) {
            browser = new Browser(base);
        }
        return browser;
    }

    private AdminBrowser adminBrowser() {
        if (adminBrowser == null) {
            adminBrowser = new AdminBrowser();
        }
        return adminBrowser.at(base);
    }

    private void users() {
        TestUsers.user(base, INTAKE, STATION, "INTAKE");
        TestUsers.user(base, MEDIATOR, STATION, "MEDIATOR");
        TestUsers.user(base, SUPERVISOR, STATION, "SUPERVISOR");
        TestUsers.user(base, OTHER, OTHER_STATION, "INTAKE", "MEDIATOR", "SUPERVISOR");
    }

    private static String year() {
        return String.valueOf(Year.now(ZoneId.of("Asia/Shanghai")).getValue());
    }

    @Test
    @Order(1)
    void theSupervisorsDashboardShowsTheStationsCountsBeforeTheCase() {
        users();
        Browser b = browser();
        b.login(SUPERVISOR, TestUsers.PASSWORD);
        b.clickAndLoad(By.id("navDashboard"));
        b.waitFor(By.id("totals"));
        assertThat(b.text(By.id("currentUser"))).contains("竹园村妇女儿童维权服务室");
        assertThat(b.text(By.id("reportScope"))).contains(STATION).contains(year());
        closedBefore = Long.parseLong(b.text(By.id("totalClosed")).strip());
        flowBefore = b.text(By.id("totalFlowFraction")).strip();
        assertThat(flowBefore).matches("\\d+/\\d+");
        b.screenshot("workflow-01-dashboard-before");
    }

    @Test
    @Order(2)
    void intakeRegistersAWalkInVisitWithTwoPartiesAndIsWarnedOfAnEarlierContact() {
        users();
        // an earlier contact of the same person, registered through the API
        Api earlier = TestUsers.user(base, INTAKE, STATION, "INTAKE");
        Api.Reply first = earlier.post("api/contacts", contact(STATION, "PHONE", "MARRIAGE_DISPUTE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), phone)))
                .add("confirmedNew", true).build().toString());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long earlierId = first.json().getJsonNumber("id").longValue();

        Browser b = browser();
        b.login(INTAKE, TestUsers.PASSWORD);
        b.clickAndLoad(By.id("homeForm:registerButton"));
        b.select(By.id("contactForm:channel"), "VISIT");
        b.select(By.id("contactForm:petitionType"), "CLAIM");
        b.select(By.id("contactForm:primaryCategory"), "MARRIAGE_DISPUTE");
        b.type(By.id("contactForm:summary"), "夫妻因家务分工长期争吵，请求调解。");
        b.typeAndLeave(By.id("contactForm:parties:0:name"), complainant);
        b.select(By.id("contactForm:parties:0:gender"), "FEMALE");
        b.typeAndLeave(By.id("contactForm:parties:0:phone"), phone);
        b.waitFor(By.id("duplicateWarning"));
        assertThat(b.text(By.id("contactForm:candidates"))).contains(String.valueOf(earlierId));
        b.typeAndLeave(By.id("contactForm:parties:1:name"), TestData.name());
        b.select(By.id("contactForm:parties:1:gender"), "MALE");
        b.screenshot("workflow-02-duplicate-warning");

        b.click(By.id("contactForm:confirmNew"));
        b.waitFor(By.id("duplicateChoice"));
        b.clickAndLoad(By.id("contactForm:register"));
        String notice = b.text(By.id("registeredNotice"));
        assertThat(notice).matches(".*\\d+.*");
        b.screenshot("workflow-03-registered");

        // the contact is waiting for its review, with both parties
        contactId = Long.parseLong(notice.replaceAll("\\D", ""));
        JsonObject saved = TestUsers.user(base, SUPERVISOR, STATION, "SUPERVISOR").get("api/contacts/" + contactId).json();
        assertThat(saved.getString("status")).isEqualTo("AWAITING_REVIEW");
        assertThat(saved.getJsonArray("parties")).hasSize(2);
        assertThat(saved.getString("channel")).isEqualTo("VISIT");
    }

    @Test
    @Order(3)
    void theSupervisorAcceptsTheContactAndAssignsTheMediator() {
        Browser b = browser();
        b.login(SUPERVISOR, TestUsers.PASSWORD);
        WebElement row = approvalRowOfContact(b, contactId);
        seen(b, "the supervisor's home page");
        String masked = org.weiquan.intake.PersonName.mask(complainant);
        assertThat(row.getText()).as("the approvals list says where, who and what")
                .contains("竹园村妇女儿童维权服务室").contains(masked).contains("婚姻纠纷");
        row.findElement(By.cssSelector(".wq-claim")).click();
        b.waitFor(By.id("taskForm:decision"));
        // the facts of the decision are on the form: summary, parties (masked), category, channel, station
        assertThat(b.text(By.id("fact-field-summary"))).isEqualTo("夫妻因家务分工长期争吵，请求调解。");
        assertThat(b.text(By.id("fact-field-parties"))).contains("投诉人 " + masked).contains("被投诉人");
        assertThat(b.text(By.id("fact-cases-category"))).isEqualTo("婚姻纠纷");
        assertThat(b.text(By.id("fact-cases-channel"))).isNotBlank().doesNotContain("VISIT");
        assertThat(b.text(By.id("fact-cases-station"))).isEqualTo("竹园村妇女儿童维权服务室");
        assertThat(b.text(By.id("taskForm:taskHeader"))).doesNotContain(complainant);
        // a transfer goes to a station chosen by its name
        java.util.List<String> stations = b.all(By.cssSelector("[id='taskForm:toStationCode'] option")).stream()
                .map(o -> o.getAttribute("textContent").strip()).toList();
        assertThat(stations).contains("竹园村妇女儿童维权服务室").noneMatch(o -> o.matches(".*QX-\\d+.*"));
        seen(b, "the acceptance review form");
        b.select(By.id("taskForm:decision"), "ACCEPTED");
        b.screenshot("workflow-04-review");
        b.clickAndLoad(By.id("taskForm:complete"));
        // she lands on the new case, told its number and what comes next
        assertThat(b.text(By.id("pageTitle"))).startsWith("案件 QX-");
        assertThat(b.text(By.id("messages"))).matches("(?s).*案件 QX-\\S+：受理审查已完成，下一步：.*指派调解员.*");
        seen(b, "the new case");

        caseNumber = TestUsers.user(base, SUPERVISOR, STATION, "SUPERVISOR")
                .get("api/cases?stationCode=" + STATION + "&name=" + java.net.URLEncoder.encode(complainant, java.nio.charset.StandardCharsets.UTF_8))
                .json().getJsonArray("items").getJsonObject(0).getString("number");

        openTask(b, "Task_AssignMediator");
        b.clickAndLoad(By.id("taskForm:claim"));
        seen(b, "the assignment form");
        b.select(By.id("taskForm:mediator"), MEDIATOR);
        b.clickAndLoad(By.id("taskForm:complete"));
        seen(b, "the case after the assignment");
        assertThat(b.text(By.id("caseMediator"))).as("her name, not her user name").isEqualTo("测试 " + MEDIATOR);
        b.screenshot("workflow-05-case-assigned");
    }

    @Test
    @Order(4)
    void theMediatorHoldsTwoSessionsReachesAWrittenAgreementAndRequestsClosure() {
        Browser b = browser();
        b.login(MEDIATOR, TestUsers.PASSWORD);
        openMine(b, "Task_HandleCase");
        b.select(By.id("taskForm:step"), "MEDIATE");
        b.clickAndLoad(By.id("taskForm:complete"));
        // her next step is hers alone: its form opens at once, the message naming the case
        assertThat(b.text(By.id("messages"))).contains("案件 " + caseNumber + "：案件办理已完成，下一步：调解会谈");
        assertThat(b.text(By.id("pageTitle"))).contains("调解会谈");
        assertThat(b.all(By.id("taskForm:heldAt"))).isNotEmpty();

        openMine(b, "Task_HoldMediationSession");
        b.type(By.id("taskForm:attendees"), "双方当事人、调解员");
        b.type(By.id("taskForm:notes"), "双方陈述各自意见，约定下周再谈。");
        b.select(By.id("taskForm:outcome"), "CONTINUE");
        b.clickAndLoad(By.id("taskForm:complete"));

        openMine(b, "Task_HoldMediationSession");
        b.type(By.id("taskForm:attendees"), "双方当事人、调解员、村妇联主席");
        b.select(By.id("taskForm:outcome"), "WRITTEN_AGREEMENT");
        b.type(By.id("taskForm:agreementTerms"), "双方共同分担家务，每月共同商议家庭开支。");
        seen(b, "the mediation session form");
        b.screenshot("workflow-06-mediation-session");
        b.clickAndLoad(By.id("taskForm:complete"));

        openMine(b, "Task_HandleCase");
        b.select(By.id("taskForm:step"), "REQUEST_CLOSURE");
        b.select(By.id("taskForm:closureReason"), "MEDIATED_WRITTEN");
        b.type(By.id("taskForm:closureNote"), "协议已签署，双方各执一份。");
        b.clickAndLoad(By.id("taskForm:complete"));

        assertThat(b.text(By.id("caseStage"))).isEqualTo("结案审批");
        seen(b, "the case asking for closure");
        b.click(By.xpath("//a[contains(., '调解记录')]"));
        seen(b, "the mediation record");
        assertThat(b.all(By.cssSelector("[id$='mediationSessions_data'] tr"))).hasSize(2);
        String sessions = b.text(By.cssSelector("[id$='mediationSessions_data']"));
        assertThat(sessions).contains("达成书面协议").contains("继续调解");
        assertThat(sessions).as("the record shows dates in Chinese form, and no time nobody entered")
                .containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
                .doesNotContain("报告时间").doesNotContain("裁定时间").doesNotContain("答复日期").doesNotContain("申请时间");
    }

    @Test
    @Order(5)
    void theSupervisorApprovesTheClosureAndTheDashboardCountsIt() {
        Browser b = browser();
        b.login(SUPERVISOR, TestUsers.PASSWORD);
        WebElement row = approvalRowOfCase(b, caseNumber);
        assertThat(row.getText()).contains("竹园村妇女儿童维权服务室")
                .contains(org.weiquan.intake.PersonName.mask(complainant)).contains("婚姻纠纷");
        row.findElement(By.cssSelector(".wq-claim")).click();
        b.waitFor(By.id("taskForm:comment"));
        // the closure's reason and the agreement reached are on the form that approves it
        assertThat(b.text(By.id("fact-field-closureReason"))).isEqualTo("调解成功（书面协议）");
        assertThat(b.text(By.id("fact-field-closureNote"))).isEqualTo("协议已签署，双方各执一份。");
        assertThat(b.text(By.id("fact-field-agreementTerms"))).isEqualTo("双方共同分担家务，每月共同商议家庭开支。");
        seen(b, "the closure approval form");
        b.screenshot("workflow-06b-closure-approval");
        b.click(By.cssSelector("label[for='taskForm:approved:0']"));
        b.clickAndLoad(By.id("taskForm:complete"));
        assertThat(b.text(By.id("pageTitle"))).isEqualTo("案件 " + caseNumber);
        assertThat(b.text(By.id("messages"))).contains("案件 " + caseNumber + "：结案审批已完成");
        assertThat(b.text(By.id("caseStatus"))).isEqualTo("已结案");
        assertThat(b.text(By.id("caseClosed"))).contains("调解成功（书面协议）");
        seen(b, "the closed case");
        b.click(By.xpath("//a[contains(., '办理记录')]"));
        seen(b, "the closed case's timeline");
        assertThat(b.text(By.cssSelector("[id$='timeline_data']"))).as("people and stations by their names")
                .contains("测试 " + SUPERVISOR + "（竹园村妇女儿童维权服务室）").doesNotContain("（" + STATION + "）");
        b.fullPageScreenshot("case-file");

        b.clickAndLoad(By.id("navDashboard"));
        b.waitFor(By.id("totals"));
        assertThat(Long.parseLong(b.text(By.id("totalClosed")).strip())).isEqualTo(closedBefore + 1);
        String[] before = flowBefore.split("/");
        String[] after = b.text(By.id("totalFlowFraction")).strip().split("/");
        assertThat(Long.parseLong(after[0])).isEqualTo(Long.parseLong(before[0]) + 1);
        assertThat(Long.parseLong(after[1])).isEqualTo(Long.parseLong(before[1]) + 1);
        seen(b, "the dashboard");
        b.fullPageScreenshot("dashboard");

        b.click(By.cssSelector("#totalClosed a"));
        b.waitFor(By.id("drillCases"));
        assertThat(b.text(By.id("drillCases"))).contains(caseNumber);
        b.screenshot("workflow-07-drill-down");
    }

    @Test
    @Order(6)
    void aUserOfAnotherStationCannotOpenTheCaseByItsUrl() {
        Browser b = browser();
        b.login(OTHER, TestUsers.PASSWORD);
        b.open("app/case.xhtml?number=" + caseNumber);
        assertThat(b.text(By.id("messages"))).contains("不存在或不在您的权限范围内");
        assertThat(b.source()).doesNotContain(complainant).doesNotContain(phone);
        assertThat(b.all(By.id("caseHeader"))).isEmpty();
        b.screenshot("workflow-08-other-station");
    }

    @Test
    @Order(7)
    void aRefusedFormKeepsWhatWasTypedAndNamesTheField() {
        Browser b = browser();
        b.login(INTAKE, TestUsers.PASSWORD);
        b.open("app/contact.xhtml");
        String name = TestData.name();
        b.type(By.id("contactForm:summary"), "未选择来访方式的登记");
        b.type(By.id("contactForm:parties:0:name"), name);
        b.clickAndLoad(By.id("contactForm:register"));
        assertThat(b.text(By.id("contactForm:channelMessage"))).isNotBlank();
        assertThat(b.waitFor(By.id("contactForm:parties:0:name")).getAttribute("value")).isEqualTo(name);
        assertThat(b.waitFor(By.id("contactForm:summary")).getAttribute("value")).isEqualTo("未选择来访方式的登记");
        b.screenshot("workflow-09-validation");
    }

    @Test
    @Order(8)
    void switchingToEnglishChangesTheLabelsAndIsRemembered() {
        Browser b = browser();
        b.login(INTAKE, TestUsers.PASSWORD);
        assertThat(b.text(By.id("navHome"))).isEqualTo("首页");
        b.open("app/case.xhtml?number=" + caseNumber);
        b.clickAndLoad(By.id("languageForm:toEnglish"));
        assertThat(b.text(By.id("pageTitle"))).as("the same page, in English").isEqualTo("Case " + caseNumber);
        assertThat(b.text(By.id("navHome"))).isEqualTo("Home");
        assertThat(b.text(By.id("navRegister"))).isEqualTo("Register a contact");
        b.screenshot("workflow-10-english");
        b.login(INTAKE, TestUsers.PASSWORD);
        assertThat(b.text(By.id("navHome"))).as("the choice is kept with the user").isEqualTo("Home");
        b.clickAndLoad(By.id("languageForm:toChinese"));
        assertThat(b.text(By.id("navHome"))).isEqualTo("首页");
    }

    @Test
    @Order(10)
    void theKeyboardAloneLogsInAndMovesThroughThePageWithAVisibleFocus() {
        Browser b = browser();
        b.driver().manage().deleteAllCookies();
        b.open("login.xhtml");
        var active = (java.util.function.Supplier<WebElement>) () -> b.driver().switchTo().activeElement();
        assertThat(active.get().getAttribute("id")).as("the user name has the focus").isEqualTo("username");
        active.get().sendKeys(INTAKE);
        active.get().sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(active.get().getAttribute("id")).isEqualTo("password");
        active.get().sendKeys(TestUsers.PASSWORD, org.openqa.selenium.Keys.ENTER);
        b.waitFor(By.id("welcome"));
        active.get().sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement first = active.get();
        assertThat(first.getText()).as("the first stop is the skip link").isEqualTo("跳到正文");
        String outline = (String) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                "return getComputedStyle(arguments[0]).outlineStyle;", first);
        assertThat(outline).as("focus is visible").isNotEqualTo("none");
    }

    @Test
    @Order(9)
    void thePagesFitAPhone() {
        Browser b = browser();
        b.login(SUPERVISOR, TestUsers.PASSWORD);
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            for (String page : new String[] {"app/index.xhtml", "app/dashboard.xhtml", "app/case.xhtml?number=" + caseNumber}) {
                b.open(page);
                long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(overflow).as("horizontal overflow of " + page + " at phone width").isLessThanOrEqualTo(1);
            }
            b.open("app/index.xhtml");
            b.screenshot("workflow-11-phone");
        } finally {
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        }
    }

    /** The visible text of each page of the case's life, scanned at the end for code names and English. */
    static final java.util.Map<String, String> SEEN = new java.util.LinkedHashMap<>();

    private static void seen(Browser b, String page) {
        SEEN.put(page, (String) ((org.openqa.selenium.JavascriptExecutor) b.driver())
                .executeScript("return document.body.innerText;"));
    }

    @Test
    @Order(11)
    void noPageOfTheCasesLifeShowsACodeNameAnIsoDateOrEnglish() {
        assertThat(SEEN).as("the pages walked").hasSizeGreaterThanOrEqualTo(10);
        java.util.List<String> failures = new java.util.ArrayList<>();
        SEEN.forEach((page, text) -> {
            try {
                // file formats (PDF, CSV, XLSX) are the names people know them by, not code names
                org.weiquan.it.ChineseTexts.assertReadable(text.replaceAll("\\b(PDF|CSV|XLSX)\\b", "文件"));
            } catch (AssertionError e) {
                failures.add(page + ": " + e.getMessage());
            }
        });
        assertThat(failures).as("pages with code names, ISO dates or English words").isEmpty();
    }

    @Test
    @Order(12)
    void theEvidenceRecordOfTheCaseShowsNoCodeNameNorUserName() throws Exception {
        org.weiquan.it.Api.Download pdf = TestUsers.user(base, SUPERVISOR, STATION, "SUPERVISOR")
                .download("api/cases/" + caseNumber + "/evidence.pdf");
        assertThat(pdf.status()).isEqualTo(200);
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        assertThat(text).contains(caseNumber).contains("调解成功（书面协议）");
        assertThat(text.replaceAll("测试 [a-z0-9-]+", "测试人员")).as("the record meant for a court")
                .doesNotContain("Task_").doesNotContainPattern("\\b[A-Z]+_[A-Z_]+\\b")
                .doesNotContainPattern("\\b(VISIT|PHONE|LETTER|CLAIM|CLOSED|OPEN|ACCEPTED|CONTINUE)\\b")
                .doesNotContain("[CONTACT").doesNotContain(INTAKE).doesNotContain(MEDIATOR).doesNotContain(SUPERVISOR);
    }

    // ------------------------------------------------------------------ the inbox as a case worker reads it

    static final String INBOX_STATION = "QX-0210";
    static final String INBOX_STATION_NAME = "望江村妇女儿童维权服务室";

    /**
     * Issue 14 pt 7: the supervisor's lists show the task, case, masked complainant, category, station, a risk
     * badge, the due date and days left, twenty rows a page with a next page, HIGH risk first; her scope is called
     * by its name; at phone width the next action comes first and the home page stays short.
     */
    @Test
    @Order(20)
    void theInboxShowsWhoWhatWhereRiskAndDaysLeftTwentyRowsAPage() {
        Api intake = TestUsers.user(base, "inbox-w-intake", INBOX_STATION, "INTAKE");
        Api mediator = TestUsers.user(base, "inbox-w-mediator", INBOX_STATION, "MEDIATOR");
        Api supervisor = TestUsers.user(base, "inbox-w-supervisor", INBOX_STATION, "SUPERVISOR");
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        String dv = null;
        for (int i = 0; i < 22; i++) {
            String name = TestData.name();
            Api.Reply reg = intake.post("api/contacts", contact(INBOX_STATION, "VISIT", i == 0 ? "DOMESTIC_VIOLENCE" : "INHERITANCE")
                    .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", name, TestData.mobile())))
                    .add("confirmedNew", true).build().toString());
            assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
            Api.Reply accepted = supervisor.post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                    "{\"decision\":\"ACCEPTED\"}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            names.put(accepted.json().getString("caseNumber"), name);
            if (i == 0) {
                dv = accepted.json().getString("caseNumber");
            }
        }
        // the domestic-violence case is assessed HIGH risk
        String number = dv;
        String assess = mediator.get("api/cases/" + dv).json().getJsonArray("openTasks").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("key").equals("Task_AssessRisk")).findFirst()
                .orElseThrow(() -> new AssertionError("no risk assessment for " + number)).getString("id");
        Api.Reply assessed = mediator.post("api/tasks/" + assess + "/completion", "{\"answers\":{\"Q1\":true,\"Q2\":false,"
                + "\"Q3\":false,\"Q4\":true,\"Q5\":false,\"Q6\":false,\"Q7\":false,\"Q8\":false,\"Q9\":false,"
                + "\"Q10\":false,\"Q11\":false}}");
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(204);

        Browser b = browser();
        b.login("inbox-w-supervisor", TestUsers.PASSWORD);
        b.open("app/tasks.xhtml");
        b.waitFor(By.id("tasksForm:unclaimed"));
        assertThat(b.text(By.id("unclaimedHeading"))).as("her scope by its name")
                .contains(INBOX_STATION_NAME).doesNotContain("本站");
        java.util.List<WebElement> rows = b.all(By.cssSelector("[id='tasksForm:unclaimed_data'] > tr"));
        assertThat(rows).as("twenty rows a page").hasSize(20);
        assertThat(rows.get(0).getText()).as("HIGH risk first").contains("高危");
        assertThat(rows.stream().filter(r -> r.getText().contains(number)).findFirst()
                .orElseThrow(() -> new AssertionError("the HIGH risk case is not on the first page")).getText())
                .contains("高危").contains("指派调解员");
        String other = names.keySet().stream().skip(1).filter(n -> rows.stream().anyMatch(r -> r.getText().contains(n)))
                .findFirst().orElseThrow(() -> new AssertionError("no case of this test on the first page"));
        WebElement row = rows.stream().filter(r -> r.getText().contains(other)).findFirst().orElseThrow();
        String masked = org.weiquan.intake.PersonName.mask(names.get(other));
        assertThat(row.getText()).as("the row of " + other)
                .contains(masked).doesNotContain(names.get(other))
                .contains("继承").contains(INBOX_STATION_NAME).containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日")
                .containsPattern("剩 \\d+ 天|今日到期|超期 \\d+ 天");
        java.util.Set<String> firstPage = caseNumbers(rows);
        assertThat(firstPage).hasSize(20);
        seen(b, "the inbox");
        b.screenshot("inbox-01-tasks");

        // the next page holds the rest
        b.click(By.cssSelector("[id='tasksForm:unclaimed'] .ui-paginator-next"));
        b.waitIdle();
        java.util.Set<String> secondPage = caseNumbers(b.all(By.cssSelector("[id='tasksForm:unclaimed_data'] > tr")));
        assertThat(secondPage).isNotEmpty().doesNotContainAnyElementsOf(firstPage);

        // the home page: the next action first, her scope by name, short at phone width
        b.open("app/index.xhtml");
        b.waitFor(By.id("homeForm:nextAction"));
        assertThat(b.text(By.id("homeForm:nextAction"))).contains("高危");
        assertThat(b.text(By.id("unclaimedHeading"))).contains(INBOX_STATION_NAME).doesNotContain("本站");
        seen(b, "the supervisor's home with her inbox");
        b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            b.open("app/index.xhtml");
            b.waitFor(By.id("homeForm:nextAction"));
            org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) b.driver();
            long nextTop = ((Number) js.executeScript("return document.getElementById('homeForm:nextAction')"
                    + ".getBoundingClientRect().top + window.scrollY;")).longValue();
            long height = ((Number) js.executeScript("return document.documentElement.scrollHeight;")).longValue();
            assertThat(nextTop).as("the next action on the first screen of a phone").isLessThan(600);
            System.out.println("inbox: the supervisor's home page at 390 px is " + height + " px tall, its next action at "
                    + nextTop + " px");
            assertThat(height).as("the home page's height at 390 px").isLessThan(3000);
            b.screenshot("inbox-02-home-phone");
        } finally {
            b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        }
        org.weiquan.it.ChineseTexts.assertReadable(SEEN.get("the inbox"));
        org.weiquan.it.ChineseTexts.assertReadable(SEEN.get("the supervisor's home with her inbox"));
    }

    /** Issue 14 pt 6: the home page's contacts of today are links to each contact's page. */
    @Test
    @Order(21)
    void theIntakeHomeListsTodaysContactsAsLinksToTheirPages() {
        Api intake = TestUsers.user(base, "inbox-w-intake", INBOX_STATION, "INTAKE");
        Api.Reply reg = intake.post("api/contacts", contact(INBOX_STATION, "PHONE", "INHERITANCE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        long id = reg.json().getJsonNumber("id").longValue();
        Browser b = browser();
        b.login("inbox-w-intake", TestUsers.PASSWORD);
        b.waitFor(By.id("homeForm:awaitingReview"));
        java.util.List<String> links = b.all(By.cssSelector("[id='homeForm:awaitingReview'] a.wq-contact-link")).stream()
                .map(a -> a.getDomAttribute("href")).toList();
        assertThat(links).as("the contacts awaiting review link their pages")
                .anySatisfy(href -> assertThat(href).endsWith("/app/contact-view.xhtml?id=" + id));
    }

    private static java.util.Set<String> caseNumbers(java.util.List<WebElement> rows) {
        java.util.Set<String> numbers = new java.util.LinkedHashSet<>();
        for (WebElement r : rows) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("QX-[0-9A-Za-z-]+").matcher(r.getText());
            if (m.find()) {
                numbers.add(m.group());
            }
        }
        return numbers;
    }

    private static WebElement approvalRowOfContact(Browser b, long id) {
        b.waitFor(By.id("homeForm:approvals"));
        return b.all(By.cssSelector("[id='homeForm:approvals_data'] tr")).stream()
                .filter(r -> r.getText().contains("受理审查") && r.getText().matches("(?s).*\\b" + id + "\\b.*"))
                .findFirst().orElseThrow(() -> new AssertionError("no review waiting for contact " + id));
    }

    private static WebElement approvalRowOfCase(Browser b, String number) {
        b.waitFor(By.id("homeForm:approvals"));
        return b.all(By.cssSelector("[id='homeForm:approvals_data'] tr")).stream()
                .filter(r -> r.getText().contains(number)).findFirst()
                .orElseThrow(() -> new AssertionError("no approval waiting for " + number));
    }

    /** Opens a task of the case from the case file's task tab. */
    private void openTask(Browser b, String key) {
        b.open("app/case.xhtml?number=" + caseNumber);
        b.click(By.xpath("//a[contains(., '待办任务')]"));
        WebElement row = b.all(By.cssSelector("[id$='openTasks_data'] tr")).stream()
                .filter(r -> r.getText().contains(TASK_NAMES.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no open task " + key + " on " + caseNumber));
        WebElement open = row.findElement(By.cssSelector(".wq-open"));
        open.click();
        b.waitFor(By.id("taskForm:taskHeader"));
    }

    /** Opens one of the mediator's own tasks of the case from the home page. */
    private void openMine(Browser b, String key) {
        b.open("app/index.xhtml");
        b.waitFor(By.id("homeForm:mine"));
        WebElement row = b.all(By.cssSelector("[id='homeForm:mine_data'] tr")).stream()
                .filter(r -> r.getText().contains(caseNumber) && r.getText().contains(TASK_NAMES.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + key + " of " + caseNumber + " in the inbox"));
        row.findElement(By.cssSelector(".wq-open")).click();
        b.waitFor(By.id("taskForm:taskHeader"));
    }

    @Test
    @Order(40)
    void aDashboardCountOpensItsCasesInADialogInViewWithMaskedComplainantsAndChineseCategories() {
        users();
        try (Browser b = new Browser(base, 1366, 800)) {
            b.login(SUPERVISOR, TestUsers.PASSWORD);
            b.open("app/dashboard.xhtml");
            b.waitFor(By.id("totals"));
            assertThat(b.driver().findElement(By.id("reportForm:period")).getTagName()).as("a period picker")
                    .isEqualTo("select");
            assertThat(b.text(By.id("reportCutoff"))).matches("截止 \\d{4}年\\d{1,2}月\\d{1,2}日.*");
            assertThat(b.text(By.id("reportForm:rows"))).as("a village room has no stations below it")
                    .doesNotContain("含下级").doesNotContain(".0%").doesNotContain("( ");

            // the count is in the table, below the fold for a long report: the list opens where the user looks
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("window.scrollTo(0, 400)");
            b.click(By.cssSelector("[id='reportForm:rows_data'] tr:first-child .wq-drill-CLOSED"));
            b.waitFor(By.cssSelector("#drillCases tr"));
            b.waitIdle();
            Object inView = ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                    "var r = document.getElementById('drillCases').getBoundingClientRect();"
                            + " return r.top >= 0 && r.top < window.innerHeight - 100 && r.left >= 0"
                            + " && r.right <= window.innerWidth;");
            assertThat(inView).as("the drill-down's list within the viewport, without scrolling").isEqualTo(true);
            String list = b.text(By.id("drillCases"));
            assertThat(list).contains(caseNumber, org.weiquan.intake.PersonName.mask(complainant), "已结案")
                    .doesNotContain(complainant);
            assertThat(java.util.Arrays.stream(org.weiquan.intake.Category.values())
                    .map(org.weiquan.shared.Labels::of).anyMatch(list::contains)).as("the category in Chinese").isTrue();
            org.weiquan.it.ChineseTexts.assertReadable(list);
            b.screenshot("dashboard-drill-dialog");
        }
    }

    static final java.util.Map<String, String> TASK_NAMES = java.util.Map.of(
            "Task_AssignMediator", "指派调解员", "Task_HandleCase", "案件办理",
            "Task_HoldMediationSession", "调解会谈", "Task_ApproveClosure", "结案审批");

    // issue 14 (points 1, 2, 6): finding contacts again, the intake form's warning and marks, the favicon

    static final String IUI_STATION = "QX-0210";
    static final String IUI_INTAKE = "iui-intake";
    static final String IUI_SUPERVISOR = "iui-supervisor";
    static final String IUI_OTHER = "iui-other";
    static long iuiEarlier;
    static String iuiEarlierName;
    static String iuiEarlierSummary;

    private void iuiUsers() {
        TestUsers.user(base, IUI_INTAKE, IUI_STATION, "INTAKE");
        TestUsers.user(base, IUI_SUPERVISOR, IUI_STATION, "SUPERVISOR");
        TestUsers.user(base, IUI_OTHER, "QX-0204", "INTAKE", "MEDIATOR", "SUPERVISOR");
    }

    private static boolean inViewport(Browser b, By by) {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                "var r = arguments[0].getBoundingClientRect();"
                        + " return r.height > 0 && r.top >= -2 && r.top < window.innerHeight;", b.driver().findElement(by)));
    }

    @Test
    @Order(30)
    void theIntakeFormMarksRequiredFieldsAndShowsTheDuplicateWarningInViewWithItsCandidatesAndChoices() {
        iuiUsers();
        String phone = TestData.mobile();
        iuiEarlierName = TestData.name();
        iuiEarlierSummary = "四十天前来电反映赡养纠纷（测试）";
        Api intake = TestUsers.user(base, IUI_INTAKE, IUI_STATION, "INTAKE");
        Api.Reply first = intake.post("api/contacts", contact(IUI_STATION, "PHONE", "ELDER_SUPPORT")
                .add("receivedAt", TestData.hoursAgo(24 * 40)).add("summary", iuiEarlierSummary)
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", iuiEarlierName, phone))
                        .add(party("RESPONDENT", TestData.name())))
                .add("confirmedNew", true).build().toString());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        iuiEarlier = first.json().getJsonNumber("id").longValue();

        Browser b = browser();
        b.login(IUI_INTAKE, TestUsers.PASSWORD);
        b.open("app/contact.xhtml");
        // required fields carry a mark and aria-required; the respondent's name does not: it may be unknown
        for (String field : new String[] {"channel", "receivedAt", "primaryCategory", "summary", "parties:0:role", "parties:0:name"}) {
            assertThat(b.driver().findElement(By.id("contactForm:" + field)).getDomAttribute("aria-required"))
                    .as(field).isEqualTo("true");
            assertThat(b.driver().findElement(By.cssSelector("label[for='contactForm:" + field + "']")).getText())
                    .as(field).contains("*");
        }
        assertThat(b.driver().findElement(By.id("contactForm:parties:1:name")).getDomAttribute("aria-required")).isNotEqualTo("true");
        assertThat(b.driver().findElement(By.cssSelector("label[for='contactForm:parties:1:name']")).getText())
                .doesNotContain("*").contains("不详");
        assertThat(b.text(By.id("requiredNote"))).contains("*");
        // the form's own labels do not call every channel a visit
        assertThat(b.driver().findElement(By.cssSelector("label[for='contactForm:channel']")).getText()).doesNotContain("来访");
        assertThat(b.driver().findElement(By.cssSelector("label[for='contactForm:receivedAt']")).getText()).doesNotContain("来访");
        // unstated is not safe: both safety boxes start unticked
        assertThat(b.driver().findElement(By.id("contactForm:parties:0:phoneSafe_input")).isSelected()).isFalse();
        assertThat(b.driver().findElement(By.id("contactForm:parties:0:addressSafe_input")).isSelected()).isFalse();

        b.select(By.id("contactForm:channel"), "PHONE");
        b.select(By.id("contactForm:primaryCategory"), "ELDER_SUPPORT");
        b.type(By.id("contactForm:summary"), "再次来电反映赡养费未付（测试）");
        b.typeAndLeave(By.id("contactForm:parties:0:name"), TestData.name());
        b.typeAndLeave(By.id("contactForm:parties:0:phone"), phone);
        b.waitFor(By.id("duplicateWarning"));
        b.waitIdle();
        assertThat(inViewport(b, By.id("duplicateWarning"))).as("the warning is where the clerk looks").isTrue();
        assertThat(b.text(By.id("contactForm:candidates"))).contains(String.valueOf(iuiEarlier));
        assertThat(b.text(By.id("duplicateHint"))).doesNotEndWith("请选择：").contains("作为重复访关联", "这是新事项");
        b.screenshot("workflow-30-duplicate-in-view");

        // saving without a choice: the banner lists the earlier contact and the two choices, the warning in view
        b.clickAndLoad(By.id("contactForm:register"));
        String banner = b.text(By.id("messages"));
        assertThat(banner).contains("登记 " + iuiEarlier, "作为重复访关联", "这是新事项").doesNotEndWith("请选择：");
        assertThat(inViewport(b, By.id("duplicateWarning"))).isTrue();
        org.weiquan.it.ChineseTexts.assertReadable(banner);

        // the respondent's name left empty: a party whose name nobody knows is still registered
        assertThat(b.driver().findElement(By.id("contactForm:parties:1:name")).getDomProperty("value")).isEmpty();
        b.click(By.id("contactForm:confirmNew"));
        b.waitFor(By.id("duplicateChoice"));
        b.clickAndLoad(By.id("contactForm:register"));
        long registered = Long.parseLong(b.text(By.id("registeredNotice")).replaceAll("\\D", ""));
        JsonObject saved = intake.get("api/contacts/" + registered).json();
        assertThat(saved.getJsonArray("parties")).hasSize(2);
        assertThat(saved.getString("channel")).isEqualTo("PHONE");
    }

    @Test
    @Order(31)
    void theContactsPageFindsAnEarlierContactAndItsViewShowsWhatWasRegisteredInChinese() {
        iuiUsers();
        Browser b = browser();
        b.login(IUI_INTAKE, TestUsers.PASSWORD);
        b.clickAndLoad(By.id("navContacts"));
        java.time.LocalDate today = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai"));
        ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                "document.getElementById('contactsForm:receivedFrom').value = arguments[0];"
                        + " document.getElementById('contactsForm:receivedTo').value = arguments[1];",
                today.minusDays(41).toString(), today.minusDays(39).toString());
        b.click(By.id("contactsForm:search"));
        String list = b.text(By.id("contactsForm:contacts"));
        assertThat(list).as("the contact received forty days ago").contains("登记 " + iuiEarlier)
                .contains(org.weiquan.intake.PersonName.mask(iuiEarlierName)).doesNotContain(iuiEarlierName)
                .contains("电话", "赡养", "待受理审查");
        b.screenshot("workflow-31-contacts");

        b.clickAndLoad(By.linkText("登记 " + iuiEarlier));
        assertThat(b.driver().getCurrentUrl()).contains("/app/contact-view.xhtml?id=" + iuiEarlier);
        assertThat(b.text(By.id("viewSummary"))).isEqualTo(iuiEarlierSummary);
        assertThat(b.text(By.id("viewChannel"))).isEqualTo("电话");
        assertThat(b.text(By.id("viewCategory"))).isEqualTo("赡养");
        assertThat(b.text(By.id("viewStation"))).isEqualTo("望江村妇女儿童维权服务室");
        assertThat(b.text(By.id("viewStatus"))).isEqualTo("待受理审查");
        assertThat(b.text(By.id("viewReceived"))).contains(today.minusDays(40).getYear() + "年");
        assertThat(b.text(By.id("viewRegistered"))).contains("测试 " + IUI_INTAKE);
        String parties = b.text(By.id("partyTable"));
        assertThat(parties).contains("投诉人", "被投诉人", org.weiquan.intake.PersonName.mask(iuiEarlierName))
                .doesNotContain(iuiEarlierName);
        String page = (String) ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript("return document.body.innerText;");
        org.weiquan.it.ChineseTexts.assertReadable(page);
        b.screenshot("workflow-31-contact-view");

        // the opening is in the access log, as the API's read is
        jakarta.json.JsonArray log = (jakarta.json.JsonArray) TestUsers.admin(base)
                .get("api/admin/access-log?username=" + IUI_INTAKE).jsonStructure();
        assertThat(log.stream().map(jakarta.json.JsonValue::asJsonObject)
                .filter(e -> !e.isNull("contactId") && e.getJsonNumber("contactId").longValue() == iuiEarlier)
                .map(e -> e.getString("action"))).contains("OPEN");

        // another station's staff do not find it, by list or by URL
        b.login(IUI_OTHER, TestUsers.PASSWORD);
        b.open("app/contacts.xhtml");
        b.type(By.id("contactsForm:number"), String.valueOf(iuiEarlier));
        b.click(By.id("contactsForm:search"));
        assertThat(b.text(By.id("contactsTotal"))).contains("0");
        b.open("app/contact-view.xhtml?id=" + iuiEarlier);
        assertThat(b.all(By.id("viewSummary"))).isEmpty();
        assertThat(b.text(By.id("messages"))).contains("找不到此登记");
        assertThat(b.source()).doesNotContain(iuiEarlierSummary);
    }

    @Test
    @Order(32)
    void theAcceptanceReviewFormLinksTheContactsView() {
        iuiUsers();
        Browser b = browser();
        b.login(IUI_SUPERVISOR, TestUsers.PASSWORD);
        WebElement row = approvalRowOfContact(b, iuiEarlier);
        row.findElement(By.cssSelector(".wq-claim")).click();
        b.waitFor(By.id("taskForm:decision"));
        assertThat(b.text(By.id("fact-field-summary"))).isEqualTo(iuiEarlierSummary);
        WebElement link = b.driver().findElement(By.cssSelector("a[id$='openContact']"));
        assertThat(link.getDomAttribute("href")).endsWith("/app/contact-view.xhtml?id=" + iuiEarlier);
        assertThat(link.getText()).contains("查看登记");
    }

    @Test
    @Order(33)
    void theBrowserGetsAFavicon() {
        Api anonymous = new Api(base);
        Api.Reply ico = anonymous.get("favicon.ico");
        assertThat(ico.status()).as(ico.toString()).isEqualTo(200);
        assertThat(ico.contentType()).contains("icon");
        Api.Reply svg = anonymous.get("resources/weiquan/favicon.svg");
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.body()).contains("<svg");
        Browser b = browser();
        b.open("login.xhtml");
        assertThat(b.all(By.cssSelector("link[rel='icon']"))).isNotEmpty();
        b.login(IUI_INTAKE, TestUsers.PASSWORD);
        assertThat(b.all(By.cssSelector("link[rel='icon']"))).hasSize(2)
                .allSatisfy(l -> assertThat(l.getDomAttribute("href")).contains("favicon"));
    }

    // ================================================ the administration pages (was AdminPagesIT)

    @Test
    @Order(101)
    void theAdministratorSeesStationsAgenciesTheRiskInstrumentAndKeepsTheHolidayCalendar() {
        AdminBrowser b = adminBrowser();
        b.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        b.open("app/admin/index.xhtml");
        assertThat(b.text("pageTitle")).isEqualTo("系统管理");
        assertThat(b.find("navAdmin").getDomAttribute("href")).endsWith("/app/admin/index.xhtml");
        b.screenshot("index");

        b.clickLink("toStations");
        assertThat(b.text("stationsForm:stations")).contains("清溪县妇女联合会", "县妇联", ADMIN_STATION, "村妇女儿童维权服务室");
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
    @Order(102)
    void theAdministratorCreatesAUserAndARefusedInputIsShownNextToItsFieldKeepingWhatWasTyped() {
        String username = "ap" + RUN;
        AdminBrowser b = adminBrowser();
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

        b.choose("usersForm:station", ADMIN_STATION + " ");
        b.type("usersForm:password", "too-short");
        b.click("usersForm:createButton");
        assertThat(b.text("usersForm:passwordMessage")).contains("至少需要 12 个字符");
        assertThat(b.exists("usersForm:stationMessage") ? b.text("usersForm:stationMessage") : "").isEmpty();
        assertThat(b.value("usersForm:username")).isEqualTo(username);
        assertThat(b.text("usersForm:station_label")).contains(ADMIN_STATION);
        assertThat(b.find("usersForm:roles:1").isSelected()).isTrue();
        b.fullScreenshot("users-short-password");

        b.type("usersForm:password", "a-good-long-passphrase-2026");
        b.click("usersForm:createButton");
        assertThat(b.text("messages")).contains("已创建用户 " + username);
        assertThat(b.value("usersForm:username")).as("the form is empty again").isEmpty();
        String allUsers = b.text("usersForm:userCount");
        b.type("usersForm:filter", username);
        // the field filters 300 ms after the last key: its answer first, so that it cannot replace the table after the button's
        b.waitForChange("usersForm:userCount", allUsers);
        b.click("usersForm:filterButton");
        String row = b.text("usersForm:users");
        assertThat(row).contains(username, "测试调解员 " + RUN, ADMIN_STATION, "调解员", "启用");
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
    @Order(103)
    void aSupervisorDrawsAnAuditSampleReviewsACaseAndTheAccessLogShowsWhatTheyDid() {
        String closed = closedCase();
        // the station's supervisor audits; the county's administrator (never also a supervisor) reads the access log
        String chief = "ap-chief-" + RUN;
        TestUsers.user(base, chief, ADMIN_STATION, "SUPERVISOR");
        AdminBrowser b = adminBrowser();
        b.login(chief, TestUsers.PASSWORD);
        b.open("app/audits.xhtml");
        assertThat(b.exists("navAudits")).isTrue();
        assertThat(b.text("auditsForm:station_label")).contains(ADMIN_STATION);

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
        assertThat(entries).contains(chief, closed, "修改", "结案质量评查", ADMIN_STATION);
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
    @Order(104)
    void aUserWithoutTheRoleGetsARefusalAndNoAdministrationData() throws Exception {
        intake();
        AdminBrowser b = adminBrowser();
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
    @Order(105)
    void theCountyAdministratorCreatesRenamesAndClosesAStationAndReadsItsHistoryInChinese() {
        AdminBrowser b = adminBrowser();
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
        return TestUsers.user(base, "ap-intake", ADMIN_STATION, "INTAKE");
    }

    private Api mediator() {
        return TestUsers.user(base, "ap-mediator", ADMIN_STATION, "MEDIATOR");
    }

    private Api supervisor() {
        return TestUsers.user(base, "ap-supervisor", ADMIN_STATION, "SUPERVISOR");
    }

    private String closedCase() {
        mediator();
        Api.Reply reg = intake().post("api/contacts", TestData.contact(ADMIN_STATION, "VISIT", "OTHER")
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
