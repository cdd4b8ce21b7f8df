package org.weiquan.reporting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The XLSX and CSV exports of the indicator report read back: the same numbers as the counts they were given. */
class ExportIndicatorReportTest {

    private final ReportService.Report report = ExportSamples.report();

    @Test
    void theWorkbookHoldsEveryCountAndEveryRatesNumeratorAndDenominatorAsNumbers() throws IOException {
        byte[] xlsx = IndicatorReportXlsx.build(report, ExportSamples.GENERATED, "x-supervisor");

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet(IndicatorReportXlsx.SHEET);
            assertThat(text(sheet, IndicatorColumns.STATION)).isEqualTo(ExportSamples.STATION + " (QX-0212)");
            assertThat(text(sheet, IndicatorColumns.PERIOD)).isEqualTo("2026-03 (2026-03-01 – 2026-03-31)");
            assertThat(text(sheet, IndicatorColumns.CUTOFF)).isEqualTo("2026-04-15 00:00:00");

            Row header = rowStartingWith(sheet, IndicatorColumns.STATION_CODE);
            List<String> headings = new ArrayList<>();
            header.forEach(c -> headings.add(c.getStringCellValue()));
            Row own = sheet.getRow(header.getRowNum() + 1);
            Row total = sheet.getRow(header.getRowNum() + 3);
            assertThat(own.getCell(2).getStringCellValue()).isEqualTo("本站 station only");
            assertThat(total.getCell(2).getStringCellValue()).isEqualTo(IndicatorColumns.TOTAL);

            assertThat(number(own, headings, "受理数 accepted")).isEqualTo(3);
            assertThat(number(own, headings, "接待量 received")).isEqualTo(7);
            assertThat(number(own, headings, "结案率（队列） closure rate (cohort) 分子 numerator")).isEqualTo(2);
            assertThat(number(own, headings, "结案率（队列） closure rate (cohort) 分母 denominator")).isEqualTo(3);
            assertThat(number(own, headings, "结案率（队列） closure rate (cohort) % percent")).isEqualTo(66.7);
            assertThat(number(own, headings, "平均办结天数 mean days to close")).isEqualTo(14.5);
            assertThat(cell(own, headings, "调处率 resolution rate % percent").getStringCellValue()).isEqualTo("—");
            assertThat(number(total, headings, "受理数 accepted")).isEqualTo(5);
            assertThat(number(total, headings, "重复访率 repeat-visit rate 分子 numerator")).isEqualTo(1);
            assertThat(number(total, headings, "重复访率 repeat-visit rate 分母 denominator")).isEqualTo(5);

            assertThat(book.getSheet(IndicatorReportXlsx.CATEGORY_SHEET).getRow(1).getCell(2).getNumericCellValue())
                    .isEqualTo(3);
            assertThat(book.getSheet(IndicatorReportXlsx.DEFINITIONS_SHEET).getRow(2).getCell(0).getStringCellValue())
                    .isEqualTo(ReportDefinitions.of(report, org.weiquan.shared.Labels.CHINESE).get(1))
                    .startsWith("接待量：");
        }
    }

    @Test
    void everyRowOfTheWorkbookMatchesItsCountsColumnByColumn() throws IOException {
        byte[] xlsx = IndicatorReportXlsx.build(report, ExportSamples.GENERATED, "x-supervisor");

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet(IndicatorReportXlsx.SHEET);
            Row header = rowStartingWith(sheet, IndicatorColumns.STATION_CODE);
            List<IndicatorQueries.Counts> expected = List.of(ExportSamples.own(), ExportSamples.child(),
                    ExportSamples.total());
            for (int i = 0; i < expected.size(); i++) {
                List<Object> values = IndicatorColumns.flatValues(expected.get(i));
                Row row = sheet.getRow(header.getRowNum() + 1 + i);
                for (int c = 0; c < values.size(); c++) {
                    Cell cell = row.getCell(3 + c);
                    Object v = values.get(c);
                    if (v instanceof String s) {
                        assertThat(cell.getStringCellValue()).isEqualTo(s);
                    } else {
                        assertThat(cell.getNumericCellValue()).as(header.getCell(3 + c).getStringCellValue())
                                .isEqualTo(Double.parseDouble(v.toString()));
                    }
                }
            }
        }
    }

    @Test
    void theCsvStartsWithAByteOrderMarkAndParsesBackToTheSameNumbers() throws IOException {
        byte[] csv = IndicatorReportCsv.build(report, ExportSamples.GENERATED, "x-supervisor");

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
            records = parser.getRecords();
        }
        assertThat(records.get(1).values()).containsExactly(IndicatorColumns.STATION, ExportSamples.STATION, "QX-0212");
        assertThat(records.get(2).values()).containsExactly(IndicatorColumns.PERIOD, "2026-03", "2026-03-01", "2026-03-31");
        assertThat(records.get(3).values()).containsExactly(IndicatorColumns.CUTOFF, "2026-04-15 00:00:00");

        int h = indexOf(records, IndicatorColumns.STATION_CODE);
        List<String> headings = records.get(h).toList();
        CSVRecord own = records.get(h + 1);
        CSVRecord child = records.get(h + 2);
        CSVRecord total = records.get(h + 3);
        assertThat(own.get(1)).isEqualTo(ExportSamples.STATION);
        assertThat(child.get(0)).isEqualTo("QX-021201");
        assertThat(own.get(headings.indexOf("受理数 accepted"))).isEqualTo("3");
        assertThat(own.get(headings.indexOf("结案率（队列） closure rate (cohort) 分子 numerator"))).isEqualTo("2");
        assertThat(own.get(headings.indexOf("结案率（队列） closure rate (cohort) 分母 denominator"))).isEqualTo("3");
        assertThat(own.get(headings.indexOf("结案率（队列） closure rate (cohort) % percent"))).isEqualTo("66.7");
        assertThat(own.get(headings.indexOf("调处率 resolution rate % percent"))).isEqualTo("—");
        assertThat(child.get(headings.indexOf("平均办结天数 mean days to close"))).isEqualTo("—");
        assertThat(total.get(2)).isEqualTo(IndicatorColumns.TOTAL);
        assertThat(total.get(headings.indexOf("接待量 received"))).isEqualTo("11");
        String chinese = ReportDefinitions.of(report, org.weiquan.shared.Labels.CHINESE).get(1);
        assertThat(records).as("the definitions in Chinese, as on the XLSX's sheet")
                .anySatisfy(r -> assertThat(r.values()).containsExactly("", chinese))
                .noneSatisfy(r -> assertThat(r.values()).contains(report.definitions().get(1)));
        assertThat(records).anySatisfy(r -> assertThat(r.values()).containsExactly("2026-03", "7", "5", "2"));
    }

    @Test
    void theDefinitionsSheetIsChineseWithoutCodeNamesAndEnglishInEnglish() throws IOException {
        ReportService.Report report = ExportSamples.report();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                IndicatorReportXlsx.build(report, ExportSamples.GENERATED, "x-supervisor")))) {
            String text = sheetText(book.getSheet("定义"));
            assertThat(text).contains("指标定义", "统计期间：2026年3月1日至2026年3月31日", "调解成功率＝调解成功÷调解终结");
            org.weiquan.it.ChineseTexts.assertReadable(text);
        }
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                IndicatorReportXlsx.build(report, ExportSamples.GENERATED, "x-supervisor", java.util.Locale.ENGLISH)))) {
            assertThat(sheetText(book.getSheet("Definitions"))).contains("Period: 2026-03-01 to 2026-03-31",
                    "Mediation success rate = mediations agreed / mediations concluded")
                    .doesNotContain("MEDIATIONS_AGREED", "OPEN_AT_START");
        }
    }

    @Test
    void theBreakdownsNameEachCategoryAndChannelInTheReadersLanguageNotByItsCode() throws IOException {
        ReportService.Report report = ExportSamples.report();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                IndicatorReportXlsx.build(report, ExportSamples.GENERATED, "测试 主任")))) {
            assertThat(anyText(book.getSheet(IndicatorReportXlsx.CATEGORY_SHEET))).contains("家庭暴力", "其他")
                    .doesNotContain("DOMESTIC_VIOLENCE", "OTHER");
            assertThat(anyText(book.getSheet(IndicatorReportXlsx.CHANNEL_SHEET))).contains("来访").doesNotContain("VISIT");
        }
        String csv = new String(IndicatorReportCsv.build(report, ExportSamples.GENERATED, "测试 主任"), StandardCharsets.UTF_8);
        assertThat(csv).contains("家庭暴力,").doesNotContain("DOMESTIC_VIOLENCE", "VISIT");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                IndicatorReportXlsx.build(report, ExportSamples.GENERATED, "x", java.util.Locale.ENGLISH)))) {
            assertThat(anyText(book.getSheet(IndicatorReportXlsx.CATEGORY_SHEET))).contains("Domestic violence");
        }
    }

    /** Every cell of a sheet as it shows, numbers included. */
    static String anyText(Sheet sheet) {
        org.apache.poi.ss.usermodel.DataFormatter shown = new org.apache.poi.ss.usermodel.DataFormatter();
        StringBuilder text = new StringBuilder();
        for (Row row : sheet) {
            for (Cell cell : row) {
                text.append(shown.formatCellValue(cell)).append('\n');
            }
        }
        return text.toString();
    }

    static String sheetText(Sheet sheet) {
        StringBuilder text = new StringBuilder();
        for (Row row : sheet) {
            for (Cell cell : row) {
                text.append(cell.getStringCellValue()).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void theFileNameCarriesTheStationCodeAndThePeriodOnly() {
        assertThat(IndicatorColumns.fileName(report, "xlsx")).isEqualTo("weiquan-indicators-QX-0212-2026-03.xlsx");
        ReportService.Report dates = new ReportService.Report("QX-0212", ExportSamples.STATION,
                new ReportService.Period(java.time.LocalDate.of(2026, 3, 1), java.time.LocalDate.of(2026, 3, 16),
                        "2026-03-01..2026-03-16"), ExportSamples.CUTOFF, report.rows(), report.total(), List.of(),
                List.of(), List.of(), List.of());
        assertThat(IndicatorColumns.fileName(dates, "csv")).isEqualTo("weiquan-indicators-QX-0212-2026-03-01_2026-03-16.csv");
    }

    private static Row rowStartingWith(Sheet sheet, String text) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row starts with " + text);
    }

    private static String text(Sheet sheet, String label) {
        return rowStartingWith(sheet, label).getCell(1).getStringCellValue();
    }

    private static Cell cell(Row row, List<String> headings, String heading) {
        int i = headings.indexOf(heading);
        assertThat(i).as("column " + heading).isNotNegative();
        return row.getCell(i);
    }

    private static double number(Row row, List<String> headings, String heading) {
        return cell(row, headings, heading).getNumericCellValue();
    }

    private static int indexOf(List<CSVRecord> records, String first) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).get(0).equals(first)) {
                return i;
            }
        }
        throw new AssertionError("no record starts with " + first);
    }
}
