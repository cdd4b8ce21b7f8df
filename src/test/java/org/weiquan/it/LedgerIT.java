package org.weiquan.it;

import jakarta.json.JsonObject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station's ledger imported into real case files, as CSV and as XLSX: a bad row refuses the whole file; a good
 * file imported twice gives one set of cases; the report over them is what the ledger says, worked out by hand.
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
                        + OTHER_STATION + ",台账测试村三,VILLAGE,QX-02\n").getBytes(StandardCharsets.UTF_8));
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
}
