package org.weiquan.protection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** 强制报告: to whom (the police station), when and how. */
public record MandatoryReportForm(
        @NotNull(message = "{required}") @Size(max = 200, message = "{tooLong}") String reportedTo,
        @NotNull(message = "{required}") @PastOrPresent(message = "{pastOrPresent}") OffsetDateTime reportedAt,
        @NotNull(message = "{required}") ReportMethod method) {
}
