package org.weiquan.intake;

import java.time.Instant;
import java.util.List;

/** An earlier contact (or case) that may be about the same matter, and why it was found. Names masked. */
public record DuplicateCandidate(long contactId, String caseNumber, String stationCode, String stationName,
                                 Instant receivedAt, ContactStatus status, String complainant, List<Reason> reasons) {

    public enum Reason {
        SAME_PHONE,
        SAME_ID_NUMBER,
        SIMILAR_COMPLAINANT_NAME,
        SAME_RESPONDENT
    }
}
