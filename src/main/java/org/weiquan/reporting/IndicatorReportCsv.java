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
        StringWriter text = new StringWriter();
        text.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT)) {
            csv.printRecord(IndicatorColumns.TITLE);
            csv.printRecord(IndicatorColumns.STATION, report.stationName(), report.stationCode());
            csv.printRecord(IndicatorColumns.PERIOD, report.period().label(), report.period().from(),
                    report.period().to().minusDays(1));
            csv.printRecord(IndicatorColumns.CUTOFF, IndicatorColumns.time(report.cutoff()));
            csv.printRecord(IndicatorColumns.GENERATED, IndicatorColumns.time(generatedAt), generatedBy);
            csv.printRecord(IndicatorColumns.TIMES_NOTE);
            csv.println();
            List<Object> header = new ArrayList<>(List.of(IndicatorColumns.STATION_CODE, IndicatorColumns.STATION_NAME,
                    IndicatorColumns.SCOPE));
            header.addAll(IndicatorColumns.flatHeadings());
            csv.printRecord(header);
            for (ReportService.Row row : report.rows()) {
                csv.printRecord(row(row, IndicatorColumns.scope(row)));
            }
            csv.printRecord(row(report.total(), IndicatorColumns.TOTAL));
            csv.println();
            groups(csv, IndicatorColumns.BY_CATEGORY, report.byCategory());
            groups(csv, IndicatorColumns.BY_CHANNEL, report.byChannel());
            groups(csv, IndicatorColumns.BY_MONTH, report.byMonth());
            csv.printRecord(IndicatorColumns.DEFINITIONS);
            for (String d : report.definitions()) {
                csv.printRecord("", d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV report", e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<Object> row(ReportService.Row row, String scope) {
        List<Object> values = new ArrayList<>(List.of(row.stationCode(), row.stationName(), scope));
        values.addAll(IndicatorColumns.flatValues(row.counts()).stream()
                .map(v -> v instanceof java.math.BigDecimal d ? d.toPlainString() : v).toList());
        return values;
    }

    private static void groups(CSVPrinter csv, String title, List<IndicatorQueries.Group> groups) throws IOException {
        csv.printRecord(title, IndicatorColumns.ACCEPTED, IndicatorColumns.CLOSED);
        for (IndicatorQueries.Group g : groups) {
            csv.printRecord(g.key(), g.accepted(), g.closed());
        }
        csv.println();
    }
}
