package org.weiquan.mediation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/**
 * 调解会谈: when it was held, who attended, what was said and how it ended; an agreement's terms, or the
 * routes explained when the mediation ends without one.
 */
public record MediationSessionForm(
        @NotNull(message = "{required}") @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime heldAt,
        @NotNull(message = "{required}") @Size(max = 2000, message = "{tooLong}") String attendees,
        @Size(max = 4000, message = "{tooLong}") String notes,
        @NotNull(message = "{required}") MediationOutcome outcome,
        @Size(max = 4000, message = "{tooLong}") String agreementTerms,
        @Size(max = 2000, message = "{tooLong}") String routesExplained,
        @Size(max = 2000, message = "{tooLong}") String nextStep) {
}
