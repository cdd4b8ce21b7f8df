package org.weiquan.reporting;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicator report as a PDF (A4 landscape) for the file and for auditors: station, period, cut-off,
 * a table with the indicators down and the stations across (at most {@value #STATIONS_PER_TABLE} to a
 * table), every rate as "numerator/denominator (percent)", the breakdowns and the definitions.
 */
public final class IndicatorReportPdf {

    static final int STATIONS_PER_TABLE = 5;

    private IndicatorReportPdf() {
    }

    public static byte[] build(ReportService.Report report, Instant generatedAt, String generatedBy) {
        return build(report, generatedAt, generatedBy, org.weiquan.shared.Labels.CHINESE);
    }

    /** The document, its definitions (and the footer of every page) in the reader's language. */
    public static byte[] build(ReportService.Report report, Instant generatedAt, String generatedBy,
                               java.util.Locale locale) {
        PdfSupport.Fonts fonts = PdfSupport.Fonts.of(PdfSupport.font());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 42);
        try {
            PdfWriter writer = PdfWriter.getInstance(document, out);
            writer.setPageEvent(new PdfSupport.Footer((ReportDefinitions.isEnglish(locale) ? "Indicator report "
                    : "维权工作指标报表 ") + report.stationName() + " " + ReportDefinitions.date(report.period().from(), locale)
                    + (ReportDefinitions.isEnglish(locale) ? " to " : "至")
                    + ReportDefinitions.date(report.period().to().minusDays(1), locale)
                    + (ReportDefinitions.isEnglish(locale) ? " · cut-off " : " · 截止 ")
                    + ReportDefinitions.time(report, locale), fonts.footer(),
                    ReportDefinitions.isEnglish(locale) ? "page %1$d" : "第 %1$d 页"));
            document.addTitle("Indicator report " + report.stationCode() + " " + report.period().label());
            document.addCreator("Weiquan");
            document.open();

            document.add(new Paragraph(IndicatorColumns.TITLE, fonts.title()));
            document.add(PdfSupport.line(IndicatorColumns.STATION, IndicatorColumns.station(report), fonts));
            document.add(PdfSupport.line(IndicatorColumns.PERIOD, IndicatorColumns.period(report.period()), fonts));
            document.add(PdfSupport.line(IndicatorColumns.CUTOFF, IndicatorColumns.time(report.cutoff()), fonts));
            document.add(PdfSupport.line(IndicatorColumns.GENERATED, IndicatorColumns.time(generatedAt) + " "
                    + generatedBy, fonts));
            document.add(new Paragraph(IndicatorColumns.TIMES_NOTE + "；比率 = 分子/分母 (百分比)，分母为 0 时为 —"
                    + " rates are numerator/denominator (percent), — when the denominator is 0", fonts.small()));

            List<Column> columns = new ArrayList<>();
            for (ReportService.Row row : report.rows()) {
                columns.add(new Column(row.stationName() + "\n" + row.stationCode() + "\n" + IndicatorColumns.scope(row),
                        row.counts()));
            }
            ReportService.Row total = report.total();
            columns.add(new Column(IndicatorColumns.TOTAL + "\n" + total.stationCode() + "\n" + total.stationName(),
                    total.counts()));
            for (int from = 0; from < columns.size(); from += STATIONS_PER_TABLE) {
                document.add(PdfSupport.heading(from == 0 ? "指标 indicators"
                        : "指标（续） indicators (continued)", fonts));
                document.add(table(columns.subList(from, Math.min(columns.size(), from + STATIONS_PER_TABLE)), fonts));
            }

            document.add(PdfSupport.heading(IndicatorColumns.BY_CATEGORY, fonts));
            document.add(groups(IndicatorColumns.named(report.byCategory(), "Category", locale), fonts));
            document.add(PdfSupport.heading(IndicatorColumns.BY_CHANNEL, fonts));
            document.add(groups(IndicatorColumns.named(report.byChannel(), "Channel", locale), fonts));
            document.add(PdfSupport.heading(IndicatorColumns.BY_MONTH, fonts));
            document.add(groups(report.byMonth(), fonts));
            document.newPage(); // the definitions on pages of their own, in the reader's language
            document.add(PdfSupport.heading(ReportDefinitions.heading(locale), fonts));
            for (String d : ReportDefinitions.of(report, locale)) {
                Paragraph p = new Paragraph("• " + d, fonts.small());
                p.setIndentationLeft(8);
                document.add(p);
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot write the PDF report", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private record Column(String heading, IndicatorQueries.Counts counts) {
    }

    private static PdfPTable table(List<Column> columns, PdfSupport.Fonts fonts) throws DocumentException {
        PdfPTable table = new PdfPTable(1 + columns.size());
        float[] widths = new float[1 + columns.size()];
        widths[0] = 2.2f;
        for (int i = 1; i < widths.length; i++) {
            widths[i] = 1.5f;
        }
        table.setWidths(widths);
        table.setWidthPercentage(Math.min(100, 30 + 14 * columns.size()));
        table.setHorizontalAlignment(com.lowagie.text.Element.ALIGN_LEFT);
        table.setHeaderRows(1);
        table.addCell(PdfSupport.headerCell("指标 indicator", fonts.bold()));
        for (Column c : columns) {
            table.addCell(PdfSupport.headerCell(c.heading(), fonts.bold()));
        }
        for (IndicatorColumns.Column indicator : IndicatorColumns.ALL) {
            table.addCell(PdfSupport.cell(indicator.heading(), fonts.text()));
            for (Column c : columns) {
                table.addCell(PdfSupport.number(indicator.text(c.counts()), fonts.text()));
            }
        }
        return table;
    }

    private static PdfPTable groups(List<IndicatorQueries.Group> groups, PdfSupport.Fonts fonts) {
        PdfPTable table = new PdfPTable(4);
        table.setWidthPercentage(50);
        table.setHorizontalAlignment(com.lowagie.text.Element.ALIGN_LEFT);
        table.setHeaderRows(1);
        table.addCell(PdfSupport.headerCell("", fonts.bold()));
        table.addCell(PdfSupport.headerCell(IndicatorColumns.RECEIVED, fonts.bold()));
        table.addCell(PdfSupport.headerCell(IndicatorColumns.ACCEPTED, fonts.bold()));
        table.addCell(PdfSupport.headerCell(IndicatorColumns.CLOSED, fonts.bold()));
        for (IndicatorQueries.Group g : groups) {
            table.addCell(PdfSupport.cell(g.key(), fonts.text()));
            table.addCell(PdfSupport.number(Long.toString(g.received()), fonts.text()));
            table.addCell(PdfSupport.number(Long.toString(g.accepted()), fonts.text()));
            table.addCell(PdfSupport.number(Long.toString(g.closed()), fonts.text()));
        }
        if (groups.isEmpty()) {
            table.addCell(PdfSupport.cell(IndicatorColumns.NONE, fonts.text()));
            table.addCell(PdfSupport.number("0", fonts.text()));
            table.addCell(PdfSupport.number("0", fonts.text()));
            table.addCell(PdfSupport.number("0", fonts.text()));
        }
        return table;
    }
}
