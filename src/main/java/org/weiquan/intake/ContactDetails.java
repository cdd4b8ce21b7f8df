package org.weiquan.intake;

import org.weiquan.workflow.WorkItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contact as its file shows it: full party details (decrypted), the review and its open tasks.
 * {@code objectionDue}: for a contact transferred here, the last day to object that it is not this
 * station's matter (信访工作条例 art. 23: 5 working days).
 */
public record ContactDetails(long id, String stationCode, String stationName, Channel channel, Instant receivedAt,
                             String summary, PetitionType petitionType, Category primaryCategory,
                             List<Category> otherCategories, List<String> flags, List<PartyDetails> parties,
                             Long repeatOfContactId, ContactStatus status, Instant registeredAt, String registeredBy,
                             Instant reviewDue, ReviewDecision decision, Instant decidedAt, String decidedBy,
                             String decisionReason, String referredTo, LocalDate acknowledgedOn,
                             AcknowledgementForm acknowledgementForm, LocalDate objectionDue, String caseNumber,
                             List<AttachmentInfo> attachments, List<WorkItem> openTasks, long version) {

    public record PartyDetails(PartyRole role, String name, Gender gender, LocalDate birthDate, Integer age,
                               String idNumber, List<PhoneDetails> phones, String address,
                               boolean addressSafeToContact, String relation) {
    }

    public record PhoneDetails(String number, boolean safeToContact) {
    }

    public record AttachmentInfo(long id, String fileName, String mediaType, long sizeBytes, Instant uploadedAt,
                                 String uploadedBy) {
    }
}
