package org.weiquan.casework;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.weiquan.casefile.ReplyReviews;
import org.weiquan.casefile.Case;
import org.weiquan.mediation.MediationAgreement;
import org.weiquan.mediation.MediationService;
import org.weiquan.mediation.MediationSession;
import org.weiquan.protection.ProtectionService;
import org.weiquan.referral.Referral;
import org.weiquan.referral.ReferralService;
import org.weiquan.security.Users;
import org.weiquan.shared.Days;
import org.weiquan.shared.Labels;
import org.weiquan.casefile.CaseFiles;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.casefile.DeadlineState;
import org.weiquan.casefile.FollowUpVisit;
import org.weiquan.casefile.HandlingRound;
import org.weiquan.casefile.HandlingStarts;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.intake.Category;
import org.weiquan.intake.Contact;
import org.weiquan.intake.ContactFlags;
import org.weiquan.intake.IntakeService;
import org.weiquan.intake.PetitionType;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.AccessLogEntry;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.Change;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The case file: opened in full for those whose scope holds the case (the opening is access-logged), edited
 * under optimistic locking with every change in the timeline. The file shows every record of the case's work.
 */
@Stateless
public class CaseFileService {

    /** What the timeline and the access log call the fields of a case file a user may change. */
    private static final java.util.Map<String, String> FIELD_NAMES = java.util.Map.of("summary", "事由摘要",
            "petitionType", "信访类型", "primaryCategory", "主要类别", "otherCategories", "其他类别", "flags", "标记");


    @PersistenceContext
    EntityManager em;

    @Inject
    IntakeService intake;

    @Inject
    Timeline timeline;

    @Inject
    CurrentActor currentActor;

    @EJB
    AccessLog accessLog;

    @Inject
    CaseFiles cases;

    @Inject
    TaskInbox inbox;

    @Inject
    MediationService mediation;

    @Inject
    ReferralService referrals;

    @Inject
    ProtectionService protection;

    @Inject
    Users users;

    @Inject
    ReplyReviews reviews;

    @Inject
    CaseWorkflow workflow;

    @Inject
    Clock clock;

    /**
     * What may change in a file. {@code version} is the version the user read; null fields stay as they are.
     */
    public record Edit(Long version, String summary, String petitionType, String primaryCategory,
                       List<String> otherCategories, List<String> flags) {
    }

    /** Opens the file with the parties in full; the opening is written to the access log. */
    public CaseFileView open(String number) {
        Actor actor = currentActor.get().requireCaseRole();
        Case aCase = inScope(number, actor);
        accessLog.record(actor, AccessAction.OPEN, aCase.contactId(), aCase.number(), "查看案件档案");
        return view(aCase);
    }

