package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.weiquan.intake.ReviewDecision;

/**
 * 受理审查: the supervisor's decision on a contact. NOT_ACCEPTED needs the reason and where the person was
 * told to go; TRANSFERRED needs a station or an outside body.
 */
public record ReviewDecisionForm(
        @NotNull(message = "{required}") ReviewDecision decision,
        @Size(max = 1000, message = "{tooLong}") String reason,
        @Size(max = 200, message = "{tooLong}") String referredTo,
        @Size(max = 32, message = "{tooLong}") String toStationCode) {
}
