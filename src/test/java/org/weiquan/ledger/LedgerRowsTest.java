package org.weiquan.ledger;

import org.junit.jupiter.api.Test;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A ledger row's identity and its checks, without a database: what a clerk sees when a row is wrong. */
class LedgerRowsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final String HEADER = String.join(",", LedgerImport.FIRST_COLUMNS) + "\n";

    private static List<LedgerImport.Row> csv(String text) {
        return LedgerImport.readCsv(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<FieldError> errors(String line) {
        return errors(HEADER, line);
    }

    private static List<FieldError> errors(String header, String line) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LedgerImport.checkCells(csv(header + line + "\n").get(0), TODAY, errors);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (InvalidInput e) {
            return e.errors();
        }
    }

    @Test
    void twoIdenticalRowsAreTwoContactsAndTheSameFileGivesTheSameIdentitiesAgain() {
        String file = HEADER + "QX-0101,2024-06-03,HOTLINE,OTHER,,匿名,,,,,,,\n"
                + "QX-0101,2024-06-03,HOTLINE,OTHER,,匿名,,,,,,,\n";
        List<LedgerImport.Row> rows = csv(file);
        Map<LedgerImport.Row, String> keys = LedgerImport.keys(rows);

        assertThat(keys.get(rows.get(0))).isNotEqualTo(keys.get(rows.get(1)));
        List<LedgerImport.Row> again = csv(file);
        assertThat(LedgerImport.keys(again).values()).containsExactlyElementsOf(keys.values());
    }

    @Test
    void aRowWithALedgerNumberIsKnownByItEvenWhenACellWasCorrected() {
        String header = "ledger_number," + HEADER;
        List<LedgerImport.Row> first = csv(header + "2024-001,QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,,,,,\n");
        List<LedgerImport.Row> corrected = csv(header + "2024-001,QX-0101,2024-06-03,VISIT,MARRIAGE_DISPUTE,,王芳,,,,,,,\n");

        assertThat(LedgerImport.keys(corrected).get(corrected.get(0))).isEqualTo(LedgerImport.keys(first).get(first.get(0)));
    }

    @Test
    void aFileOfTheFirstTemplateKeepsTheIdentitiesItWasImportedWith() {
        List<LedgerImport.Row> rows = csv(HEADER + "QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,,,,,\n");
        String firstTemplateKey = org.weiquan.infrastructure.StartupLock.checksum(String.join("\u0001",
                "QX-0101", "2024-06-03", "VISIT", "OTHER", "", "王芳", "", "", "", "", "", "", "")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(LedgerImport.keys(rows).get(rows.get(0))).isEqualTo(firstTemplateKey);
    }

    @Test
    void aMalformedDateIsOneErrorNotThreeAboutTheCellsThatDependOnIt() {
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-3x,WRITTEN_AGREEMENT,2024-06-20,MEDIATED_WRITTEN,"))
                .extracting(FieldError::field).containsExactly("row 2: accepted_date");
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,,20.6.2024,EXPLAINED,"))
                .extracting(FieldError::field).containsExactly("row 2: closed_date");
        assertThat(errors("QX-0101,2024-13-03,VISIT,OTHER,,王芳,,,2024-06-04,,,,"))
                .extracting(FieldError::field).containsExactly("row 2: received_date");
    }

    @Test
    void theMediationOutcomeMustFitTheClosureReason() {
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,TERMINATED,2024-06-20,MEDIATED_WRITTEN,"))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("row 2: mediation_outcome");
                    assertThat(e.message()).contains("WRITTEN_AGREEMENT").contains("MEDIATED_WRITTEN");
                });
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,,2024-06-20,MEDIATED_ORAL,"))
                .extracting(FieldError::field).containsExactly("row 2: mediation_outcome");
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,WRITTEN_AGREEMENT,2024-06-20,MEDIATION_FAILED_ADVISED,"))
                .extracting(FieldError::field).containsExactly("row 2: mediation_outcome");
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,REFUSED,2024-06-20,MEDIATION_FAILED_ADVISED,"))
                .isEmpty();
        assertThat(errors("QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,ORAL_AGREEMENT,2024-06-20,MEDIATED_ORAL,"))
                .isEmpty();
    }

    @Test
    void aFollowUpResultNeedsItsDateAndANotAcceptedContactNeedsItsDateAndWhereThePersonWasSent() {
        String header = "follow_up_date,review_decision,review_date,referred_to," + HEADER;
        assertThat(errors(header, ",,,,QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,,2024-06-20,EXPLAINED,SATISFIED"))
                .extracting(FieldError::field).containsExactly("row 2: follow_up_date");
        assertThat(errors(header, ",NOT_ACCEPTED,,,QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,,,,,"))
                .extracting(FieldError::field).containsExactly("row 2: review_date", "row 2: referred_to");
        assertThat(errors(header, ",TRANSFERRED,2024-06-05,县法律援助中心,QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,,,,,"))
                .isEmpty();
        assertThat(errors(header, ",不予受理,2024-06-05,,QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,,,,,"))
                .extracting(FieldError::field).containsExactly("row 2: review_decision");
    }

    @Test
    void aReopeningFollowsTheClosureAndASecondClosureFollowsTheReopening() {
        String header = "reopened_date,second_closed_date,second_closure_reason," + HEADER;
        String closedCase = "QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,,2024-06-20,EXPLAINED,";
        assertThat(errors(header, "2024-07-01,2024-07-20,EXPLAINED," + closedCase)).isEmpty();
        assertThat(errors(header, "2024-06-10,,," + closedCase)).extracting(FieldError::field)
                .containsExactly("row 2: reopened_date");
        assertThat(errors(header, ",2024-07-20,EXPLAINED," + closedCase)).extracting(FieldError::field)
                .containsExactly("row 2: second_closed_date");
        assertThat(errors(header, "2024-07-01,2024-07-20,," + closedCase)).extracting(FieldError::field)
                .containsExactly("row 2: second_closure_reason");
        assertThat(errors(header, "2024-07-01,,,QX-0101,2024-06-03,VISIT,OTHER,,王芳,,,2024-06-04,,,,"))
                .extracting(FieldError::field).containsExactly("row 2: reopened_date");
    }

    @Test
    void headersMayBeTheChineseNamesAndCodedCellsTheDropDownEntries() {
        String header = "站点编码,接待日期,渠道,主要类别,信访事项类型,求助人姓名,求助人电话,被反映人姓名,受理日期,调解结果,结案日期,结案原因,回访结果\n";
        List<LedgerImport.Row> rows = csv(header + "QX-0101,2024-06-03,VISIT 来访,MARRIAGE_DISPUTE 婚姻纠纷,,王芳,,,,,,,\n");

        assertThat(rows.get(0).get("channel")).isEqualTo("VISIT");
        assertThat(rows.get(0).get("category")).isEqualTo("MARRIAGE_DISPUTE");
    }
}
