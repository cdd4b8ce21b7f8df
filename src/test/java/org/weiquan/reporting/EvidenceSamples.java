package org.weiquan.reporting;

import org.weiquan.casefile.CaseStage;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casework.CaseFileView;
import org.weiquan.casework.CaseTask;
import org.weiquan.mediation.AgreementKind;
import org.weiquan.mediation.ConfirmationStatus;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.ContactStatus;
import org.weiquan.intake.Gender;
import org.weiquan.intake.PartyRole;
import org.weiquan.intake.PetitionType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A closed family-dispute case with a child, as its file shows it, for the evidence-record tests. */
final class EvidenceSamples {

    static final String NUMBER = "QX-0212-2026-0007";
    static final String MOTHER = "唐晓倩";
    static final String FATHER = "汤博文";
    static final String CHILD = "汤小雨";
    static final String CHILD_ID = "110105201503070027";
    static final String TEEN = "唐静怡";
    static final String MOTHER_PHONE = "15700005906";

    private EvidenceSamples() {
    }

    static Instant at(int month, int day, int hour) {
        return OffsetDateTime.of(2026, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    }

    static ContactDetails.PartyDetails party(PartyRole role, String name, Gender gender, LocalDate birthDate,
                                             Integer age, String idNumber, String phone) {
        return new ContactDetails.PartyDetails(role, name, gender, birthDate, age, idNumber,
                phone == null ? List.of() : List.of(new ContactDetails.PhoneDetails(phone, false)), "樟树村3组12号",
                false, null);
    }

    static List<ContactDetails.PartyDetails> parties() {
        return List.of(
                party(PartyRole.COMPLAINANT, MOTHER, Gender.FEMALE, LocalDate.of(1992, 4, 2), null, "11010519920402004X",
                        MOTHER_PHONE),
                party(PartyRole.RESPONDENT, FATHER, Gender.MALE, null, 36, null, "13912345678"),
                party(PartyRole.CHILD, CHILD, Gender.FEMALE, null, null, CHILD_ID, null),
                // a daughter registered as OTHER, 17 by birth date: a minor all the same
                party(PartyRole.OTHER, TEEN, Gender.FEMALE, LocalDate.of(2009, 1, 20), null, null, "13800001111"));
    }

    static CaseFileView file() {
        ContactDetails contact = new ContactDetails(42, "QX-0212", ExportSamples.STATION, Channel.VISIT, at(3, 2, 9),
                "来访：丈夫" + FATHER + "不支付" + CHILD + "（身份证 " + CHILD_ID + "）的抚养费，" + MOTHER + "要求调解",
                PetitionType.CLAIM, Category.CHILD_CUSTODY_SUPPORT, List.of(), List.of("minorInvolved"), parties(),
                null, ContactStatus.ACCEPTED, at(3, 2, 10), "x-intake", null, null, at(3, 3, 9), "x-supervisor", null,
                null, null, null, null, NUMBER, List.of(), List.of(), 3);
        List<CaseFileView.TimelineEntry> timeline = List.of(
                new CaseFileView.TimelineEntry(at(3, 2, 10), at(3, 2, 10), "x-intake", "QX-0212", "10.0.0.1",
                        "CONTACT_REGISTERED", "登记来访，4 名当事人", List.of()),
                new CaseFileView.TimelineEntry(at(3, 3, 9), at(3, 3, 9), "x-supervisor", "QX-0212", "10.0.0.2",
                        "ACCEPTED", "受理", List.of()),
                new CaseFileView.TimelineEntry(at(3, 10, 15), at(3, 10, 15), "x-mediator", "QX-0212", "10.0.0.3",
                        "MEDIATION_SESSION_HELD", "第 1 次调解：达成书面协议（" + TEEN + "在场）", List.of()));
        List<CaseFileView.CompletedTask> tasks = List.of(
                new CaseFileView.CompletedTask("t1", CaseTask.ASSIGN_MEDIATOR, "指派调解员", at(3, 3, 10), "x-supervisor",
                        null, null),
                new CaseFileView.CompletedTask("t2", CaseTask.HOLD_MEDIATION_SESSION, "调解会谈", at(3, 10, 15),
                        "x-mediator", "MediationSession", 51L),
                new CaseFileView.CompletedTask("t3", CaseTask.APPROVE_CLOSURE, "结案审批", at(3, 12, 11), "x-supervisor",
                        "FollowUpVisit", 52L));
        CaseFileView.Session session = new CaseFileView.Session(1, 1, at(3, 10, 15), "x-mediator", "双方当事人",
                null, MediationOutcome.WRITTEN_AGREEMENT, null, null, new CaseFileView.Agreement(51, AgreementKind.WRITTEN,
                FATHER + "自2026年4月起每月5日前支付" + CHILD + "抚养费800元", at(3, 10, 15), LocalDate.of(2026, 4, 9),
                ConfirmationStatus.NOT_APPLIED), "x-mediator");
        return new CaseFileView(NUMBER, "QX-0212", ExportSamples.STATION, CaseStatus.CLOSED, CaseStage.FOLLOW_UP,
                at(3, 3, 9), "x-supervisor", at(5, 2, 0), null, null, contact, List.of(), timeline, "x-mediator", null,
                ClosureReason.MEDIATED_WRITTEN, at(3, 12, 11), 0, List.of(), tasks, 7, List.of(), List.of(session),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Staff by name, as the record shows them. */
    static String displayName(String username) {
        return switch (username) {
            case "x-intake" -> "王芳";
            case "x-supervisor" -> "陈静";
            case "x-mediator" -> "刘敏";
            default -> username;
        };
    }

    static EvidenceRecord record() {
        return EvidenceRecord.of(file(), at(4, 16, 9), "x-supervisor", EvidenceSamples::displayName);
    }
}
