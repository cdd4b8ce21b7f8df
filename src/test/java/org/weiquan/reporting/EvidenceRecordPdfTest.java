package org.weiquan.reporting;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The evidence record as a PDF, read back as text: what a court needs, and no minor by name. */
class EvidenceRecordPdfTest {

    private final String text;

    EvidenceRecordPdfTest() throws IOException {
        text = IndicatorReportPdfTest.text(EvidenceRecordPdf.build(EvidenceSamples.record()));
    }

    @Test
    void theRecordStatesTheCaseItsTimesAndWhoRecordedWhat() {
        assertThat(text).contains(EvidenceSamples.NUMBER, ExportSamples.STATION, "求助记录")
                .contains("2026-03-02 09:00:00", "2026-03-02 10:00:00", "2026-03-03 09:00:00", "2026-03-12 11:00:00")
                .contains("x-intake", "x-mediator", "登记来访，4 名当事人")
                .contains("结案审批", "调解成功（书面协议）", "书面调解协议（未申请司法确认）");
    }

    @Test
    void theRecordSpeaksChineseNoConstantNoTaskId() {
        assertThat(text).doesNotContain("Task_", "APPROVED", "MEDIATED_WRITTEN", "WRITTEN_AGREEMENT", "CLAIM",
                "CHILD_CUSTODY_SUPPORT", "VISIT", "CLOSED");
    }

    @Test
    void theRecordShowsAdultsMaskedAndTheAgreementTerms() {
        assertThat(text).contains("唐*倩", "汤*文", "157****5906")
                .contains("*文自2026年4月起每月5日前支付未成年人抚养费800元")
                .doesNotContain(EvidenceSamples.MOTHER, EvidenceSamples.FATHER, EvidenceSamples.MOTHER_PHONE)
                .doesNotContain("樟树村3组12号");
    }

    @Test
    void noMinorsNameOrIdentityNumberAppearsAnywhere() {
        assertThat(text).contains(EvidenceRecord.MINOR)
                .doesNotContain(EvidenceSamples.CHILD, EvidenceSamples.TEEN, EvidenceSamples.CHILD_ID, "0027")
                .doesNotContain("汤*雨", "唐*怡", "138****1111");
    }
}
