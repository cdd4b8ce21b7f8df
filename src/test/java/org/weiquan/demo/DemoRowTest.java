package org.weiquan.demo;

import org.junit.jupiter.api.Test;
import org.weiquan.intake.ContactRegistration;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoRowTest {

    private static final String HEADER = String.join(",", DemoRow.COLUMNS);

    private static DemoRow row(String line) {
        return DemoRow.parse(HEADER + "\n" + line + "\n").get(0);
    }

    private static final String BEATEN_AND_ACCEPTED = "2026-03-02T09:30:00+08:00,QX-0101,VISIT,CLAIM,DOMESTIC_VIOLENCE,"
            + "MARRIAGE_DISPUTE,minorInvolved;pregnant,来访：丈夫酒后多次殴打本人,张晓花,FEMALE,1990,13800001234,false,"
            + "李大军,丈夫,ACCEPTED,,,4,true,";

    @Test
    void aRowBecomesTheRegistrationTheIntakeUserWouldHaveTyped() {
        ContactRegistration r = row(BEATEN_AND_ACCEPTED).registration(0, 42L);

        assertThat(r.stationCode()).isEqualTo("QX-0101");
        assertThat(r.receivedAt()).isEqualTo(OffsetDateTime.parse("2026-03-02T09:30:00+08:00"));
        assertThat(r.otherCategories()).containsExactly("MARRIAGE_DISPUTE");
        assertThat(r.flags()).containsExactly("minorInvolved", "pregnant");
        assertThat(r.repeatOfContactId()).isEqualTo(42L);
        assertThat(r.confirmedNew()).isTrue();
        ContactRegistration.PartyInput complainant = r.parties().get(0);
        assertThat(complainant.role()).isEqualTo("COMPLAINANT");
        assertThat(complainant.age()).isEqualTo(36);
        assertThat(complainant.idNumber()).isNull();
        assertThat(complainant.phones()).containsExactly(new ContactRegistration.PhoneInput("13800001234", false));
        ContactRegistration.PartyInput respondent = r.parties().get(1);
        assertThat(respondent.role()).isEqualTo("RESPONDENT");
        assertThat(respondent.gender()).isEqualTo("MALE");
        assertThat(respondent.relation()).isEqualTo("丈夫");
    }

    @Test
    void withoutRespondentOrPhoneOnlyTheComplainantIsRegistered() {
        DemoRow r = row("2026-03-02T09:30:00+08:00,QX-0201,COMPLAINT_BOX,,HARDSHIP_ASSISTANCE,,,意见箱来信：请求帮扶,"
                + "王秀英,FEMALE,,,,,,CONSULTATION_ANSWERED,已告知救助途径,,0,false,");
        ContactRegistration registration = r.registration(0, null);
        assertThat(registration.parties()).hasSize(1);
        assertThat(registration.parties().get(0).phones()).isEmpty();
        assertThat(registration.parties().get(0).age()).isNull();
        assertThat(registration.petitionType()).isNull();
        assertThat(r.acknowledgementForm()).isEqualTo("WRITTEN");
    }

    @Test
    void registeredAnHourAfterReceiptAndDecidedAfterTheGivenDays() {
        DemoRow r = row(BEATEN_AND_ACCEPTED);
        Instant received = Instant.parse("2026-03-02T01:30:00Z");
        assertThat(r.registeredAt(0)).isEqualTo(received.plus(Duration.ofHours(1)));
        assertThat(r.decidedAt(0)).isEqualTo(received.plus(Duration.ofDays(4)));
        assertThat(r.acknowledgedAt(0, Instant.parse("2026-11-27T00:00:00Z")))
                .isEqualTo(r.registeredAt(0).plus(Duration.between(r.registeredAt(0), r.decidedAt(0)).dividedBy(2)));
        assertThat(r.reviewDecision().decision()).isEqualTo(org.weiquan.intake.ReviewDecision.ACCEPTED);
        assertThat(r.acknowledgementForm()).isEqualTo("ORAL");
    }

    @Test
    void aConsultationAnsweredOnTheSpotIsDecidedAnHourAfterItsRegistration() {
        DemoRow r = row("2026-03-02T20:00:00+08:00,QX-0101,HOTLINE,,MARRIAGE_DISPUTE,,,12338热线：咨询离婚,刘丽,FEMALE,1985,"
                + "13900005678,true,,,CONSULTATION_ANSWERED,已解答,,0,true,");
        assertThat(r.decidedAt(0)).isEqualTo(r.registeredAt(0).plus(Duration.ofHours(1)));
        assertThat(r.acknowledgedAt(0, Instant.parse("2026-11-27T00:00:00Z")))
                .isEqualTo(r.registeredAt(0).plus(Duration.ofMinutes(30)));
        assertThat(r.acknowledgementForm()).isEqualTo("SMS");
    }

    @Test
    void anUndecidedContactIsAcknowledgedADayAfterRegistrationOrHalfWayToNow() {
        DemoRow r = row("2026-11-26T10:00:00+08:00,QX-0101,PHONE,CLAIM,ELDER_SUPPORT,,elderly,来电：儿子不赡养,陈桂兰,FEMALE,"
                + "1948,13700000001,false,,,,,,,true,");
        assertThat(r.isDecided()).isFalse();
        assertThat(r.decidedAt(0)).isNull();
        Instant registered = r.registeredAt(0);
        assertThat(r.acknowledgedAt(0, registered.plus(Duration.ofDays(5)))).isEqualTo(registered.plus(Duration.ofDays(1)));
        assertThat(r.acknowledgedAt(0, registered.plus(Duration.ofHours(4)))).isEqualTo(registered.plus(Duration.ofHours(2)));
        assertThat(r.acknowledgementForm()).as("the phone is not safe").isEqualTo("ORAL");
    }

    @Test
    void movingTheDatesMovesEveryStepByWholeDays() {
        DemoRow r = row(BEATEN_AND_ACCEPTED);
        assertThat(r.receivedAt(30)).isEqualTo(r.receivedAt(0).plus(Duration.ofDays(30)));
        assertThat(r.decidedAt(30)).isEqualTo(r.decidedAt(0).plus(Duration.ofDays(30)));
        assertThat(r.registration(30, null).receivedAt()).isEqualTo(OffsetDateTime.parse("2026-04-01T09:30:00+08:00"));
    }

    @Test
    void relationsThatSayTheSexGiveTheRespondentsGender() {
        assertThat(DemoRow.genderOf("前夫")).isEqualTo("MALE");
        assertThat(DemoRow.genderOf("婆婆")).isEqualTo("FEMALE");
        assertThat(DemoRow.genderOf("用人单位")).isNull();
        assertThat(DemoRow.genderOf("邻居")).isNull();
        assertThat(DemoRow.genderOf(null)).isNull();
    }

    @Test
    void aBrokenRowIsNamedWithItsLineAndColumn() {
        assertThatThrownBy(() -> row(BEATEN_AND_ACCEPTED.replace(",4,true,", ",4,yes,")))
                .hasMessageContaining("row 2").hasMessageContaining("acknowledged");
        assertThatThrownBy(() -> row(BEATEN_AND_ACCEPTED.replace("ACCEPTED,,,4,", "ACCEPTED,,,,")))
                .hasMessageContaining("days_to_decision");
        assertThatThrownBy(() -> row(BEATEN_AND_ACCEPTED + "1"))
                .hasMessageContaining("repeat_of_row").hasMessageContaining("earlier row");
        assertThatThrownBy(() -> DemoRow.parse("received_at,channel\n"))
                .hasMessageContaining("header lacks");
        assertThatThrownBy(() -> row("2026-03-02,QX-0101"))
                .hasMessageContaining("2 fields");
    }

    @Test
    void theFileOrderNumbersTheRowsFromOne() {
        List<DemoRow> rows = DemoRow.parse(HEADER + "\n" + BEATEN_AND_ACCEPTED + "\n"
                + BEATEN_AND_ACCEPTED.replace("2026-03-02", "2026-04-02").replace(",true,", ",true,1") + "\n");
        assertThat(rows).extracting(DemoRow::number).containsExactly(1, 2);
        assertThat(rows.get(1).repeatOfRow()).isEqualTo(1);
    }
}
