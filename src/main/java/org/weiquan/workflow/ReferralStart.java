package org.weiquan.workflow;

import java.time.Instant;

/** What a referral's process starts with: its key (case number and R-number), codes and the answer's due date. */
public record ReferralStart(String key, String caseNumber, long referralId, String stationCode,
                            String escalationStationCode, String mediator, String agencyKind, Instant answerDue) {
}
