package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.casefile.ReviewService;
import org.weiquan.demo.DemoContacts;
import org.weiquan.demo.DemoPeople;
import org.weiquan.infrastructure.WeiquanDatabase;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.IntakeService;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station's ledger imported into real case files, as CSV and as XLSX: a bad row refuses the whole file; a good
 * file imported twice gives one set of cases; the report over them is what the ledger says, worked out by hand.
 *
 * <p>Also (was DemoImportIT, one Payara start fewer):
 * the import methods the demo data uses (and the ledger import will): historical times and users, the
 * same checks, encryption and numbering as live work, in the real container and transaction.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerIT {

    /** A fresh village room per test run, so that reruns on a kept database count only this run's ledger. */
    private static final String RUN = Long.toString(System.nanoTime() % 100000, 36).toUpperCase();
    private static final String STATION = "QX-02L" + RUN;
    /** A second village room for the XLSX ledger, so that its counts do not mix with the CSV one's. */
    private static final String XLSX_STATION = "QX-02M" + RUN;
    /** A third village room for single rows that must not change the other two rooms' counts. */
    private static final String OTHER_STATION = "QX-02N" + RUN;
    /** Two rooms for the ledger of every column, as CSV and as XLSX. */
    private static final String FULL_CSV = "QX-02P" + RUN;
    private static final String FULL_XLSX = "QX-02Q" + RUN;
    /** Two rooms for the same contacts, entered by hand through the workflow and imported from a ledger. */
    private static final String BY_HAND = "QX-02R" + RUN;
    private static final String FROM_LEDGER = "QX-02S" + RUN;
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String HEADER = "station_code,received_date,channel,category,petition_type,complainant_name,"
            + "complainant_phone,respondent_name,accepted_date,mediation_outcome,closed_date,closure_reason,follow_up_result\n";
    /** The first template's columns and the follow-up date (a follow-up result needs its date). */
    private static final String WITH_FOLLOW_UP_DATE = HEADER.replace("\n", ",follow_up_date\n");
    /**
     * June 2024 at a fresh village room: (1) a claim, mediated in writing, closed 20 June, followed up; (2) closed in July;
     * (3) still open; (4) a consultation, not accepted.
     */
    private static final String LEDGER = ledger(STATION);

    private static String ledger(String station) {
        return WITH_FOLLOW_UP_DATE
                + station + ",2024-06-03,VISIT,MARRIAGE_DISPUTE,CLAIM,王秀英,13900001111,李强,2024-06-04,WRITTEN_AGREEMENT,2024-06-20,MEDIATED_WRITTEN,SATISFIED,2024-07-18\n"
                + station + ",2024-06-05,LETTER,OTHER,,赵玉梅,,,2024-06-06,,2024-07-15,EXPLAINED,,\n"
                + station + ",2024-06-10,PHONE,ELDER_SUPPORT,,孙桂兰,13900002222,,2024-06-11,,,,,\n"
                + station + ",2024-06-12,HOTLINE,OTHER,,周静,,,,,,,,\n";
    }

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @jakarta.inject.Inject
    org.weiquan.station.StationSeeds seeds;

    private static boolean stationOpened;

    private Api supervisor() {
        return supervisor(STATION);
    }

    private Api supervisor(String station) {
        synchronized (LedgerIT.class) {
            if (!stationOpened) {
                seeds.load("test-ledger-" + STATION, ("code,name,level,parent_code\n" + STATION + ",台账测试村,VILLAGE,QX-02\n"
                        + XLSX_STATION + ",台账测试村二,VILLAGE,QX-02\n"
                        + OTHER_STATION + ",台账测试村三,VILLAGE,QX-02\n"
                        + FULL_CSV + ",台账测试村四,VILLAGE,QX-02\n"
                        + FULL_XLSX + ",台账测试村五,VILLAGE,QX-02\n"
                        + BY_HAND + ",台账测试村六,VILLAGE,QX-02\n"
                        + FROM_LEDGER + ",台账测试村七,VILLAGE,QX-02\n").getBytes(StandardCharsets.UTF_8));
                stationOpened = true;
            }
        }
        return TestUsers.user(base, "l-sup-" + station.toLowerCase(), station, "SUPERVISOR");
    }

    private Api.Reply upload(String csv) {
        return supervisor().postBytes("api/ledger", "text/csv", null, csv.getBytes(StandardCharsets.UTF_8));
    }

    private Api.Reply uploadXlsx(byte[] xlsx) {
        return supervisor(XLSX_STATION).postBytes("api/ledger", XLSX, null, xlsx);
    }

    private JsonObject june() {
        return counts(STATION, "2024-06");
    }

    private JsonObject counts(String station, String period) {
        Api.Reply r = supervisor(station).get("api/reports/indicators?stationCode=" + station
                + "&period=" + period + "&cutoff=2024-07-01T00:00:00%2B08:00");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonObject("total").getJsonObject("counts");
    }

    @Test
    void aLedgerWithABadRowIsRefusedWholeNamingRowAndColumn() {
        String bad = HEADER
                + STATION + ",2024-05-03,VISIT,OTHER,,甲,,,,,,,\n"
                + STATION + ",2024-13-40,FAX,OTHER,,乙,12345,,,,,,\n";
        Api.Reply reply = upload(bad);
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("row 3: received_date").contains("row 3: channel")
                .contains("row 3: complainant_phone").doesNotContain("row 2");
        Api.Reply may = supervisor().get("api/reports/indicators?stationCode=" + STATION + "&period=2024-05");
        assertThat(may.json().getJsonObject("total").getJsonObject("counts").getInt("received"))
                .as("not even its good first row was imported").isZero();
    }

    /** Issue 15 point 10: a cell a spreadsheet would run is never stored (and so never exported again). */
    @Test
    void aNameThatIsASpreadsheetFormulaIsRefusedNamingRowAndColumn() {
        String formulas = HEADER
                + STATION + ",2024-04-03,VISIT,OTHER,,\"=HYPERLINK(\"\"http://x\"\")\",,,,,,,\n"
                + STATION + ",2024-04-04,VISIT,OTHER,,王芳,,@SUM(A1),,,,,\n"
                + STATION + ",2024-04-05,VISIT,OTHER,,+86张,,,,,,,\n";
        Api.Reply reply = upload(formulas);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.body()).contains("row 2: complainant_name").contains("row 3: respondent_name")
                .contains("row 4: complainant_name").doesNotContain("HYPERLINK");
    }

    /** Issue 15 point 6: a ledger does not say whether calling is safe, so an imported phone is not safe. */
    @Test
    void anImportedPhoneIsNotSafeToCall() {
        String phone = "13900003" + (100 + (int) (System.nanoTime() % 900));
        Api.Reply imported = supervisor(OTHER_STATION).postBytes("api/ledger", "text/csv", null, (HEADER + OTHER_STATION
                + ",2024-03-04,PHONE,OTHER,,钱秀兰," + phone + ",,2024-03-05,,,,\n").getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        String number = imported.json().getJsonArray("caseNumbers").getString(0);
        JsonObject party = supervisor(OTHER_STATION).get("api/cases/" + number).json().getJsonObject("contact").getJsonArray("parties")
                .getJsonObject(0);
        assertThat(party.getJsonArray("phones").getJsonObject(0).getBoolean("safeToContact")).isFalse();
    }

    @Test
    void aGoodLedgerImportedTwiceGivesOneSetOfCasesWhoseReportIsWhatTheLedgerSays() {
        Api.Reply first = upload(LEDGER);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().getInt("imported")).isEqualTo(4);
        assertThat(first.json().getJsonArray("caseNumbers")).hasSize(3);
        Api.Reply second = upload(LEDGER);
        assertThat(second.json().getInt("imported")).isZero();
        assertThat(second.json().getInt("alreadyImported")).isEqualTo(4);

        JsonObject june = june();
        assertThat(june.getInt("received")).isEqualTo(4);
        assertThat(june.getInt("accepted")).isEqualTo(3);
        assertThat(june.getInt("closed")).isEqualTo(1);
        assertThat(rate(june, "cohortClosureRate")).isEqualTo("1/3");
        assertThat(rate(june, "flowClosureRate")).isEqualTo("1/3");
        assertThat(rate(june, "resolutionRate")).isEqualTo("1/1");
        assertThat(rate(june, "onTimeRate")).isEqualTo("1/1");
        assertThat(rate(june, "mediationSuccessRate")).isEqualTo("1/1");
        assertThat(june.getInt("overdue")).isZero();
        // accepted 4 June, closed 20 June: 16 whole dates (DESIGN §3), no invented 10:00 and 17:00
        assertThat(june.getJsonNumber("meanDaysToClose").bigDecimalValue()).isEqualByComparingTo("16");

        String closed = first.json().getJsonArray("caseNumbers").getString(0);
        JsonObject file = supervisor().get("api/cases/" + closed).json();
        assertThat(file.getString("status")).isEqualTo("CLOSED");
        assertThat(file.getString("acceptedAt")).as("a ledger date, not an invented hour")
                .startsWith("2024-06-04T00:00:00");
        assertThat(file.getString("closedAt")).startsWith("2024-06-20T00:00:00");
        String open = first.json().getJsonArray("caseNumbers").getString(2);
        assertThat(supervisor().get("api/cases/" + open).json().getJsonArray("openTasks")).as("the open case is handled")
                .isNotEmpty();
    }

    @Test
    void anXlsxLedgerImportedTwiceGivesOneSetOfCasesAndTheSameRowsAsCsvNothingNew() {
        String csv = ledger(XLSX_STATION);
        byte[] xlsx = xlsx(csv, 3);

        Api.Reply first = uploadXlsx(xlsx);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().getInt("imported")).isEqualTo(4);
        assertThat(first.json().getJsonArray("caseNumbers")).hasSize(3);
        Api.Reply second = uploadXlsx(xlsx);
        assertThat(second.json().getInt("imported")).isZero();
        assertThat(second.json().getInt("alreadyImported")).isEqualTo(4);
        Api.Reply asCsv = supervisor(XLSX_STATION).postBytes("api/ledger", "text/csv", null,
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(asCsv.status()).as(asCsv.toString()).isEqualTo(200);
        assertThat(asCsv.json().getInt("imported")).as("the same rows saved as CSV").isZero();
        assertThat(asCsv.json().getInt("alreadyImported")).isEqualTo(4);

        JsonObject june = counts(XLSX_STATION, "2024-06");
        assertThat(june.getInt("received")).isEqualTo(4);
        assertThat(june.getInt("accepted")).isEqualTo(3);
        assertThat(june.getInt("closed")).isEqualTo(1);
        assertThat(june.getJsonNumber("meanDaysToClose").bigDecimalValue()).isEqualByComparingTo("16");
        String closed = first.json().getJsonArray("caseNumbers").getString(0);
        JsonObject file = supervisor(XLSX_STATION).get("api/cases/" + closed).json();
        assertThat(file.getString("status")).isEqualTo("CLOSED");
        assertThat(file.getString("acceptedAt")).startsWith("2024-06-04");
        assertThat(file.toString()).as("the phone typed as a number").contains("13900001111");
    }

    @Test
    void anXlsxLedgerWithABadRowIsRefusedWholeNamingTheRowAsExcelShowsItAndTheColumn() {
        String bad = HEADER
                + XLSX_STATION + ",2024-05-03,VISIT,OTHER,,甲,,,,,,,\n"
                + "\n" // a blank row: Excel still counts it
                + XLSX_STATION + ",2024-13-40,FAX,OTHER,,欧阳乙乙,12345,,,,,,\n";
        Api.Reply reply = uploadXlsx(xlsx(bad, 0));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        assertThat(reply.body()).contains("row 4: received_date").contains("row 4: channel")
                .contains("row 4: complainant_phone").doesNotContain("row 2").doesNotContain("row 3")
                .as("no personal data in the answer").doesNotContain("欧阳乙乙").doesNotContain("12345");
        assertThat(counts(XLSX_STATION, "2024-05").getInt("received")).as("not even its good first row was imported")
                .isZero();
    }

    @Test
    void aBrokenWorkbookOrAnotherTypeIsRefusedAsAProblemWithoutInnards() {
        Api.Reply corrupt = uploadXlsx("station_code,received_date\n".getBytes(StandardCharsets.UTF_8));
        assertThat(corrupt.status()).as(corrupt.toString()).isEqualTo(422);
        assertThat(corrupt.contentType()).isEqualTo("application/problem+json");
        assertThat(corrupt.body()).contains("\"field\":\"body\"").contains("not a readable Excel workbook")
                .doesNotContain("Exception").doesNotContain("org.apache");
        byte[] truncated = java.util.Arrays.copyOf(xlsx(ledger(XLSX_STATION), 0), 1500);
        assertThat(uploadXlsx(truncated).body()).contains("not a readable Excel workbook");

        for (String type : new String[] {"application/json", "application/vnd.ms-excel", "application/octet-stream"}) {
            Api.Reply other = supervisor(XLSX_STATION).postBytes("api/ledger", type, null, new byte[] {1, 2, 3});
            assertThat(other.status()).as(type).isEqualTo(415);
            assertThat(other.contentType()).as(type).isEqualTo("application/problem+json");
        }
    }

    @Test
    void theTemplatesCanBeDownloadedAsCsvAndAsAWorkbookWithTheSameColumns() throws IOException {
        Api.Reply template = supervisor().get("api/ledger/template.csv");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.body()).contains("ledger_number,station_code,received_date,channel");

        Api.Download xlsx = supervisor().download("api/ledger/template.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith(XLSX);
        assertThat(xlsx.contentDisposition()).contains("weiquan-ledger-template.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> header = new ArrayList<>();
            book.getSheetAt(0).getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).contains("台账编号 ledger_number", "站点编码 station_code", "受理日期 accepted_date",
                    "受理审查结果 review_decision", "回访日期 follow_up_date");
            assertThat(book.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo("QX-0101");
            assertThat(book.getSheet("说明 instructions")).isNotNull();
        }
    }

    private JsonObject countsBy(String station, String period, String cutoff) {
        Api.Reply r = supervisor(station).get("api/reports/indicators?stationCode=" + station + "&period=" + period
                + "&cutoff=" + cutoff + "T00:00:00%2B08:00");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().getJsonObject("total").getJsonObject("counts");
    }

    private Api.Reply uploadTo(String station, String csv) {
        return supervisor(station).postBytes("api/ledger", "text/csv", null, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Two anonymous hotline calls on one day, same category: two contacts, and the same file again adds none. */
    @Test
    void twoIdenticalRowsAreTwoContactsAndReimportingTheFileCreatesNothing() {
        String calls = HEADER
                + OTHER_STATION + ",2024-02-05,HOTLINE,OTHER,,匿名,,,,,,,\n"
                + OTHER_STATION + ",2024-02-05,HOTLINE,OTHER,,匿名,,,,,,,\n";
        Api.Reply first = uploadTo(OTHER_STATION, calls);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().getInt("imported")).isEqualTo(2);
        assertThat(first.json().getJsonArray("rows")).extracting(v -> v.asJsonObject().getString("status"))
                .containsExactly("CREATED", "CREATED");

        Api.Reply again = uploadTo(OTHER_STATION, calls);
        assertThat(again.json().getInt("imported")).isZero();
        assertThat(again.json().getInt("alreadyImported")).isEqualTo(2);
        JsonObject row3 = again.json().getJsonArray("rows").getJsonObject(1);
        assertThat(row3.getInt("row")).isEqualTo(3);
        assertThat(row3.getString("status")).isEqualTo("ALREADY_IMPORTED");
        assertThat(row3.getJsonNumber("contactId").longValue()).as("the contact it was imported as")
                .isEqualTo(first.json().getJsonArray("rows").getJsonObject(1).getJsonNumber("contactId").longValue());
        assertThat(countsBy(OTHER_STATION, "2024-02", "2024-03-01").getInt("received")).isEqualTo(2);
    }

    @Test
    void aRowWithALedgerNumberIsRecognisedByItAndNumbersFollowTheAcceptanceDates() {
        String header = "ledger_number," + HEADER;
        String ledger = header
                + "2023-009," + OTHER_STATION + ",2023-05-20,VISIT,OTHER,,吴红,,,2023-05-22,,,,\n"
                + "2023-002," + OTHER_STATION + ",2023-05-02,VISIT,OTHER,,郑丽,,,2023-05-03,,,,\n"
                + "2023-005," + OTHER_STATION + ",2023-05-10,VISIT,OTHER,,冯娟,,,2023-05-11,,,,\n";
        Api.Reply first = uploadTo(OTHER_STATION, ledger);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        first.json().getJsonArray("rows").forEach(v -> numbers.add(v.asJsonObject().getString("caseNumber")));
        assertThat(numbers.get(1)).as("accepted 3 May").isLessThan(numbers.get(2));
        assertThat(numbers.get(2)).as("accepted 11 May").isLessThan(numbers.get(0));
        assertThat(numbers.get(1)).endsWith("-2023-0001");

        // the same ledger numbers with a corrected cell: recognised, nothing new
        Api.Reply corrected = uploadTo(OTHER_STATION, ledger.replace("吴红", "吴虹"));
        assertThat(corrected.json().getInt("imported")).isZero();
        assertThat(corrected.json().getJsonArray("rows").getJsonObject(0).getString("caseNumber"))
                .isEqualTo(numbers.get(0));
    }

    @Test
    void aClosureOnTheSixtiethDayIsOnTimeAndItsDaysAreWholeDates() {
        // accepted 5 January 2022, closed 6 March 2022: day 60 of the handling deadline
        Api.Reply imported = uploadTo(OTHER_STATION, HEADER + OTHER_STATION
                + ",2022-01-04,VISIT,OTHER,,陈梅,,,2022-01-05,,2022-03-06,EXPLAINED,\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonObject march = countsBy(OTHER_STATION, "2022-03", "2022-04-01");
        assertThat(rate(march, "onTimeRate")).isEqualTo("1/1");
        assertThat(march.getJsonNumber("meanDaysToClose").bigDecimalValue()).isEqualByComparingTo("60");
    }

    @Test
    void aDecemberClosuresJanuaryFollowUpCountsInDecember() {
        Api.Reply imported = uploadTo(OTHER_STATION, WITH_FOLLOW_UP_DATE + OTHER_STATION
                + ",2021-12-01,VISIT,MARRIAGE_DISPUTE,CLAIM,林芳,,,2021-12-02,,2021-12-20,EXPLAINED,SATISFIED,2022-01-15\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonObject december = countsBy(OTHER_STATION, "2021-12", "2022-02-01");
        assertThat(rate(december, "followUpRate")).isEqualTo("1/1");
        assertThat(rate(december, "satisfaction")).isEqualTo("1/1");
        assertThat(rate(countsBy(OTHER_STATION, "2022-01", "2022-02-01"), "followUpRate")).isEqualTo("0/0");
    }

    @Test
    void notAcceptedAndTransferredMattersAreImportedAsSuchNotAsConsultations() {
        String header = HEADER.replace("\n", ",review_decision,review_date,referred_to\n");
        Api.Reply imported = uploadTo(OTHER_STATION, header
                + OTHER_STATION + ",2021-06-01,VISIT,OTHER,,何静,,,,,,,,NOT_ACCEPTED,2021-06-03,县人民法院\n"
                + OTHER_STATION + ",2021-06-02,LETTER,OTHER,,罗兰,,,,,,,,TRANSFERRED,2021-06-04,县人社局\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().getJsonArray("caseNumbers")).isEmpty();
        long contact = imported.json().getJsonArray("rows").getJsonObject(0).getJsonNumber("contactId").longValue();
        JsonObject details = supervisor(OTHER_STATION).get("api/contacts/" + contact).json();
        assertThat(details.toString()).contains("NOT_ACCEPTED").contains("县人民法院");
    }

    /** A reopening in the ledger: the first closure's period counts it as reopened, the second closure is final. */
    @Test
    void aReopeningInTheLedgerCountsInTheReopenRateAndTheSecondClosureIsTheFinalOne() {
        String header = HEADER.replace("\n", ",reopened_date,second_closed_date,second_closure_reason\n");
        Api.Reply imported = uploadTo(OTHER_STATION, header + OTHER_STATION
                + ",2019-02-28,VISIT,OTHER,,郭英,,,2019-03-01,,2019-03-10,EXPLAINED,,2019-04-01,2019-04-20,EXPLAINED\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        JsonObject march = countsBy(OTHER_STATION, "2019-03", "2019-07-01");
        assertThat(rate(march, "reopenRate")).isEqualTo("1/1");
        assertThat(march.getInt("closed")).as("a reopened case counts at its final closure").isZero();
        JsonObject april = countsBy(OTHER_STATION, "2019-04", "2019-07-01");
        assertThat(april.getInt("closed")).isEqualTo(1);
        assertThat(rate(april, "reopenRate")).isEqualTo("0/1");
        assertThat(april.getJsonNumber("meanDaysToClose").bigDecimalValue()).isEqualByComparingTo("50");
    }

    /** A closed case's referral in the ledger is in its file, answered, and leaves no running chase behind. */
    @Test
    void aReferralInTheLedgerIsInTheCaseFileWithItsAnswer() {
        String header = HEADER.replace("\n", ",referral_agency,referral_date,referral_answer,referral_answer_date\n");
        Api.Reply imported = uploadTo(OTHER_STATION, header + OTHER_STATION
                + ",2018-05-02,VISIT,OTHER,,唐敏,,,2018-05-03,,2018-06-10,REFERRAL_COMPLETED,,QX-FLYZ,2018-05-05,ACCEPTED,"
                + "2018-05-08\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        String number = imported.json().getJsonArray("caseNumbers").getString(0);
        JsonObject file = supervisor(OTHER_STATION).get("api/cases/" + number).json();
        JsonObject referral = file.getJsonArray("referrals").getJsonObject(0);
        assertThat(referral.toString()).contains("QX-FLYZ");
        assertThat(referral.getString("status")).isEqualTo("ACCEPTED");
        assertThat(file.getJsonArray("openTasks")).as("no chase of a referral answered years ago").isEmpty();

        Api.Reply open = uploadTo(OTHER_STATION, header + OTHER_STATION
                + ",2018-05-02,VISIT,OTHER,,唐敏,,,2018-05-03,,,,,QX-FLYZ,2018-05-05,,\n");
        assertThat(open.status()).isEqualTo(422);
        assertThat(open.body()).contains("row 2: referral_agency");
    }

    /** A file of bad cells imports nothing and says each bad cell once. */
    @Test
    void aFileOfBadCellsGivesExactlyOneErrorPerBadCell() {
        String header = HEADER.replace("\n", ",follow_up_date,extension_days\n");
        String bad = header
                // a malformed acceptance date: not also "closed needs an acceptance", "mediation for an accepted case"
                + OTHER_STATION + ",2020-05-03,VISIT,OTHER,,甲,,,2020-5-4x,WRITTEN_AGREEMENT,2020-05-20,MEDIATED_WRITTEN,,,\n"
                // an agreement that contradicts the closure reason
                + OTHER_STATION + ",2020-05-03,VISIT,OTHER,,乙,,,2020-05-04,ORAL_AGREEMENT,2020-05-20,MEDIATED_WRITTEN,,,\n"
                // a malformed closure date and 31 days of extension
                + OTHER_STATION + ",2020-05-03,VISIT,OTHER,,丙,,,2020-05-04,,2020-13-20,EXPLAINED,SATISFIED,2020-06-20,31\n";
        Api.Reply reply = uploadTo(OTHER_STATION, bad);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        reply.json().getJsonArray("errors").forEach(e -> fields.add(e.asJsonObject().getString("field")));
        assertThat(fields).containsExactlyInAnyOrder("row 2: accepted_date", "row 3: mediation_outcome",
                "row 4: closed_date", "row 4: extension_days");
        assertThat(countsBy(OTHER_STATION, "2020-05", "2020-07-01").getInt("received")).isZero();
    }

    /** Every column of the template, in its order. */
    private static final List<String> ALL_COLUMNS = org.weiquan.ledger.LedgerColumns.NAMES;

    /** A row of the full template from column=value pairs; the other cells empty. */
    private static String fullRow(String station, String... pairs) {
        java.util.Map<String, String> cells = new java.util.HashMap<>();
        cells.put("station_code", station);
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            cells.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        assertThat(ALL_COLUMNS).containsAll(cells.keySet());
        return String.join(",", ALL_COLUMNS.stream().map(c -> cells.getOrDefault(c, "")).toList()) + "\n";
    }

    /**
     * A year's ledger using every column and every review decision. Worked out by hand (report 2023, cut-off
     * 1 February 2024):
     * received 10 (L-07 twice: two anonymous online messages); by channel VISIT 4 (L-01, L-04, L-08, L-09), LETTER 2
     * (L-02, L-05), so "来信来访" 6; HOTLINE 1, PHONE 1, ONLINE 2; not accepted 1 (L-04), transferred 1 (L-05),
     * consultations 3 (L-06, L-07 twice); accepted 5 (L-01, L-02, L-03, L-08, L-09); closed 4 (L-01, L-02, L-03, L-08);
     * cohort closure 4/5; on time 3/4 (L-01 on day 64 within its 10-day extension, L-02, L-08; L-03 after 202 days
     * is late); resolution 1/2 (claims L-01 mediated in writing, L-08 mediation failed); mediation success 1/2;
     * days to close 64, 10, 202, 29: mean 76.3, median 46.5; follow-ups due 3 (MARRIAGE L-01 and L-08, DV L-03 whose
     * January visit belongs to December's closure), done 3; satisfied 1 of 2 answered (L-01 yes, L-03 no), 1
     * unreachable (L-08); overdue 1 (L-09, open since 1 November, due 31 December).
     */
    private static String fullLedger(String s) {
        return String.join(",", ALL_COLUMNS) + "\n"
                + fullRow(s, "ledger_number=L-01", "received_date=2023-03-01", "channel=VISIT", "category=MARRIAGE_DISPUTE",
                "other_categories=DOMESTIC_VIOLENCE", "petition_type=CLAIM", "summary=要求离婚并分割财产",
                "complainant_name=王秀英", "complainant_gender=FEMALE", "complainant_age=38", "minor_involved=NO",
                "complainant_phone=13900001111", "respondent_name=李强", "respondent_relation=丈夫",
                "review_decision=ACCEPTED", "acknowledged_date=2023-03-02", "acknowledgement_form=ORAL",
                "accepted_date=2023-03-02", "risk_level=MEDIUM", "extension_days=10",
                "extension_approved_date=2023-04-20", "mediation_outcome=WRITTEN_AGREEMENT", "closed_date=2023-05-05",
                "closure_reason=MEDIATED_WRITTEN", "follow_up_date=2023-06-04", "follow_up_result=SATISFIED",
                "agreement_performed=YES")
                + fullRow(s, "ledger_number=L-02", "received_date=2023-03-08", "channel=LETTER", "category=OTHER",
                "complainant_name=赵玉梅", "complainant_age=1960", "accepted_date=2023-03-10", "closed_date=2023-03-20",
                "closure_reason=EXPLAINED")
                + fullRow(s, "ledger_number=L-03", "received_date=2023-05-30", "channel=HOTLINE",
                "category=DOMESTIC_VIOLENCE", "complainant_name=孙桂兰", "complainant_gender=FEMALE",
                "accepted_date=2023-06-01", "risk_level=LOW", "closed_date=2023-12-20", "closure_reason=REFERRAL_COMPLETED",
                "follow_up_date=2024-01-15", "follow_up_result=NOT_SATISFIED", "agreement_performed=NO_AGREEMENT")
                + fullRow(s, "ledger_number=L-04", "received_date=2023-04-01", "channel=VISIT", "category=OTHER",
                "complainant_name=何静", "review_decision=NOT_ACCEPTED", "review_date=2023-04-03",
                "referred_to=县人民法院", "acknowledged_date=2023-04-03", "acknowledgement_form=WRITTEN")
                + fullRow(s, "ledger_number=L-05", "received_date=2023-04-05", "channel=LETTER", "category=OTHER",
                "complainant_name=罗兰", "review_decision=TRANSFERRED", "review_date=2023-04-06", "referred_to=县人社局")
                + fullRow(s, "ledger_number=L-06", "received_date=2023-07-01", "channel=PHONE", "category=OTHER",
                "complainant_name=周静", "review_decision=CONSULTATION_ANSWERED")
                + fullRow(s, "received_date=2023-08-08", "channel=ONLINE", "category=OTHER", "complainant_name=匿名")
                + fullRow(s, "received_date=2023-08-08", "channel=ONLINE", "category=OTHER", "complainant_name=匿名")
                + fullRow(s, "ledger_number=L-08", "received_date=2023-08-30", "channel=VISIT",
                "category=MARRIAGE_DISPUTE", "petition_type=CLAIM", "complainant_name=冯娟", "respondent_name=陈刚",
                "accepted_date=2023-09-01", "mediation_outcome=TERMINATED", "closed_date=2023-09-30",
                "closure_reason=MEDIATION_FAILED_ADVISED", "follow_up_date=2023-10-30", "follow_up_result=UNREACHABLE")
                + fullRow(s, "ledger_number=L-09", "received_date=2023-10-31", "channel=VISIT", "category=ELDER_SUPPORT",
                "complainant_name=吴红", "minor_involved=YES", "accepted_date=2023-11-01");
    }

    private List<String> drill(String station, String kind, String indicator) {
        Api.Reply r = supervisor(station).get("api/reports/" + kind + "?indicator=" + indicator + "&stationCode=" + station
                + "&period=2023&cutoff=2024-02-01T00:00:00%2B08:00&size=200");
        assertThat(r.status()).as(indicator + " " + r).isEqualTo(200);
        List<String> items = new ArrayList<>();
        ((jakarta.json.JsonArray) r.jsonStructure()).forEach(v -> items.add(v.toString().replace("\"", "")));
        return items;
    }

    /** The year's figures of a room's full ledger, and every list behind them, as worked out by hand. */
    private void assertTheFullLedgersYear(String station, Api.Reply imported) {
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().getInt("imported")).isEqualTo(10);
        java.util.Map<String, String> number = new java.util.HashMap<>();
        java.util.Map<String, String> contact = new java.util.HashMap<>();
        String[] ledgerNumbers = {"L-01", "L-02", "L-03", "L-04", "L-05", "L-06", "L-07a", "L-07b", "L-08", "L-09"};
        List<JsonObject> rows = imported.json().getJsonArray("rows").getValuesAs(JsonObject.class);
        for (int i = 0; i < rows.size(); i++) {
            number.put(ledgerNumbers[i], !rows.get(i).containsKey("caseNumber") || rows.get(i).isNull("caseNumber") ? null : rows.get(i).getString("caseNumber"));
            contact.put(ledgerNumbers[i], rows.get(i).getJsonNumber("contactId").toString());
        }
        Api.Reply reply = supervisor(station).get("api/reports/indicators?stationCode=" + station
                + "&period=2023&cutoff=2024-02-01T00:00:00%2B08:00");
        JsonObject report = reply.json();
        JsonObject y = report.getJsonObject("total").getJsonObject("counts");
        assertThat(y.getInt("received")).isEqualTo(10);
        assertThat(y.getInt("notAccepted")).isEqualTo(1);
        assertThat(y.getInt("transferred")).isEqualTo(1);
        assertThat(y.getInt("consultations")).isEqualTo(3);
        assertThat(y.getInt("accepted")).isEqualTo(5);
        assertThat(y.getInt("closed")).isEqualTo(4);
        assertThat(rate(y, "cohortClosureRate")).isEqualTo("4/5");
        assertThat(rate(y, "onTimeRate")).isEqualTo("3/4");
        assertThat(rate(y, "resolutionRate")).isEqualTo("1/2");
        assertThat(rate(y, "mediationSuccessRate")).isEqualTo("1/2");
        assertThat(y.getJsonNumber("meanDaysToClose").bigDecimalValue()).isEqualByComparingTo("76.3");
        assertThat(y.getJsonNumber("medianDaysToClose").bigDecimalValue()).isEqualByComparingTo("46.5");
        assertThat(rate(y, "followUpRate")).isEqualTo("3/3");
        assertThat(rate(y, "satisfaction")).isEqualTo("1/2");
        assertThat(y.getInt("followUpsUnreachable")).isEqualTo(1);
        assertThat(rate(y, "reopenRate")).isEqualTo("0/4");
        assertThat(y.getInt("overdue")).isEqualTo(1);
        java.util.Map<String, JsonObject> channels = new java.util.HashMap<>();
        report.getJsonArray("byChannel").getValuesAs(JsonObject.class).forEach(g -> channels.put(g.getString("key"), g));
        assertThat(channels.get("LETTER").getInt("received") + channels.get("VISIT").getInt("received"))
                .as("接待来信来访 N 起").isEqualTo(6);
        assertThat(channels.get("ONLINE").getInt("received")).isEqualTo(2);
        assertThat(channels.get("VISIT").getInt("accepted")).isEqualTo(3);
        java.util.Map<String, JsonObject> categories = new java.util.HashMap<>();
        report.getJsonArray("byCategory").getValuesAs(JsonObject.class).forEach(g -> categories.put(g.getString("key"), g));
        assertThat(categories.get("OTHER").getInt("received")).isEqualTo(6);
        assertThat(categories.get("MARRIAGE_DISPUTE").getInt("closed")).isEqualTo(2);

        assertThat(drill(station, "contacts", "RECEIVED")).containsExactlyInAnyOrderElementsOf(contact.values());
        assertThat(drill(station, "contacts", "NOT_ACCEPTED")).containsExactly(contact.get("L-04"));
        assertThat(drill(station, "contacts", "TRANSFERRED")).containsExactly(contact.get("L-05"));
        assertThat(drill(station, "contacts", "CONSULTATIONS")).containsExactlyInAnyOrder(contact.get("L-06"),
                contact.get("L-07a"), contact.get("L-07b"));
        assertThat(drill(station, "cases", "ACCEPTED")).containsExactlyInAnyOrder(number.get("L-01"), number.get("L-02"),
                number.get("L-03"), number.get("L-08"), number.get("L-09"));
        assertThat(drill(station, "cases", "CLOSED")).containsExactlyInAnyOrder(number.get("L-01"), number.get("L-02"),
                number.get("L-03"), number.get("L-08"));
        assertThat(drill(station, "cases", "COHORT_CLOSED")).hasSize(4);
        assertThat(drill(station, "cases", "ON_TIME")).containsExactlyInAnyOrder(number.get("L-01"), number.get("L-02"),
                number.get("L-08"));
        assertThat(drill(station, "cases", "CLAIMS_CLOSED")).containsExactlyInAnyOrder(number.get("L-01"),
                number.get("L-08"));
        assertThat(drill(station, "cases", "RESOLVED")).containsExactly(number.get("L-01"));
        assertThat(drill(station, "cases", "MEDIATIONS_CONCLUDED")).containsExactlyInAnyOrder(number.get("L-01"),
                number.get("L-08"));
        assertThat(drill(station, "cases", "MEDIATIONS_AGREED")).containsExactly(number.get("L-01"));
        assertThat(drill(station, "cases", "FOLLOW_UPS_DUE")).containsExactlyInAnyOrder(number.get("L-01"),
                number.get("L-03"), number.get("L-08"));
        assertThat(drill(station, "cases", "FOLLOW_UPS_DONE")).hasSize(3);
        assertThat(drill(station, "cases", "SATISFIED")).containsExactly(number.get("L-01"));
        assertThat(drill(station, "cases", "FOLLOW_UPS_ANSWERED")).containsExactlyInAnyOrder(number.get("L-01"),
                number.get("L-03"));
        assertThat(drill(station, "cases", "FOLLOW_UPS_UNREACHABLE")).containsExactly(number.get("L-08"));
        assertThat(drill(station, "cases", "CLOSURES_APPROVED")).hasSize(4);
        assertThat(drill(station, "cases", "REOPENED")).isEmpty();
        assertThat(drill(station, "cases", "OVERDUE")).containsExactly(number.get("L-09"));
        // case numbers follow the acceptance dates
        assertThat(List.of(number.get("L-01"), number.get("L-02"), number.get("L-03"), number.get("L-08"),
                number.get("L-09"))).isSorted();
    }

    @Test
    void aLedgerOfEveryColumnAndEveryReviewDecisionGivesTheFiguresWorkedOutByHandAsCsvAndAsXlsx() {
        Api.Reply csv = uploadTo(FULL_CSV, fullLedger(FULL_CSV));
        assertTheFullLedgersYear(FULL_CSV, csv);
        Api.Reply again = uploadTo(FULL_CSV, fullLedger(FULL_CSV));
        assertThat(again.json().getInt("imported")).as(again.toString()).isZero();
        assertThat(again.json().getInt("alreadyImported")).isEqualTo(10);

        // the workbook a clerk fills in: Chinese headers, drop-down entries such as "VISIT 来访", Excel dates
        String[] lines = fullLedger(FULL_XLSX).split("\n");
        StringBuilder asTyped = new StringBuilder(String.join(",", org.weiquan.ledger.LedgerColumns.ALL.stream()
                .map(org.weiquan.ledger.LedgerColumns.Column::header).toList())).append('\n');
        for (int i = 1; i < lines.length; i++) {
            asTyped.append(lines[i].replace(",VISIT,", ",VISIT 来访,").replace(",LETTER,", ",LETTER 来信,")).append('\n');
        }
        Api.Reply xlsx = supervisor(FULL_XLSX).postBytes("api/ledger", XLSX, null, xlsx(asTyped.toString(), 2));
        assertTheFullLedgersYear(FULL_XLSX, xlsx);
    }

    private long registerByHand(Api intake, String channel) {
        Api.Reply reg = intake.post("api/contacts", TestData.contact(BY_HAND, channel, "OTHER")
                .add("parties", jakarta.json.Json.createArrayBuilder().add(TestData.party("COMPLAINANT", TestData.name())))
                .add("confirmedNew", true).build().toString());
        assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
        return reg.json().getJsonNumber("id").longValue();
    }

    private String decideByHand(Api supervisor, long contact, String decision) {
        Api.Reply r = supervisor.post("api/contacts/" + contact + "/decision", decision);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().containsKey("caseNumber") && !r.json().isNull("caseNumber") ? r.json().getString("caseNumber")
                : null;
    }

    private void completeByHand(Api who, String number, String key, String form) {
        Api.Reply file = supervisor(BY_HAND).get("api/cases/" + number);
        String task = file.json().getJsonArray("openTasks").getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("key").equals(key)).map(t -> t.getString("id")).findFirst().orElseThrow();
        Api.Reply r = who.post("api/tasks/" + task + "/completion", form);
        assertThat(r.status()).as(r.toString()).isEqualTo(204);
    }

    /**
     * DESIGN §5's figures do not depend on how the cases came in: today's contacts entered by hand through the
     * workflow at one room and written in a ledger and imported at another give the same report.
     */
    @Test
    void anImportedLedgerGivesTheSameFiguresAsTheSameContactsEnteredByHandThroughTheWorkflow() {
        Api supervisor = supervisor(BY_HAND); // opens the rooms
        Api intake = TestUsers.user(base, "h13-intake", BY_HAND, "INTAKE");
        Api mediator = TestUsers.user(base, "h13-mediator", BY_HAND, "MEDIATOR");
        String closed = decideByHand(supervisor, registerByHand(intake, "VISIT"), "{\"decision\":\"ACCEPTED\"}");
        decideByHand(supervisor, registerByHand(intake, "LETTER"), "{\"decision\":\"ACCEPTED\"}");
        decideByHand(supervisor, registerByHand(intake, "VISIT"),
                "{\"decision\":\"NOT_ACCEPTED\",\"reason\":\"不属于受理范围\",\"referredTo\":\"县人民法院\"}");
        decideByHand(supervisor, registerByHand(intake, "PHONE"),
                "{\"decision\":\"TRANSFERRED\",\"referredTo\":\"县人社局\"}");
        decideByHand(supervisor, registerByHand(intake, "HOTLINE"), "{\"decision\":\"CONSULTATION_ANSWERED\"}");
        completeByHand(supervisor, closed, "Task_AssignMediator", "{\"mediator\":\"h13-mediator\"}");
        completeByHand(mediator, closed, "Task_HandleCase",
                "{\"step\":\"REQUEST_CLOSURE\",\"closureReason\":\"EXPLAINED\"}");
        completeByHand(supervisor, closed, "Task_ApproveClosure", "{\"approved\":true}");

        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        String header = HEADER.replace("\n", ",review_decision,review_date,referred_to\n");
        Api.Reply imported = uploadTo(FROM_LEDGER, header
                + FROM_LEDGER + "," + today + ",VISIT,OTHER,,张敏,,," + today + ",," + today + ",EXPLAINED,,,,\n"
                + FROM_LEDGER + "," + today + ",LETTER,OTHER,,李娜,,," + today + ",,,,,,,\n"
                + FROM_LEDGER + "," + today + ",VISIT,OTHER,,王丽,,,,,,,,NOT_ACCEPTED," + today + ",县人民法院\n"
                + FROM_LEDGER + "," + today + ",PHONE,OTHER,,赵敏,,,,,,,,TRANSFERRED," + today + ",县人社局\n"
                + FROM_LEDGER + "," + today + ",HOTLINE,OTHER,,刘芳,,,,,,,,CONSULTATION_ANSWERED,,\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);

        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        JsonObject byHand = supervisor(BY_HAND).get("api/reports/indicators?stationCode=" + BY_HAND + "&period=" + month)
                .json();
        JsonObject fromLedger = supervisor(FROM_LEDGER).get("api/reports/indicators?stationCode=" + FROM_LEDGER
                + "&period=" + month).json();
        JsonObject hand = byHand.getJsonObject("total").getJsonObject("counts");
        JsonObject ledger = fromLedger.getJsonObject("total").getJsonObject("counts");
        assertThat(hand.getInt("received")).isEqualTo(5);
        for (String count : List.of("received", "notAccepted", "transferred", "consultations", "accepted", "closed",
                "overdue")) {
            assertThat(ledger.getInt(count)).as(count).isEqualTo(hand.getInt(count));
        }
        for (String rate : List.of("cohortClosureRate", "flowClosureRate", "resolutionRate", "onTimeRate",
                "mediationSuccessRate", "followUpRate", "satisfaction", "reopenRate")) {
            assertThat(rate(ledger, rate)).as(rate).isEqualTo(rate(hand, rate));
        }
        assertThat(ledger.getJsonNumber("meanDaysToClose").bigDecimalValue())
                .isEqualByComparingTo(hand.getJsonNumber("meanDaysToClose").bigDecimalValue());
        assertThat(fromLedger.getJsonArray("byChannel").toString()).isEqualTo(byHand.getJsonArray("byChannel").toString());
        assertThat(fromLedger.getJsonArray("byCategory").toString()).isEqualTo(byHand.getJsonArray("byCategory").toString());
    }

    /**
     * The CSV ledger as a workbook a station would send: dates as Excel dates, phones typed as numbers, an empty
     * CSV line as a blank row, and blank rows at the end.
     */
    private static byte[] xlsx(String csv, int trailingBlankRows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("台账");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            String[] lines = csv.split("\n", -1);
            List<String> columns = List.of(lines[0].split(","));
            int r = 0;
            for (String line : lines) {
                Row row = sheet.createRow(r++);
                String[] values = line.split(",", -1);
                for (int i = 0; i < values.length; i++) {
                    String v = values[i];
                    if (v.isEmpty()) {
                        continue;
                    }
                    Cell cell = row.createCell(i);
                    if (r > 1 && columns.get(i).endsWith("_date") && v.matches("\\d{4}-\\d{2}-\\d{2}")
                            && !v.equals("2024-13-40")) {
                        cell.setCellValue(LocalDate.parse(v));
                        cell.setCellStyle(date);
                    } else if (r > 1 && columns.get(i).equals("complainant_phone")) {
                        cell.setCellValue(Long.parseLong(v));
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            for (int i = 0; i < trailingBlankRows; i++) {
                sheet.createRow(r++).createCell(0).setCellValue("");
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rate(JsonObject counts, String name) {
        JsonObject r = counts.getJsonObject(name);
        return r.getInt("numerator") + "/" + r.getInt("denominator");
    }

    // ================================================ the demo data's import methods (was DemoImportIT)

    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Inject
    IntakeService intake;

    @Inject
    ReviewService reviews;

    @Inject
    RuntimeService runtime;

    @Inject
    HistoryService history;

    @Inject
    TaskService tasks;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    DemoContacts demo;

    @Inject
    org.weiquan.security.UserFactory userFactory;

    @Resource(lookup = "java:comp/UserTransaction")
    jakarta.transaction.UserTransaction transaction;

    private Database db() {
        return new Database(dataSource);
    }

    private static ContactRegistration letter(String station, OffsetDateTime received, String summary) {
        return new ContactRegistration(station, "LETTER", received, summary, "CLAIM", "DOMESTIC_VIOLENCE", null, null,
                List.of(new ContactRegistration.PartyInput("COMPLAINANT", "林秀英", "FEMALE", null, 52, null,
                                List.of(new ContactRegistration.PhoneInput("13600001111", false)), null, null, null),
                        new ContactRegistration.PartyInput("RESPONDENT", "郑大军", "MALE", null, null, null, List.of(),
                                null, null, "丈夫")), null, true);
    }

    private static OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.now(CST).minusDays(days).truncatedTo(ChronoUnit.MINUTES);
    }

    @Test
    void aLedgerContactAcceptedLongAgoBecomesACaseOfThatYearWithItsTimelineAtTheTimesGiven() {
        OffsetDateTime received = daysAgo(400);
        Instant registered = received.toInstant().plus(Duration.ofHours(1));
        Instant told = received.toInstant().plus(Duration.ofDays(1));
        Instant accepted = received.toInstant().plus(Duration.ofDays(3));

        long id = intake.importContact(letter("QX-0105", received, "来信：丈夫殴打 " + UUID.randomUUID()), registered,
                "ledger-clerk", false);
        intake.acknowledgeAt(id, LocalDate.ofInstant(told, StationTime.ZONE), "WRITTEN", told, "ledger-clerk");
        ReviewService.Outcome outcome = reviews.decideAt(id, new ReviewDecisionForm(ReviewDecision.ACCEPTED, null, null, null),
                accepted, "ledger-chief");

        int year = accepted.atZone(StationTime.ZONE).getYear();
        assertThat(outcome.caseNumber()).matches("QX-0105-" + year + "-\\d{4}");
        assertThat(db().count("SELECT COUNT(*) FROM case_file WHERE number = ? AND accepted_at = ? AND accepted_by = ?",
                outcome.caseNumber(), OffsetDateTime.ofInstant(accepted, CST), "ledger-chief")).isOne();
        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE id = ? AND registered_at = ? AND registered_by = ?"
                + " AND decided_at = ? AND acknowledged_on = ?", id, OffsetDateTime.ofInstant(registered, CST),
                "ledger-clerk", OffsetDateTime.ofInstant(accepted, CST), LocalDate.ofInstant(told, StationTime.ZONE)))
                .isOne();
        assertThat(db().count("SELECT COUNT(*) FROM case_event WHERE contact_id = ? AND (type = 'CONTACT_REGISTERED' AND"
                        + " occurred_at = ? OR type = 'ACKNOWLEDGED' AND occurred_at = ? OR type = 'ACCEPTED' AND"
                        + " occurred_at = ? AND actor = 'ledger-chief' AND actor_station = 'QX-0105')", id,
                OffsetDateTime.ofInstant(registered, CST), OffsetDateTime.ofInstant(told, CST),
                OffsetDateTime.ofInstant(accepted, CST))).isEqualTo(3);
        assertThat(db().count("SELECT COUNT(*) FROM party_phone ph JOIN party p ON ph.party_id = p.id"
                + " WHERE p.contact_id = ? AND ph.number_enc NOT LIKE '%13600001111%' AND ph.safe_to_contact = FALSE", id))
                .as("the phone is stored encrypted, with its safety flag").isOne();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id)).count())
                .as("imported as decided: no review process at all").isZero();
    }

    @Test
    void anImportedContactUnderReviewStopsBeingChasedOnceAcknowledgedAndEndsItsReviewWhenDecided() {
        OffsetDateTime received = daysAgo(3);
        long id = intake.importContact(letter("QX-0106", received, "来信 " + UUID.randomUUID()),
                received.toInstant().plus(Duration.ofHours(1)), "ledger-clerk", true);
        String key = String.valueOf(id);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey("Task_ReviewContact")
                .taskCandidateGroup("station:QX-0106:supervisor").count()).isOne();

        Instant told = received.toInstant().plus(Duration.ofDays(1));
        intake.acknowledgeAt(id, LocalDate.ofInstant(told, StationTime.ZONE), "SMS", told, "ledger-clerk");
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId();
        assertThat(runtime.getVariable(instance, "acknowledged")).isEqualTo(true);

        reviews.decideAt(id, new ReviewDecisionForm(ReviewDecision.CONSULTATION_ANSWERED, "已解答", null, null),
                Instant.now().minus(Duration.ofHours(1)), "ledger-chief");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).finished().count())
                .isOne();
    }

    @Test
    void anImportIsCheckedLikeARegistrationAndEveryProblemIsNamedAtOnce() {
        String marker = "不应保存 " + UUID.randomUUID();
        ContactRegistration broken = new ContactRegistration("QX-0107", "FAX", daysAgo(10), marker, null,
                "DOMESTIC_VIOLENCE", null, null, List.of(new ContactRegistration.PartyInput("COMPLAINANT", "林秀英", null,
                null, null, null, List.of(new ContactRegistration.PhoneInput("12345", true)), null, null, null)),
                null, true);

        InvalidInput refused = invalid(() -> intake.importContact(broken, Instant.now().plus(Duration.ofDays(1)),
                "ledger-clerk", true));
        assertThat(refused.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("channel", "parties[0].phones[0].number", "registeredAt");

        OffsetDateTime received = daysAgo(10);
        InvalidInput early = invalid(() -> intake.importContact(letter("QX-0107", received, marker),
                received.toInstant().minus(Duration.ofHours(1)), " ", true));
        assertThat(early.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("registeredAt", "registeredBy");
        assertThat(db().count("SELECT COUNT(*) FROM contact WHERE summary = ?", marker)).isZero();
    }

    @Test
    void aHistoricalDecisionIsCheckedLikeALiveOneAndATransferToAStationStartsItsReviewThere() {
        OffsetDateTime received = daysAgo(30);
        Instant registered = received.toInstant().plus(Duration.ofHours(1));
        long id = intake.importContact(letter("QX-0108", received, "来信 " + UUID.randomUUID()), registered,
                "ledger-clerk", false);

        InvalidInput refused = invalid(() -> reviews.decideAt(id,
                new ReviewDecisionForm(ReviewDecision.NOT_ACCEPTED, "已起诉", null, null), registered.minusSeconds(60), "chief"));
        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("referredTo", "decidedAt");

        Instant transferred = received.toInstant().plus(Duration.ofDays(2));
        ReviewService.Outcome outcome = reviews.decideAt(id,
                new ReviewDecisionForm(ReviewDecision.TRANSFERRED, "属河西镇", null, "QX-0201"), transferred, "ledger-chief");
        assertThat(outcome.status()).isEqualTo("AWAITING_REVIEW");
        assertThat(outcome.stationCode()).isEqualTo("QX-0201");
        Task review = tasks.createTaskQuery().processInstanceBusinessKey(String.valueOf(id))
                .taskDefinitionKey("Task_ReviewContact").singleResult();
        assertThat(review).isNotNull();
        assertThat(review.getDueDate().toInstant()).isEqualTo(org.weiquan.shared.Days.deadline(transferred, 15));
        assertThat(tasks.createTaskQuery().taskId(review.getId()).taskCandidateGroup("station:QX-0201:supervisor")
                .count()).isOne();
    }

    /**
     * The quick start's demo network reads like a federation's report: most cases closed within their 60 days, a few
     * overdue, follow-up visits done and mostly satisfied, and a handful of cases at each stage of live work, waiting
     * in the demo users' task lists. Loaded beside the other tests' data in a transaction that is rolled back.
     */
    @Test
    void theDemoNetworkLooksHealthyWithAHandfulOfCasesAtEachStageOfItsWork() throws Exception {
        transaction.setTransactionTimeout(1800);
        transaction.begin();
        try {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            DemoPeople people = new DemoPeople("dash-i1-" + tag, "dash-i2-" + tag, "dash-m1-" + tag, "dash-m2-" + tag,
                    "dash-s1-" + tag, "dash-s2-" + tag);
            user(people.intake01(), "QX-0101", "INTAKE");
            user(people.intake02(), "QX-0201", "INTAKE");
            user(people.mediator01(), "QX-0101", "MEDIATOR");
            user(people.mediator02(), "QX-0201", "MEDIATOR");
            user(people.supervisor01(), "QX-01", "SUPERVISOR");
            user(people.supervisor02(), "QX", "SUPERVISOR");
            DemoContacts.Loaded loaded = demo.loadBesideOtherData("dash-demo-" + tag, people);
            assertThat(loaded.contacts()).isEqualTo(200);
            assertThat(loaded.awaitingReview()).as("contacts awaiting review").isBetween(5, 20);
            String demoCases = " FROM case_file c WHERE c.accepted_by IN (?, ?)";
            String s1 = people.supervisor01();
            String s2 = people.supervisor02();
            long cases = db().count("SELECT COUNT(*)" + demoCases, s1, s2);
            long closed = db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'CLOSED'", s1, s2);
            long inTime = db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'CLOSED' AND c.days_to_close <= 60",
                    s1, s2);
            long overdue = db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'OPEN' AND c.handling_due < ?",
                    s1, s2, OffsetDateTime.now(CST));
            assertThat(cases).isEqualTo(loaded.cases()).isEqualTo(loaded.caseNumbers().size()).isGreaterThan(100);
            assertThat((double) closed / cases).as("closed share of %d cases", cases).isGreaterThan(0.8);
            assertThat((double) inTime / closed).as("closed within 60 days, of %d closed", closed).isGreaterThan(0.9);
            assertThat(overdue).as("open past the deadline").isBetween(1L, 5L);
            assertThat(db().count("SELECT COUNT(*)" + demoCases + " AND c.stage = 'CLOSURE_REQUESTED'", s1, s2))
                    .as("awaiting closure approval").isBetween(2L, 4L);
            assertThat(db().count("SELECT COUNT(*)" + demoCases + " AND c.status = 'CLOSED' AND c.stage = 'FOLLOW_UP'", s1, s2))
                    .as("follow-up due").isBetween(2L, 4L);
            assertThat(db().count("SELECT COUNT(*) FROM referral r JOIN case_file c ON c.number = r.case_number"
                    + " WHERE c.accepted_by IN (?, ?) AND r.status = 'REQUESTED'", s1, s2))
                    .as("referred, awaiting the agency's answer").isBetween(2L, 4L);
            long visits = db().count("SELECT COUNT(*) FROM follow_up_visit f JOIN case_file c ON c.id = f.case_id"
                    + " WHERE c.accepted_by IN (?, ?) AND f.result IS NOT NULL", s1, s2);
            long satisfied = db().count("SELECT COUNT(*) FROM follow_up_visit f JOIN case_file c ON c.id = f.case_id"
                    + " WHERE c.accepted_by IN (?, ?) AND f.result = 'SATISFIED'", s1, s2);
            assertThat(visits).as("follow-up visits done").isGreaterThan(30);
            assertThat((double) satisfied / visits).as("satisfied").isGreaterThan(0.7);

            List<String> numbers = loaded.caseNumbers();
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(numbers.toArray(String[]::new))
                    .taskDefinitionKey("Task_HoldMediationSession").count()).as("being mediated").isBetween(2L, 4L);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(numbers.toArray(String[]::new))
                    .taskDefinitionKey("Task_ApproveClosure").count()).as("closure approvals waiting").isBetween(2L, 4L);
            assertThat(tasks.createTaskQuery().processInstanceBusinessKeyIn(numbers.toArray(String[]::new))
                    .taskDefinitionKey("Task_HandleCase").taskAssignee(people.mediator01()).count())
                    .as("the demo mediator's next steps").isPositive();
        } finally {
            transaction.rollback();
        }
    }

    private void user(String username, String station, String role) {
        userFactory.create(new org.weiquan.security.UserAdministration.NewUser(username, "测试 " + username, station,
                List.of(role), "Dash-" + UUID.randomUUID()), "/", "dash-test");
    }

    /** The services' InvalidInput, unwrapped from the container's exception. */
    private static InvalidInput invalid(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInput invalid) {
                    return invalid;
                }
            }
            throw e;
        }
        throw new AssertionError("expected the input to be refused");
    }
}
