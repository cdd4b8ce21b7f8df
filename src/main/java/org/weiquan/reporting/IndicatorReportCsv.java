package org.weiquan.reporting;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicator report as CSV, UTF-8 with a byte-order mark so that Excel reads the Chinese: first
 * the report's station, period, cut-off and who made it, then one record per row (the same columns as
 * the XLSX: rates as numerator, denominator, percent), then the breakdowns and the definitions.
 */
public final class IndicatorReportCsv {

    static final char BOM = '\uFEFF';

    private IndicatorReportCsv() {
    }

    public static byte[] build(ReportService.Report report, Instant generatedAt, String generatedBy) {
        return build(report, generatedAt, generatedBy, org.weiquan.shared.Labels.CHINESE);
    }

    /** The report, its definitions in the reader's language (as the XLSX's and the PDF's). */
    public static byte[] build(ReportService.Report report, Instant generatedAt, String generatedBy,
                               java.util.Locale locale) {
        StringWriter text = new StringWriter();
        text.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            print(csv, IndicatorColumns.TITLE);
            print(csv, IndicatorColumns.STATION, report.stationName(), report.stationCode());
            print(csv, IndicatorColumns.PERIOD, report.period().label(), report.period().from(),
                    report.period().to().minusDays(1));
            print(csv, IndicatorColumns.CUTOFF, IndicatorColumns.time(report.cutoff()));
            print(csv, IndicatorColumns.GENERATED, IndicatorColumns.time(generatedAt), generatedBy);
            print(csv, IndicatorColumns.TIMES_NOTE);
            csv.println();
            List<Object> header = new ArrayList<>(List.of(IndicatorColumns.STATION_CODE, IndicatorColumns.STATION_NAME,
                    IndicatorColumns.SCOPE));
            header.addAll(IndicatorColumns.flatHeadings());
            print(csv, header);
            for (ReportService.Row row : report.rows()) {
                print(csv, row(row, IndicatorColumns.scope(row)));
            }
            print(csv, row(report.total(), IndicatorColumns.TOTAL));
            csv.println();
            groups(csv, IndicatorColumns.BY_CATEGORY, IndicatorColumns.named(report.byCategory(), "Category", locale));
            groups(csv, IndicatorColumns.BY_CHANNEL, IndicatorColumns.named(report.byChannel(), "Channel", locale));
            groups(csv, IndicatorColumns.BY_MONTH, report.byMonth());
            print(csv, ReportDefinitions.heading(locale));
            for (String d : ReportDefinitions.of(report, locale)) {
                print(csv, "", d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV report", e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One record, its text neutralised for spreadsheets. */
    private static void print(CSVPrinter csv, Object... values) throws IOException {
        print(csv, java.util.Arrays.asList(values));
    }

    private static void print(CSVPrinter csv, List<?> values) throws IOException {
        csv.printRecord(values.stream().map(SpreadsheetCells::value).toList());
    }

    private static List<Object> row(ReportService.Row row, String scope) {
        List<Object> values = new ArrayList<>(List.of(row.stationCode(), row.stationName(), scope));
        values.addAll(IndicatorColumns.flatValues(row.counts()).stream()
                .map(v -> v instanceof java.math.BigDecimal d ? d.toPlainString() : v).toList());
        return values;
    }

    private static void groups(CSVPrinter csv, String title, List<IndicatorQueries.Group> groups) throws IOException {
        print(csv, title, IndicatorColumns.RECEIVED, IndicatorColumns.ACCEPTED, IndicatorColumns.CLOSED);
        for (IndicatorQueries.Group g : groups) {
            print(csv, g.key(), g.received(), g.accepted(), g.closed());
        }
        csv.println();
    }
}
