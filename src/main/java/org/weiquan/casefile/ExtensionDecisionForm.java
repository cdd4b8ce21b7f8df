package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * 延期审批: approve or refuse the extension request (a refusal says why); a request made after the deadline
 * had passed is approved only with {@code grantLate}.
 */
public record ExtensionDecisionForm(
        @NotNull(message = "{required}") Boolean approved,
        @Size(max = 2000, message = "{tooLong}") String comment,
        Boolean grantLate) {
}
