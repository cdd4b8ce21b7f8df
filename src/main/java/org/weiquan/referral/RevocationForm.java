package org.weiquan.referral;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** 撤销转介: why. */
public record RevocationForm(@NotNull(message = "{required}") @Size(max = 1000, message = "{tooLong}") String reason) {
}
