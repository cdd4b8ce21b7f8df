package org.weiquan.referral;

/** 转介状态: REQUESTED → ACCEPTED / REJECTED → DONE, or REVOKED at any time before it ends. */
public enum ReferralStatus {
    REQUESTED,
    ACCEPTED,
    REJECTED,
    DONE,
    REVOKED;

    /** Still waiting for the agency's answer or its outcome: a case does not close on it. */
    public boolean isOpen() {
        return this == REQUESTED || this == ACCEPTED;
    }
}
