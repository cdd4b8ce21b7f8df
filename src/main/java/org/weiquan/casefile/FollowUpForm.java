package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** 回访: when, what the person said, whether the agreement was kept, whether the problem is back. */
public record FollowUpForm(
        @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime visitedAt,
        @NotNull(message = "{required}") FollowUpResult result,
        AgreementPerformed agreementPerformed,
        @NotNull(message = "{required}") Boolean problemBack,
        @Size(max = 2000, message = "{tooLong}") String note) {
}
