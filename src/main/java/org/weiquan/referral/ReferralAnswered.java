package org.weiquan.referral;

/**
 * A partner agency's answer to a referral was recorded (a CDI event fired in the recording transaction, issue 19):
 * the case, the referral's number, the case's mediator (null before one is assigned) and who recorded it.
 */
public record ReferralAnswered(String caseNumber, int referralNumber, String mediator, String recordedBy) {
}
