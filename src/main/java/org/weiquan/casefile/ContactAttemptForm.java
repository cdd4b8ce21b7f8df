package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** One documented attempt to reach the person: when, how, what happened. */
public record ContactAttemptForm(
        @NotNull(message = "{required}") @PastOrPresent(message = "{pastOrPresent}") LocalDate on,
        @NotNull(message = "{required}") ContactMeans means,
        @Size(max = 500, message = "{tooLong}") String note) {

    ContactAttempt toAttempt() {
        return new ContactAttempt(on, means, note);
    }
}
