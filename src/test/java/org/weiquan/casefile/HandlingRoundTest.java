package org.weiquan.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.weiquan.intake.Channel;
import org.weiquan.intake.Contact;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Station;
import org.weiquan.station.StationLevel;

/** A handling round's 60 days and its one extension of at most 30 (DESIGN §3, rows 3 and 4). */
class HandlingRoundTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final Instant ACCEPTED = OffsetDateTime.of(2026, 3, 2, 16, 30, 0, 0, BEIJING).toInstant();

    @Test
    void theSixtyDaysEndAt24OClockOfTheSixtiethDayAfterAcceptance() {
        Case aCase = acceptedCase();
        assertThat(aCase.currentRound().currentDue())
                .isEqualTo(OffsetDateTime.of(2026, 5, 2, 0, 0, 0, 0, BEIJING).toInstant());
    }

    @Test
    void aRoundIsExtendedOnceAndASecondRequestIsRefused() {
        Case aCase = acceptedCase();
        HandlingRound round = aCase.currentRound();
        Instant due = round.currentDue();
        ExtensionRequest first = aCase.requestExtension(30, "等待鉴定结论", ACCEPTED.plus(Duration.ofDays(40)), "tiaojie",
                ACCEPTED.plus(Duration.ofDays(40)));

        assertThatThrownBy(() -> aCase.requestExtension(10, "再等一等", ACCEPTED.plus(Duration.ofDays(41)), "tiaojie",
                ACCEPTED.plus(Duration.ofDays(41)))).isInstanceOf(Conflict.class).hasMessageContaining("already waits");

        aCase.approveExtension(first, ACCEPTED.plus(Duration.ofDays(42)), "zhuren", null, false);
        assertThat(round.currentDue()).isEqualTo(due.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> aCase.requestExtension(10, "再等一等", ACCEPTED.plus(Duration.ofDays(50)), "tiaojie",
                ACCEPTED.plus(Duration.ofDays(50)))).isInstanceOf(Conflict.class).hasMessageContaining("already extended");
    }

    @Test
    void aRefusedExtensionMayBeAskedForAgain() {
        Case aCase = acceptedCase();
        aCase.requestExtension(20, "等待鉴定结论", ACCEPTED.plus(Duration.ofDays(40)), "tiaojie", ACCEPTED.plus(Duration.ofDays(40)))
                .refuse(ACCEPTED.plus(Duration.ofDays(41)), "zhuren", "理由不足");
        ExtensionRequest again = aCase.requestExtension(20, "鉴定机构出具延期说明", ACCEPTED.plus(Duration.ofDays(43)), "tiaojie",
                ACCEPTED.plus(Duration.ofDays(43)));
        assertThat(again.status()).isEqualTo(ExtensionStatus.REQUESTED);
    }

    @Test
    void anExtensionIsOneToThirtyDays() {
        Case aCase = acceptedCase();
        Instant at = ACCEPTED.plus(Duration.ofDays(40));
        assertThatThrownBy(() -> aCase.requestExtension(31, "等待", at, "tiaojie", at)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aCase.requestExtension(0, "等待", at, "tiaojie", at)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExtensionAskedForAfterTheDeadlineNeedsALateGrant() {
        Case aCase = acceptedCase();
        Instant late = aCase.currentRound().currentDue().plus(Duration.ofHours(3));
        ExtensionRequest request = aCase.requestExtension(15, "当事人住院", late, "tiaojie", late);

        assertThatThrownBy(() -> request.approve(late.plus(Duration.ofHours(1)), "zhuren", null, false))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(f -> f.field())
                        .containsExactly("grantLate"));
        assertThat(request.status()).isEqualTo(ExtensionStatus.REQUESTED);
        request.approve(late.plus(Duration.ofHours(1)), "zhuren", "特批", true);
        assertThat(aCase.currentRound().extendedDueAt()).isNotNull();
    }

    private static Case acceptedCase() {
        Station station = Station.county("QX", "清溪县").openChild("QX-01", "城关街道", StationLevel.SUBDISTRICT);
        Contact contact = Contact.register(station, Channel.VISIT, ACCEPTED.minus(Duration.ofHours(2)), "家庭纠纷",
                ACCEPTED.minus(Duration.ofHours(2)), "demo-intake");
        return Case.open(new CaseNumber(station, 2026, 1), contact, ACCEPTED, "zhuren", ACCEPTED);
    }
}
