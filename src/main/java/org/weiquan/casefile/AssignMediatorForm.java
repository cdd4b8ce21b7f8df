package org.weiquan.casefile;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** 指派调解员: the user name of an active mediator of the case's station or a station above it. */
public record AssignMediatorForm(@NotNull(message = "{required}") @Size(max = 64, message = "{tooLong}") String mediator) {
}
