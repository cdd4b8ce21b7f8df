package org.weiquan.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A rate as a report must show it: numerator and denominator, the percentage only when defined. */
public record Rate(long numerator, long denominator) {

    /** Percent with one decimal, or null when there is nothing to divide by. */
    public BigDecimal percent() {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator * 1000L).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP)
                .movePointLeft(1);
    }
}
