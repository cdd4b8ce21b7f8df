package org.weiquan.protection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** 法院裁定: granted or refused, when, and until when a granted order is valid. */
public record ProtectionOrderRulingForm(
        @NotNull(message = "{required}") Boolean granted,
        @NotNull(message = "{required}") @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime ruledAt,
        LocalDate validUntil) {
}
