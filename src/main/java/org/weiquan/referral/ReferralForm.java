package org.weiquan.referral;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A referral to a partner agency asked for from the case file (转介), with the person's consent. */
public record ReferralForm(
        @NotNull(message = "{required}") @Size(max = 32, message = "{tooLong}") String agencyCode,
        @NotNull(message = "{mustConsent}") @AssertTrue(message = "{mustConsent}") Boolean consent) {
}
