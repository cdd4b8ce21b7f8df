package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * The exports over the API: the indicator report as XLSX, CSV and PDF with the numbers of the JSON report,
 * and a case's evidence record as PDF without any minor's name; each export in the access log.
 */
@ExtendWith(ArquillianExtension.class)
class ExportsIT {

    private static final String STATION = "QX-0212";
    private static final String STATION_NAME = "樟树村妇女儿童维权服务室";
    private static final String OTHER_STATION = "QX-0211";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment
    static WebArchive deployment() {
        // the tests run in the server and read the PDFs back with PDFBox (a test dependency)
        return Deployments.weiquan().addAsLibraries(jarOf(org.apache.pdfbox.Loader.class),
                jarOf(org.apache.pdfbox.io.RandomAccessRead.class), jarOf(org.apache.fontbox.FontBoxFont.class),
                jarOf(org.apache.commons.logging.LogFactory.class));
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

    private Api intake() {
        return TestUsers.user(base, "x-intake", STATION, "INTAKE");
    }

    private Api mediator() {
        return TestUsers.user(base, "x-mediator", STATION, "MEDIATOR");
    }

    private Api supervisor() {
        return TestUsers.user(base, "x-supervisor", STATION, "SUPERVISOR");
    }

    private Api otherSupervisor() {
        return TestUsers.user(base, "x-other-supervisor", OTHER_STATION, "SUPERVISOR");
    }

    @Test
    void aSupervisorDownloadsTheReportAsXlsxCsvAndPdfWithTheNumbersOfTheJsonReport() throws IOException {
        accepted(party("COMPLAINANT", TestData.name(), TestData.mobile()));
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String cutoff = URLEncoder.encode(OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(1)
                .truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8);
        String query = "?stationCode=" + STATION + "&period=" + month + "&cutoff=" + cutoff;
        Api.Reply json = supervisor().get("api/reports/indicators" + query);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        JsonObject total = json.json().getJsonObject("total").getJsonObject("counts");
        JsonObject own = json.json().getJsonArray("rows").getJsonObject(0).getJsonObject("counts");
        assertThat(total.getInt("accepted")).isPositive();

        Download xlsx = download("x-supervisor", "api/reports/indicators.xlsx" + query);
        assertThat(xlsx.status()).as(xlsx.toString()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"weiquan-indicators-" + STATION + "-" + month + ".xlsx\"; "
                        + "filename*=UTF-8''weiquan-indicators-" + STATION + "-" + month + ".xlsx");
        assertThat(xlsx.header("Cache-Control")).isEqualTo("no-store");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            Row header = rowStartingWith(sheet, "站点编码 station code");
            List<String> headings = new ArrayList<>();
            header.forEach(c -> headings.add(c.getStringCellValue()));
            Row ownRow = sheet.getRow(header.getRowNum() + 1);
            assertThat(ownRow.getCell(1).getStringCellValue()).isEqualTo(STATION_NAME);
            assertSameNumbers(ownRow, headings, own);
            assertSameNumbers(rowStartingWith(sheet, STATION, "合计 total"), headings, total);
        }

        Download csv = download("x-supervisor", "api/reports/indicators.csv" + query);
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8)
                .substring(1)), CSVFormat.DEFAULT)) {
            records = parser.getRecords();
        }
        List<String> csvHeadings = records.stream().filter(r -> r.get(0).equals("站点编码 station code")).findFirst()
                .orElseThrow().toList();
        CSVRecord csvTotal = records.stream().filter(r -> r.size() > 2 && r.get(2).equals("合计 total")).findFirst()
                .orElseThrow();
        assertThat(csvTotal.get(csvHeadings.indexOf("受理数 accepted"))).isEqualTo(String.valueOf(total.getInt("accepted")));
        assertThat(records.get(1).values()).containsExactly("站点 station", STATION_NAME, STATION);
        assertThat(records).as("who made the report, as people know her")
                .anySatisfy(r -> assertThat(r.values()).contains("测试 x-supervisor"))
                .noneSatisfy(r -> assertThat(r.values()).contains("x-supervisor"));
        assertThat(records).as("the definitions in Chinese").anySatisfy(r -> assertThat(r.get(0)).isEqualTo("指标定义"))
                .anySatisfy(r -> assertThat(String.join("", r.values())).startsWith("按期结案："));

        Download pdf = download("x-supervisor", "api/reports/indicators.pdf" + query);
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        String text = pdfText(pdf.body());
        JsonObject cohort = total.getJsonObject("cohortClosureRate");
        assertThat(text).contains(STATION_NAME, "受理数 accepted", month)
                .contains(cohort.getInt("numerator") + "/" + cohort.getInt("denominator") + " (");

        JsonArray exports = (JsonArray) TestUsers.admin(base).get("api/admin/access-log?username=x-supervisor&action=EXPORT")
                .jsonStructure();
        assertThat(exports.getValuesAs(JsonObject.class)).extracting(e -> e.getString("detail"))
                .contains(exported("XLSX", month), exported("CSV", month), exported("PDF", month));
    }

    @Test
    void onlyASupervisorWithTheStationInScopeGetsTheReport() {
        supervisor();
        otherSupervisor();
        mediator();
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(download("x-other-supervisor", "api/reports/indicators.pdf?stationCode=" + STATION + "&period=" + month)
                .status()).isEqualTo(404);
        assertThat(download("x-mediator", "api/reports/indicators.xlsx?stationCode=" + STATION + "&period=" + month)
                .status()).isEqualTo(403);
        Download bad = download("x-supervisor", "api/reports/indicators.csv?stationCode=" + STATION + "&period=March");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void theEvidenceRecordShowsTheAdultMaskedAndTheAgreementButNoMinorsName() throws IOException {
        String adult = TestData.name();
        String child = TestData.name();
        String teenager = TestData.name();
        String teenBirth = java.time.LocalDate.now(ZoneId.of("Asia/Shanghai")).minusYears(16).toString();
        String number = accepted(party("COMPLAINANT", adult, TestData.mobile()).add("gender", "FEMALE"),
                party("CHILD", child), party("OTHER", teenager).add("birthDate", teenBirth).add("relation", "女儿"));
        assertThat(child).isNotEqualTo(adult);
        complete(supervisor(), task(number, "Task_AssignMediator"), "{\"mediator\":\"x-mediator\"}");
        complete(mediator(), task(number, "Task_HandleCase"), "{\"step\":\"MEDIATE\"}");
        complete(mediator(), task(number, "Task_HoldMediationSession"), Json.createObjectBuilder()
                .add("heldAt", TestData.hoursAgo(0)).add("attendees", "双方当事人").add("outcome", "WRITTEN_AGREEMENT")
                .add("agreementTerms", "男方每月支付" + child + "抚养费800元").build().toString());

        Download pdf = download("x-supervisor", "api/cases/" + number + "/evidence.pdf");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).contains("filename*=UTF-8''evidence-record-" + number + ".pdf");
        assertThat(pdf.header("Cache-Control")).isEqualTo("no-store");
        String text = pdfText(pdf.body());
        String masked = adult.charAt(0) + "*" + adult.charAt(2);
        assertThat(text).contains(number, STATION_NAME, masked, "未成年人")
                .contains("男方每月支付未成年人抚养费800元", "调解会谈", "书面调解协议", "第 1 次调解：达成书面协议")
                .doesNotContain(child, teenager, adult)
                .doesNotContain("Task_HoldMediationSession", "WRITTEN_AGREEMENT", "MARRIAGE_DISPUTE");

        assertThat(download("x-other-supervisor", "api/cases/" + number + "/evidence.pdf").status()).isEqualTo(404);

        JsonArray log = (JsonArray) supervisor().get("api/cases/" + number + "/access-log").jsonStructure();
        assertThat(log.getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getString("action")).isEqualTo("EXPORT");
            assertThat(e.getString("username")).isEqualTo("x-supervisor");
            assertThat(e.getString("caseNumber")).isEqualTo(number);
        });
    }

    private String accepted(jakarta.json.JsonObjectBuilder... parties) {
        mediator();
        var list = Json.createArrayBuilder();
        for (var p : parties) {
            list.add(p);
        }
        Api.Reply reg = intake().post("api/contacts", contact(STATION, "VISIT", "CHILD_CUSTODY_SUPPORT")
                .add("parties", list).add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        Api.Reply accepted = supervisor().post("api/contacts/" + reg.json().getJsonNumber("id") + "/decision",
                "{\"decision\":\"ACCEPTED\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        return accepted.json().getString("caseNumber");
    }

    private String task(String number, String key) {
        return supervisor().get("api/cases/" + number).json().getJsonArray("openTasks").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("key").equals(key)).map(t -> t.getString("id")).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not open in " + number));
    }

    private void complete(Api who, String task, String form) {
        Api.Reply r = who.post("api/tasks/" + task + "/completion", form);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    record Download(int status, String contentType, byte[] body, java.util.Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (contentType.contains("json") ? new String(body, StandardCharsets.UTF_8)
                    : body.length + " bytes");
        }
    }

    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A GET whose answer is kept as bytes (the Api client reads answers as text), as the user logged in. */
    private Download download(String username, String path) {
        String token = TOKENS.computeIfAbsent(username, u -> new Api(base).post("api/auth/token",
                Json.createObjectBuilder().add("username", u).add("password", TestUsers.PASSWORD).build().toString())
                .json().getString("token"));
        URI uri = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/").resolve(path);
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    private static Row rowStartingWith(Sheet sheet, String first, String... third) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(first)
                    && (third.length == 0 || row.getCell(2) != null && row.getCell(2).getStringCellValue().equals(third[0]))) {
                return row;
            }
        }
        throw new AssertionError("no row starts with " + first);
    }

    /** The counts of the JSON report in the workbook's row: every count, and the parts of some rates. */
    private static void assertSameNumbers(Row row, List<String> headings, JsonObject counts) {
        for (String count : List.of("received", "accepted", "closed", "overdue")) {
            String heading = headings.stream().filter(h -> h.endsWith(" " + count)).findFirst().orElseThrow();
            assertThat(number(row, headings, heading)).as(count).isEqualTo(counts.getInt(count));
        }
        JsonObject cohort = counts.getJsonObject("cohortClosureRate");
        assertThat(number(row, headings, "结案率（队列） closure rate (cohort) 分子 numerator"))
                .isEqualTo(cohort.getInt("numerator"));
        assertThat(number(row, headings, "结案率（队列） closure rate (cohort) 分母 denominator"))
                .isEqualTo(cohort.getInt("denominator"));
        JsonObject repeat = counts.getJsonObject("repeatVisitRate");
        assertThat(number(row, headings, "重复访率 repeat-visit rate 分子 numerator")).isEqualTo(repeat.getInt("numerator"));
        assertThat(number(row, headings, "重复访率 repeat-visit rate 分母 denominator"))
                .isEqualTo(repeat.getInt("denominator"));
    }

    private static double number(Row row, List<String> headings, String heading) {
        int i = headings.indexOf(heading);
        assertThat(i).as("column " + heading).isNotNegative();
        return row.getCell(i).getNumericCellValue();
    }

    /** The access log's words for an export of the month's report: the station's name and the month's dates. */
    private static String exported(String format, String month) {
        java.time.YearMonth m = java.time.YearMonth.parse(month);
        return "导出指标报表（" + STATION_NAME + "，" + m.getYear() + "年" + m.getMonthValue() + "月1日至" + m.getYear() + "年"
                + m.getMonthValue() + "月" + m.lengthOfMonth() + "日，" + format + "）";
    }

    @Test
    void theReportsDefinitionsAreInChineseWithoutCodeNamesAndInEnglishForAnEnglishReader() throws IOException {
        String query = "?stationCode=" + STATION + "&period=" + YearMonth.now(ZoneId.of("Asia/Shanghai"));
        Api chinese = supervisor().withHeader("Accept-Language", "zh-CN,zh;q=0.9");
        Api.Download xlsx = chinese.download("api/reports/indicators.xlsx" + query);
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet definitions = book.getSheet("定义");
            assertThat(definitions).as("the 定义 sheet").isNotNull();
            StringBuilder text = new StringBuilder();
            definitions.forEach(row -> row.forEach(cell -> text.append(cell.getStringCellValue()).append('\n')));
            assertThat(text.toString()).contains("指标定义", "统计期间：", "按期结案：", "结案率（同期）＝");
            ChineseTexts.assertReadable(text.toString());
        }
        Api.Download pdf = chinese.download("api/reports/indicators.pdf" + query);
        assertThat(pdf.status()).isEqualTo(200);
        String pages = definitionsPages(pdf.body(), "指标定义");
        assertThat(pages).contains("统计期间：", "超期：", "调解成功率＝调解成功÷调解终结");
        ChineseTexts.assertReadable(pages);

        Api english = supervisor().withHeader("Accept-Language", "en");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                english.download("api/reports/indicators.xlsx" + query).body()))) {
            assertThat(book.getSheet("Definitions").getRow(2).getCell(0).getStringCellValue())
                    .startsWith("Received: contacts registered in the period");
        }
        assertThat(definitionsPages(english.download("api/reports/indicators.pdf" + query).body(), "Definitions"))
                .contains("Period: ", "On time: cases closed in the period");
    }

    /** The text of a PDF's pages from the one that starts with the definitions' heading to the end. */
    private static String definitionsPages(byte[] pdf, String heading) throws IOException {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                if (stripper.getText(doc).strip().startsWith(heading)) {
                    stripper.setEndPage(doc.getNumberOfPages());
                    return stripper.getText(doc);
                }
            }
        }
        throw new AssertionError("no page starts with " + heading);
    }
}