    /** Who opened, exported or changed this case: for the station's supervisors. */
    public List<AccessLogEntry> accessLogOf(String number) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        return accessLog.ofContact(inScope(number, actor).contactId());
    }

    public CaseFileView edit(String number, Edit edit) {
        Actor actor = currentActor.get().requireCaseRole();
        Case aCase = inScope(number, actor);
        if (edit.version() == null) {
            throw InvalidInput.of("version", "is required: the version of the file you edited");
        }
        if (edit.version() != aCase.version()) {
            throw new Conflict("the case file was changed by someone else since you opened it; reload it",
                    aCase.version());
        }
        Contact contact = aCase.contact();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String summary = contact.summary();
        if (edit.summary() != null) {
            if (edit.summary().isBlank()) {
                errors.add("summary", "must not be empty");
            } else if (edit.summary().length() > 4000) {
                errors.add("summary", "is longer than 4000 characters");
            } else {
                summary = edit.summary().strip();
            }
        }
        PetitionType petitionType = edit.petitionType() == null ? contact.petitionType()
                : Fields.enumValue(errors, "petitionType", edit.petitionType(), PetitionType.class);
        Category primary = edit.primaryCategory() == null ? contact.primaryCategory()
                : Fields.enumValue(errors, "primaryCategory", edit.primaryCategory(), Category.class);
        Set<Category> others = contact.otherCategories();
        if (edit.otherCategories() != null) {
            others = EnumSet.noneOf(Category.class);
            for (int i = 0; i < edit.otherCategories().size(); i++) {
                Category c = Fields.enumValue(errors, "otherCategories[" + i + "]", edit.otherCategories().get(i), Category.class);
                if (c != null) {
                    others.add(c);
                }
            }
        }
        Set<String> flags = new LinkedHashSet<>(contact.flags().names());
        if (edit.flags() != null) {
            flags = new LinkedHashSet<>();
            for (int i = 0; i < edit.flags().size(); i++) {
                String f = edit.flags().get(i);
                if (f == null || !ContactFlags.NAMES.contains(f)) {
                    errors.add("flags[" + i + "]", "must be one of " + String.join(", ", ContactFlags.NAMES));
                } else {
                    flags.add(f);
                }
            }
            if (contact.flags().repeatVisit()) {
                flags.add("repeatVisit"); // a linked repeat visit stays one
            }
        }
        errors.throwIfAny();

        List<Change> changes = new ArrayList<>();
        changes.add(new Change("summary", contact.summary(), summary));
        changes.add(new Change("petitionType", name(contact.petitionType()), name(petitionType)));
        changes.add(new Change("primaryCategory", name(contact.primaryCategory()), name(primary)));
        changes.add(new Change("otherCategories", sorted(contact.otherCategories()), sorted(others)));
        changes.add(new Change("flags", String.join(",", contact.flags().names()),
                String.join(",", ContactFlags.of(flags).names())));
        List<Change> real = changes.stream().filter(Change::isChange).toList();
        if (real.isEmpty()) {
            return view(aCase);
        }
        boolean reportNeededBefore = contact.flags().minorInvolved() || contact.flags().withoutCapacity();
        boolean violenceBefore = aCase.isDomesticViolence();
        contact.rewriteSummary(summary);
        contact.describe(petitionType, primary, others, ContactFlags.of(flags));
        aCase.describedByContact();
        em.lock(aCase, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        String fields = real.stream().map(c -> FIELD_NAMES.getOrDefault(c.field(), c.field())).collect(Collectors.joining("、"));
        timeline.append(actor, contact.id(), aCase.id(), EventType.CASE_EDITED, "修改" + fields, real);
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), aCase.number(), "修改案件档案：" + fields);
        em.flush();
        if (aCase.status() == CaseStatus.OPEN || aCase.withdrawnAt() == null && aCase.dueFollowUp().isPresent()) {
            Instant now = clock.instant();
            // what the case file now says starts the work it calls for, from now (DESIGN §3)
            if (!reportNeededBefore && (contact.flags().minorInvolved() || contact.flags().withoutCapacity())) {
                workflow.mandatoryReportNeeded(aCase.number(), now);
            }
            if (!violenceBefore && aCase.isDomesticViolence()) {
                workflow.dangerAssessmentNeeded(aCase.number(), now.plus(HandlingStarts.RISK_ASSESSMENT));
            }
        }
        return view(aCase);
    }

    /** The case when it lies in the actor's scope now; otherwise "not found", as if it did not exist. */
    public Case inScope(String number, Actor actor) {
        return cases.byNumber(number == null ? "" : number).filter(c -> actor.sees(c.station().path()))
                .orElseThrow(() -> new NotFound("case " + number));
    }

    public CaseFileView view(Case c) {
        Instant now = clock.instant();
        Contact contact = c.contact();
        List<CaseFileView.LinkedContact> linked = new ArrayList<>();
        if (contact.repeatOf() != null) {
            Contact earlier = contact.repeatOf();
            linked.add(new CaseFileView.LinkedContact(earlier.id(), "REPEATS", earlier.receivedAt(),
                    earlier.status().name(), earlier.caseNumber()));
        }
        for (Contact later : em.createQuery("SELECT c FROM Contact c WHERE c.repeatOf = :c ORDER BY c.receivedAt",
                Contact.class).setParameter("c", contact).getResultList()) {
            linked.add(new CaseFileView.LinkedContact(later.id(), "REPEATED_BY", later.receivedAt(),
                    later.status().name(), later.caseNumber()));
        }
        List<CaseFileView.TimelineEntry> entries = timeline.of(contact.id()).stream()
                .map(e -> new CaseFileView.TimelineEntry(e.occurredAt(), e.recordedAt(), e.actor(), e.actorStation(),
                        e.clientAddress(), e.type(), e.description(), e.changes()))
                .toList();
        // a closed case has no deadline left to count
        Long daysLeft = c.status() == CaseStatus.OPEN ? Days.left(c.currentDue(), Days.dateOf(now)) : null;
        return new CaseFileView(c.number(), c.station().code(), c.station().name(), c.status(), c.stage(),
                c.acceptedAt(), c.acceptedBy(), c.currentDue(),
                c.status() == CaseStatus.OPEN ? DeadlineState.of(c.currentDue(), now) : null, daysLeft,
                intake.details(contact), linked, entries, c.mediator(), c.riskLevel(), c.closureReason(), c.closedAt(),
                c.reopenCount(), inbox.openOf(c), completed(c), c.version(),
                c.rounds().stream().map(CaseFileService::round).toList(),
                mediation.sessionsOf(c.id()).stream().map(CaseFileService::session).toList(),
                referrals.ofCase(c.id()).stream().map(CaseFileService::referral).toList(),
                protection.assessmentsOf(c.id()).stream().map(a -> new CaseFileView.Assessment(a.instrumentId(),
                        a.answers(), a.score(), a.level(), a.assessedAt(), a.assessedBy())).toList(),
                protection.plansOf(c.id()).stream().map(p -> new CaseFileView.Plan(p.plan(), p.madeAt(), p.madeBy()))
                        .toList(),
                protection.ordersOf(c.id()).stream().map(o -> new CaseFileView.Order(o.status(), o.offeredAt(),
                        o.appliedAt(), o.urgent(), o.rulingDueAt(), o.ruledAt(), o.validUntil(), o.renewalReminderOn()))
                        .toList(),
                protection.reportsOf(c.id()).stream().map(r -> new CaseFileView.Report(r.reportedTo(), r.reportedAt(),
                        r.method(), r.recordedBy())).toList(),
                cases.repliesOf(c).stream().map(r -> new CaseFileView.Reply(r.roundNumber(), r.sentOn(), r.means(),
                        r.summary(), r.recordedBy())).toList(),
                c.followUps().stream().map(CaseFileService::visit).toList(),
                em.createQuery("SELECT n FROM TaskNote n WHERE n.contactId = :c ORDER BY n.writtenAt", TaskNote.class)
                        .setParameter("c", contact.id()).getResultList().stream()
                        .map(n -> new CaseFileView.Note(n.task(), n.note(), n.writtenAt(), n.writtenBy())).toList(),
                reviews.of(c).stream().map(r -> new CaseFileView.Review(r.kind(), r.requestedOn(), r.reason(),
                        r.reviewingStation().code(), r.reviewingStation().name(), r.answerDueAt(), r.answeredOn(),
                        r.upheld(), r.answer())).toList());
    }

    private List<CaseFileView.CompletedTask> completed(Case c) {
        return em.createQuery("SELECT r FROM TaskReceipt r WHERE r.caseId = :c ORDER BY r.completedAt, r.id",
                        TaskReceipt.class).setParameter("c", c.id()).getResultList().stream()
                .filter(r -> r.task() != null)
                .map(r -> new CaseFileView.CompletedTask(r.taskId(), r.task(), Labels.of(r.task()), r.completedAt(),
                        r.completedBy(), r.recordType(), r.recordId())).toList();
    }

    private static CaseFileView.Round round(HandlingRound r) {
        return new CaseFileView.Round(r.number(), r.startedAt(), r.startReason(), r.startNote(), r.dueAt(),
                r.extendedDueAt(), r.endedAt(),
                r.extensions().stream().map(e -> new CaseFileView.Extension(e.days(), e.reason(), e.requestedAt(),
                        e.requestedBy(), e.late(), e.status(), e.decidedAt(), e.decidedBy(), e.comment(),
                        e.personToldOn(), e.personToldBy())).toList(),
                r.closures().stream().map(c -> new CaseFileView.Closure(c.reason(), c.note(),
                        c.contactAttempts().stream().map(a -> new CaseFileView.Attempt(a.attemptedOn(), a.means(),
                                a.note())).toList(), c.requestedAt(), c.requestedBy(), c.decision(), c.decidedAt(),
                        c.decidedBy(), c.comment())).toList());
    }

    private static CaseFileView.Session session(MediationSession s) {
        MediationAgreement a = s.agreement();
        return new CaseFileView.Session(s.sessionNumber(), s.roundNumber(), s.heldAt(), s.mediator(), s.attendees(),
                s.notes(), s.outcome(), s.nextStep(), s.routesExplained(),
                a == null ? null : new CaseFileView.Agreement(a.id(), a.kind(), a.terms(), a.signedAt(),
                        a.confirmationDueOn(), a.confirmationStatus()), s.recordedBy());
    }

    private static CaseFileView.ReferralLine referral(Referral r) {
        return new CaseFileView.ReferralLine(r.number(), r.agency().code(), r.agency().name(), r.agency().kind(),
                r.urgent(), r.sentAt(), r.sentBy(), r.answerDueAt(), r.status(), r.answeredAt(), r.answerNote(),
                r.doneAt(), r.outcome(), r.revokedAt(), r.revokedBy(), r.revokeReason());
    }

    private static CaseFileView.Visit visit(FollowUpVisit v) {
        return new CaseFileView.Visit(v.roundNumber(), v.closedOn(), v.dueOn(), v.visitedAt(), v.result(),
                v.agreementPerformed(), v.problemBack(), v.note(), v.visitedBy(), v.cancelledAt());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String sorted(Set<Category> categories) {
        return categories.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
