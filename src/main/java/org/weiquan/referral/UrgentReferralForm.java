package org.weiquan.referral;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** 转介公安/庇护: the police station and/or shelter the case goes to now, with the person's consent. */
public record UrgentReferralForm(
        @NotEmpty(message = "{required}") @Size(max = 3, message = "{tooMany}")
        List<@NotNull(message = "{required}") @Size(max = 32, message = "{tooLong}") String> agencyCodes,
        @NotNull(message = "{mustConsent}") @AssertTrue(message = "{mustConsent}") Boolean consent) {
}
