package org.weiquan.casefile;

/** The danger band of a domestic-violence case (危险性评估): HIGH opens the urgent path. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
