package org.weiquan.mediation;

/** A mediation agreement is written (调解协议书) or oral. */
public enum AgreementKind {
    WRITTEN,
    ORAL
}
