package org.weiquan.protection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import java.time.OffsetDateTime;

/** 协助申请人身安全保护令: applied or not; when applied, when and whether urgently. */
public record ProtectionOrderApplicationForm(
        @NotNull(message = "{required}") Boolean applied,
        Boolean urgent,
        @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime appliedAt) {
}
