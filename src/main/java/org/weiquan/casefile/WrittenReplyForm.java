package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** 书面答复: sent on which date, how, and what it said. */
public record WrittenReplyForm(
        @NotNull(message = "{required}") @PastOrPresent(message = "{pastOrPresent}") LocalDate sentOn,
        @NotNull(message = "{required}") ReplyMeans means,
        @NotNull(message = "{required}") @Size(max = 2000, message = "{tooLong}") String summary) {
}
