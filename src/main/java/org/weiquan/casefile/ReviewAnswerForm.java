package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** 复查/复核答复: the earlier answer upheld or changed, the answer given, and when. */
public record ReviewAnswerForm(
        @NotNull(message = "{required}") Boolean upheld,
        @NotNull(message = "{required}") @Size(max = 4000, message = "{tooLong}") String reviewAnswer,
        @PastOrPresent(message = "{pastOrPresent}") LocalDate answeredOn) {
}
