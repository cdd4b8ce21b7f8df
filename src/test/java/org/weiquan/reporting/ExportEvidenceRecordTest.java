package org.weiquan.reporting;

import org.junit.jupiter.api.Test;
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.Gender;
import org.weiquan.intake.PartyRole;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.reporting.EvidenceSamples.party;

/** What of a case file goes into its evidence record: the minor rule and the masking of free text. */
class ExportEvidenceRecordTest {

    private static final LocalDate RECEIVED = LocalDate.of(2026, 3, 2);

    @Test
    void aChildAnyoneUnder18ByBirthDateByIdentityNumberOrByAgeIsAMinor() {
        assertThat(EvidenceRecord.isMinor(party(PartyRole.CHILD, "甲", null, null, 30, null, null), RECEIVED)).isTrue();
        assertThat(EvidenceRecord.isMinor(party(PartyRole.OTHER, "乙", null, LocalDate.of(2008, 3, 3), null, null, null),
                RECEIVED)).as("18 the day after").isTrue();
        assertThat(EvidenceRecord.isMinor(party(PartyRole.OTHER, "乙", null, LocalDate.of(2008, 3, 2), null, null, null),
                RECEIVED)).as("18 that day").isFalse();
        assertThat(EvidenceRecord.isMinor(party(PartyRole.COMPLAINANT, "丙", null, null, null, "110105200905010021",
                null), RECEIVED)).as("by the birth date in the identity number").isTrue();
        assertThat(EvidenceRecord.isMinor(party(PartyRole.COMPLAINANT, "丁", null, null, 17, null, null), RECEIVED))
                .isTrue();
        assertThat(EvidenceRecord.isMinor(party(PartyRole.COMPLAINANT, "戊", null, null, 18, null, null), RECEIVED))
                .isFalse();
        assertThat(EvidenceRecord.isMinor(party(PartyRole.RESPONDENT, "己", null, null, null, null, null), RECEIVED))
                .isFalse();
    }

    @Test
    void aMinorIsShownOnlyByRoleAndAnAdultWithMaskedNameAndPhone() {
        EvidenceRecord record = EvidenceSamples.record();

        assertThat(record.parties()).extracting(EvidenceRecord.PartyLine::name)
                .containsExactly("唐*倩", "汤*文", EvidenceRecord.MINOR, EvidenceRecord.MINOR);
        EvidenceRecord.PartyLine child = record.parties().get(2);
        assertThat(child.minor()).isTrue();
        assertThat(child.gender() + child.phones() + child.relation()).isEmpty();
        assertThat(record.parties().get(0).phones()).isEqualTo("157****5906（不宜联系）");
        assertThat(record.parties().get(0).gender()).isEqualTo("女");
    }

    @Test
    void namesAndIdentityNumbersInFreeTextAreReplaced() {
        EvidenceRecord record = EvidenceSamples.record();

        assertThat(record.summary()).isEqualTo("来访：丈夫汤*文不支付未成年人（身份证 [身份证号已隐去]）的抚养费，唐*倩要求调解");
        assertThat(record.timeline().get(2).what()).contains("未成年人在场").doesNotContain(EvidenceSamples.TEEN);
        assertThat(record.agreements()).singleElement().satisfies(a -> {
            assertThat(a.terms()).isEqualTo("汤*文自2026年4月起每月5日前支付未成年人抚养费800元");
            assertThat(a.outcome()).isEqualTo("书面调解协议（未申请司法确认）");
            assertThat(a.user()).isEqualTo("x-mediator");
        });
    }

    @Test
    void anIdentityNumberOrPhoneNumberTypedIntoFreeTextIsMasked() {
        EvidenceRecord.Redaction redaction = new EvidenceRecord.Redaction();
        redaction.add(new ContactDetails.PartyDetails(PartyRole.COMPLAINANT, "王芳", Gender.FEMALE, null, 40, null,
                java.util.List.of(), null, true, null), false);

        assertThat(redaction.apply("王芳，身份证11010519491231002X，电话13812345678"))
                .isEqualTo("王*，身份证**************002X，电话138****78");
    }
}
