package org.weiquan.intake;

import java.time.Instant;
import java.util.List;

/**
 * An earlier contact (or case) that may be about the same matter, and why it was found. Names masked. The score
 * ranks candidates (the same phone or identity number first, then the weight of names; see {@link SameMatterRule}).
 */
public record DuplicateCandidate(long contactId, String caseNumber, String stationCode, String stationName,
                                 Instant receivedAt, ContactStatus status, String complainant, List<Reason> reasons,
                                 Category primaryCategory, int score) {

    public DuplicateCandidate(long contactId, String caseNumber, String stationCode, String stationName,
                              Instant receivedAt, ContactStatus status, String complainant, List<Reason> reasons) {
        this(contactId, caseNumber, stationCode, stationName, receivedAt, status, complainant, reasons, null, 0);
    }

    public enum Reason {
        SAME_PHONE,
        SAME_ID_NUMBER,
        SIMILAR_COMPLAINANT_NAME,
        SAME_RESPONDENT
    }
}
