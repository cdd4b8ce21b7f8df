package org.weiquan.mediation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** 提醒申请司法确认: the parties were reminded; whether they applied (or the court decided), and what they said. */
public record JudicialConfirmationForm(
        @NotNull(message = "{required}") ConfirmationStatus confirmationStatus,
        @Size(max = 2000, message = "{tooLong}") String note) {
}
