package org.weiquan.protection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** 危险性评估: yes or no for every question of the instrument, by question id. */
public record RiskAssessmentForm(
        @NotNull(message = "{required}") @Size(max = 100, message = "{tooMany}") Map<String, Boolean> answers) {
}
