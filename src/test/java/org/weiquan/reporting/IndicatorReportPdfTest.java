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
                .contains("受理：受理日期在期间内的案件");
    }

    @Test
    void theDefinitionsPagesAreChineseWithoutCodeNamesAndEnglishInEnglish() throws IOException {
        byte[] pdf = IndicatorReportPdf.build(ExportSamples.report(), ExportSamples.GENERATED, "x-supervisor");
        String definitions = definitionsPages(pdf, "指标定义");
        assertThat(definitions).contains("统计期间：2026年3月1日至2026年3月31日", "结案率（同期）＝同期受理已结案÷同期受理",
                "按期结案：", "超期：");
        org.weiquan.it.ChineseTexts.assertReadable(definitions);

        byte[] english = IndicatorReportPdf.build(ExportSamples.report(), ExportSamples.GENERATED, "x-supervisor",
                java.util.Locale.ENGLISH);
        assertThat(definitionsPages(english, "Definitions")).contains("Period: 2026-03-01 to 2026-03-31",
                "Accepted: cases whose acceptance date is in the period").doesNotContain("ACCEPTED", "COHORT_CLOSED");
    }

    /** The text of the pages from the one that starts the definitions to the end. */
    static String definitionsPages(byte[] pdf, String heading) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                if (stripper.getText(doc).strip().contains(heading)) {
                    stripper.setEndPage(doc.getNumberOfPages());
                    return stripper.getText(doc);
                }
            }
        }
        throw new AssertionError("no page with the definitions' heading " + heading);
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
