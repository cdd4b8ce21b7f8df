package org.weiquan.reporting;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The indicator report as an Excel workbook: the report's station, period, cut-off and the rows (the
 * station itself, each child station with its subtree, the total) with every count as a number and
 * every rate as numerator, denominator and percent; then the breakdowns and the definitions, each on a
 * sheet of its own.
 */
public final class IndicatorReportXlsx {

    static final String SHEET = "指标 Indicators";
    static final String CATEGORY_SHEET = "类别 By category";
    static final String CHANNEL_SHEET = "渠道 By channel";
    static final String MONTH_SHEET = "月份 By month";
    /** The definitions' sheet of a Chinese report (an English one names it "Definitions"). */
    static final String DEFINITIONS_SHEET = "定义";

    private IndicatorReportXlsx() {
    }

    public static byte[] build(ReportService.Report report, Instant generatedAt, String generatedBy) {
        return build(report, generatedAt, generatedBy, org.weiquan.shared.Labels.CHINESE);
    }

    /** The workbook, its definitions in the reader's language. */
    public static byte[] build(ReportService.Report report, Instant generatedAt, String generatedBy,
                               java.util.Locale locale) {
        try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            Sheet sheet = book.createSheet(SHEET);
            int r = 0;
            text(sheet.createRow(r++), 0, IndicatorColumns.TITLE, styles.title);
            pair(sheet, r++, IndicatorColumns.STATION, IndicatorColumns.station(report), styles);
            pair(sheet, r++, IndicatorColumns.PERIOD, IndicatorColumns.period(report.period()), styles);
            pair(sheet, r++, IndicatorColumns.CUTOFF, IndicatorColumns.time(report.cutoff()), styles);
            pair(sheet, r++, IndicatorColumns.GENERATED, IndicatorColumns.time(generatedAt) + " " + generatedBy, styles);
            text(sheet.createRow(r++), 0, IndicatorColumns.TIMES_NOTE, null);
            r++;
            Row header = sheet.createRow(r++);
            List<String> headings = IndicatorColumns.flatHeadings();
            text(header, 0, IndicatorColumns.STATION_CODE, styles.header);
            text(header, 1, IndicatorColumns.STATION_NAME, styles.header);
            text(header, 2, IndicatorColumns.SCOPE, styles.header);
            for (int i = 0; i < headings.size(); i++) {
                text(header, 3 + i, headings.get(i), styles.header);
            }
            header.setHeightInPoints(60);
            for (ReportService.Row row : report.rows()) {
                row(sheet.createRow(r++), row.stationCode(), row.stationName(), IndicatorColumns.scope(row), row.counts(),
                        styles, false);
            }
            ReportService.Row total = report.total();
            row(sheet.createRow(r++), total.stationCode(), total.stationName(), IndicatorColumns.TOTAL, total.counts(),
                    styles, true);
            sheet.setColumnWidth(0, 14 * 256);
            sheet.setColumnWidth(1, 30 * 256);
            sheet.setColumnWidth(2, 18 * 256);
            for (int i = 0; i < headings.size(); i++) {
                sheet.setColumnWidth(3 + i, 13 * 256);
            }
            sheet.createFreezePane(3, header.getRowNum() + 1);

            groups(book.createSheet(CATEGORY_SHEET), IndicatorColumns.named(report.byCategory(), "Category", locale), styles);
            groups(book.createSheet(CHANNEL_SHEET), IndicatorColumns.named(report.byChannel(), "Channel", locale), styles);
            groups(book.createSheet(MONTH_SHEET), report.byMonth(), styles);
            Sheet definitions = book.createSheet(ReportDefinitions.sheetName(locale));
            text(definitions.createRow(0), 0, ReportDefinitions.heading(locale), styles.header);
            List<String> lines = ReportDefinitions.of(report, locale);
            for (int i = 0; i < lines.size(); i++) {
                text(definitions.createRow(i + 1), 0, lines.get(i), null);
            }
            definitions.setColumnWidth(0, 140 * 256);

            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the XLSX report", e);
        }
    }

    private static void row(Row xls, String code, String name, String scope, IndicatorQueries.Counts counts,
                            Styles styles, boolean total) {
        CellStyle textStyle = total ? styles.totalText : null;
        text(xls, 0, code, textStyle);
        text(xls, 1, name, textStyle);
        text(xls, 2, scope, textStyle);
        List<Object> values = IndicatorColumns.flatValues(counts);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            Cell cell = xls.createCell(3 + i);
            if (v instanceof Long n) {
                cell.setCellValue(n);
                cell.setCellStyle(total ? styles.totalInteger : styles.integer);
            } else if (v instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
                cell.setCellStyle(total ? styles.totalDecimal : styles.decimal);
            } else {
                cell.setCellValue(SpreadsheetCells.text(String.valueOf(v)));
                cell.setCellStyle(total ? styles.totalText : styles.right);
            }
        }
    }

    private static void groups(Sheet sheet, List<IndicatorQueries.Group> groups, Styles styles) {
        Row header = sheet.createRow(0);
        text(header, 0, sheet.getSheetName(), styles.header);
        text(header, 1, IndicatorColumns.RECEIVED, styles.header);
        text(header, 2, IndicatorColumns.ACCEPTED, styles.header);
        text(header, 3, IndicatorColumns.CLOSED, styles.header);
        int r = 1;
        for (IndicatorQueries.Group g : groups) {
            Row row = sheet.createRow(r++);
            text(row, 0, g.key(), null);
            long[] values = {g.received(), g.accepted(), g.closed()};
            for (int i = 0; i < values.length; i++) {
                Cell cell = row.createCell(i + 1);
                cell.setCellValue(values[i]);
                cell.setCellStyle(styles.integer);
            }
        }
        sheet.setColumnWidth(3, 16 * 256);
        sheet.setColumnWidth(0, 30 * 256);
        sheet.setColumnWidth(1, 16 * 256);
        sheet.setColumnWidth(2, 16 * 256);
    }

    private static void pair(Sheet sheet, int r, String label, String value, Styles styles) {
        Row row = sheet.createRow(r);
        text(row, 0, label, styles.bold);
        text(row, 1, value, null);
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : SpreadsheetCells.text(value));
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle bold;
        final CellStyle header;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle right;
        final CellStyle totalText;
        final CellStyle totalInteger;
        final CellStyle totalDecimal;

        Styles(Workbook book) {
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            Font strong = book.createFont();
            strong.setBold(true);
            short integerFormat = book.createDataFormat().getFormat("0");
            short decimalFormat = book.createDataFormat().getFormat("0.0");
            title = book.createCellStyle();
            title.setFont(big);
            bold = book.createCellStyle();
            bold.setFont(strong);
            header = book.createCellStyle();
            header.setFont(strong);
            header.setWrapText(true);
            header.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            integer = book.createCellStyle();
            integer.setDataFormat(integerFormat);
            decimal = book.createCellStyle();
            decimal.setDataFormat(decimalFormat);
            right = book.createCellStyle();
            right.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
            totalText = book.createCellStyle();
            totalText.setFont(strong);
            totalInteger = book.createCellStyle();
            totalInteger.setFont(strong);
            totalInteger.setDataFormat(integerFormat);
            totalDecimal = book.createCellStyle();
            totalDecimal.setFont(strong);
            totalDecimal.setDataFormat(decimalFormat);
        }
    }
}
