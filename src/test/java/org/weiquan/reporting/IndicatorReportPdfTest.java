package org.weiquan.reporting;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The PDF indicator report, read back as text: Chinese that a reader can search, and every rate with its counts. */
class IndicatorReportPdfTest {

    @Test
    void thePdfStatesTheStationInChineseThePeriodTheCutOffAndEachRateWithItsCounts() throws IOException {
        byte[] pdf = IndicatorReportPdf.build(ExportSamples.report(), ExportSamples.GENERATED, "x-supervisor");

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = text(pdf);
        assertThat(text).contains(ExportSamples.STATION, ExportSamples.CHILD_STATION, "QX-0212")
                .contains("2026-03 (2026-03-01 – 2026-03-31)")
                .contains("2026-04-15 00:00:00")
                .contains("2/3 (66.7%)")
                .contains("0/0 (—)")
                .contains("受理数 accepted", "结案率（队列） closure rate (cohort)", "结案质量合格率")
                .contains("ACCEPTED: cases whose acceptance date is in the period");
    }

    @Test
    void theFontIsEmbeddedAsASubsetSoThatTheFileStaysSmall() throws IOException {
        byte[] pdf = IndicatorReportPdf.build(ExportSamples.report(), ExportSamples.GENERATED, "x-supervisor");

        assertThat(pdf.length).isLessThan(200_000);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("NotoSansSC");
        }
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
