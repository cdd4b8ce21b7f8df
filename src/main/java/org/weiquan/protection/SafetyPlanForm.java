package org.weiquan.protection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** 安全计划: what was agreed with the person. */
public record SafetyPlanForm(@NotNull(message = "{required}") @Size(max = 4000, message = "{tooLong}") String plan) {
}
