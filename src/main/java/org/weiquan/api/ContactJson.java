package org.weiquan.api;

import org.weiquan.intake.ContactDetails;
import org.weiquan.shared.StationTime;
import org.weiquan.shared.Labels;
import org.weiquan.workflow.WorkItem;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A contact as the API shows it, parties in full (this is the file, not a list); times in Asia/Shanghai. */
public record ContactJson(long id, String stationCode, String stationName, String channel, OffsetDateTime receivedAt,
                          String summary, String petitionType, String primaryCategory, List<String> otherCategories,
                          List<String> flags, List<PartyJson> parties, Long repeatOfContactId, String status,
                          OffsetDateTime registeredAt, String registeredBy, OffsetDateTime reviewDue, String decision,
                          OffsetDateTime decidedAt, String decidedBy, String decisionReason, String referredTo,
                          LocalDate acknowledgedOn, String acknowledgementForm, LocalDate objectionDue,
                          String caseNumber,
                          List<AttachmentJson> attachments, List<TaskJson> openTasks, long version) {

    static ContactJson of(ContactDetails c) {
        return new ContactJson(c.id(), c.stationCode(), c.stationName(), c.channel().name(),
                StationTime.of(c.receivedAt()), c.summary(), name(c.petitionType()), name(c.primaryCategory()),
                c.otherCategories().stream().map(Enum::name).toList(), c.flags(),
                c.parties().stream().map(PartyJson::new).toList(), c.repeatOfContactId(), c.status().name(),
                StationTime.of(c.registeredAt()), c.registeredBy(), StationTime.of(c.reviewDue()), name(c.decision()),
                StationTime.of(c.decidedAt()), c.decidedBy(), c.decisionReason(), c.referredTo(), c.acknowledgedOn(),
                name(c.acknowledgementForm()), c.objectionDue(), c.caseNumber(),
                c.attachments().stream().map(AttachmentJson::new).toList(),
                c.openTasks().stream().map(TaskJson::of).toList(), c.version());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    public record PartyJson(String role, String name, String gender, LocalDate birthDate, Integer age, String idNumber,
                            List<PhoneJson> phones, String address, boolean addressSafeToContact, String relation) {
        PartyJson(ContactDetails.PartyDetails p) {
            this(p.role().name(), p.name(), ContactJson.name(p.gender()), p.birthDate(), p.age(), p.idNumber(),
                    p.phones().stream().map(ph -> new PhoneJson(ph.number(), ph.safeToContact())).toList(),
                    p.address(), p.addressSafeToContact(), p.relation());
        }
    }

    public record PhoneJson(String number, boolean safeToContact) {
    }

    public record AttachmentJson(long id, String fileName, String mediaType, long sizeBytes, OffsetDateTime uploadedAt,
                                 String uploadedBy) {
        AttachmentJson(ContactDetails.AttachmentInfo a) {
            this(a.id(), a.fileName(), a.mediaType(), a.sizeBytes(), StationTime.of(a.uploadedAt()), a.uploadedBy());
        }
    }

    public record TaskJson(String id, String key, String name, String assignee, List<String> candidateGroups,
                           OffsetDateTime created, OffsetDateTime due) {
        static TaskJson of(WorkItem t) {
            return new TaskJson(t.id(), t.taskKey(), org.weiquan.casework.CaseTask.byId(t.taskKey()).map(Labels::of)
                    .orElse(t.name()), t.assignee(), t.candidateGroups(), StationTime.of(t.created()),
                    StationTime.of(t.due()));
        }
    }
}
