package org.weiquan.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** 转介答复: the agency accepted or rejected the referral, when, and what it said. */
public record ReferralAnswerForm(
        @NotNull(message = "{required}") ReferralAnswer answer,
        @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime answeredAt,
        @Size(max = 2000, message = "{tooLong}") String note) {
}
