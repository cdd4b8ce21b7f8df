package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** 结案审批: approve the closure, or send it back with a comment saying why. */
public record ClosureDecisionForm(
        @NotNull(message = "{required}") Boolean approved,
        @Size(max = 2000, message = "{tooLong}") String comment) {
}
