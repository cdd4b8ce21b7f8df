package org.weiquan.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** 转介结果: what the agency did, and when it was done. */
public record ReferralOutcomeForm(
        @NotNull(message = "{required}") @Size(max = 2000, message = "{tooLong}") String outcome,
        @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime doneAt) {
}
