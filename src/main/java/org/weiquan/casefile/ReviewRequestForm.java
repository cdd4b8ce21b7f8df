package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** 申请复查/复核: which kind, when the person asked, and why. */
public record ReviewRequestForm(
        @NotNull(message = "{required}") ReviewKind kind,
        @NotNull(message = "{required}") @PastOrPresent(message = "{pastOrPresent}") LocalDate requestedOn,
        @NotNull(message = "{required}") @Size(max = 2000, message = "{tooLong}") String reason) {
}
