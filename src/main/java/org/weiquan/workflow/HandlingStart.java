package org.weiquan.workflow;

import java.time.Instant;

/**
 * What a case's handling starts with: ids, codes, flags and dates only, never personal data. The deadlines run
 * from acceptance (or from the reopening, for a new round).
 */
public record HandlingStart(String caseNumber, long caseId, String stationCode, String escalationStationCode,
                            String category, String channel, boolean minorInvolved, boolean withoutCapacity,
                            boolean domesticViolence, boolean needsWrittenReply, boolean needsFollowUp,
                            boolean autoAssign, int roundNumber, String mediator, Instant handlingDue,
                            Instant mediatorAssignmentDue, Instant riskAssessmentDue, Instant mandatoryReportDue) {
}
