package org.weiquan.protection;

import org.junit.jupiter.api.Test;
import org.weiquan.shared.InvalidInput;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The court's ruling as DESIGN §3 and 反家庭暴力法 art. 28-30 bound it. */
class ProtectionOrderTest {

    // 2026-03-02 10:00 Beijing
    private static final Instant APPLIED = Instant.parse("2026-03-02T02:00:00Z");

    private static ProtectionOrder applied() {
        return ProtectionOrder.applied(7L, APPLIED, false, APPLIED, "li.mediator");
    }

    @Test
    void aRulingDatedBeforeTheApplicationIsRefusedUnderItsField() {
        assertThatThrownBy(() -> applied().ruled(APPLIED.minusSeconds(3600), true, LocalDate.of(2026, 6, 1), APPLIED,
                "li.mediator"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .anySatisfy(f -> assertThat(f.field()).isEqualTo("ruledAt")));
    }

    @Test
    void validityIsCountedFromTheRulingDateNotFromToday() {
        // ruled on 2026-03-04: valid until 2026-09-04 at most, whatever day it is recorded
        Instant ruled = Instant.parse("2026-03-04T01:00:00Z");
        ProtectionOrder sixMonths = applied();
        sixMonths.ruled(ruled, true, LocalDate.of(2026, 9, 4), Instant.parse("2026-05-20T00:00:00Z"), "li.mediator");
        assertThat(sixMonths.validUntil()).isEqualTo(LocalDate.of(2026, 9, 4));
        assertThatThrownBy(() -> applied().ruled(ruled, true, LocalDate.of(2026, 9, 5), ruled, "li.mediator"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .anySatisfy(f -> assertThat(f.field()).isEqualTo("validUntil")));
        assertThatThrownBy(() -> applied().ruled(ruled, true, LocalDate.of(2026, 3, 3), ruled, "li.mediator"))
                .as("not before the ruling").isInstanceOf(InvalidInput.class);
    }

    @Test
    void theRenewalIsRemindedFourteenDaysBeforeExpiry() {
        ProtectionOrder order = applied();
        order.ruled(APPLIED.plusSeconds(7200), true, LocalDate.of(2026, 8, 31), APPLIED, "li.mediator");
        assertThat(order.renewalReminderOn()).isEqualTo(LocalDate.of(2026, 8, 17));
    }

    @Test
    void aRefusedOrderHasNoValidityAndNoReminder() {
        ProtectionOrder order = applied();
        order.ruled(APPLIED.plusSeconds(7200), false, null, APPLIED, "li.mediator");
        assertThat(order.validUntil()).isNull();
        assertThat(order.renewalReminderOn()).isNull();
    }
}
