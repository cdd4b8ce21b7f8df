package org.weiquan.mediation;

/** How a mediation session ended (人民调解法). */
public enum MediationOutcome {
    /** another session is needed */
    CONTINUE,
    /** 调解协议书 signed */
    WRITTEN_AGREEMENT,
    /** oral agreement */
    ORAL_AGREEMENT,
    /** mediation ended without agreement; the parties are told their other routes */
    TERMINATED,
    /** a party refused mediation */
    REFUSED;

    /** The session concluded the mediation (an agreement, a termination or a refusal). */
    public boolean concludes() {
        return this != CONTINUE;
    }

    public boolean isAgreement() {
        return this == WRITTEN_AGREEMENT || this == ORAL_AGREEMENT;
    }
}
