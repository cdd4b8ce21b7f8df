package org.weiquan.referral;

/** The partner agency's answer to a referral. */
public enum ReferralAnswer {
    ACCEPTED,
    REJECTED
}
