package org.weiquan.casefile;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
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
import org.weiquan.shared.Forbidden;
import org.weiquan.station.Station;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.Change;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Opens case files and edits them under optimistic locking, writing every change to the timeline. */
@Stateless
public class CaseFileService {

    @PersistenceContext
    EntityManager em;

    @Inject
    IntakeService intake;

    @Inject
    Timeline timeline;

    @Inject
    CurrentActor currentActor;

    @Inject
    AccessLog accessLog;

    @Inject
    CaseHandlingProcess handling;

    @Inject
    CaseTasks caseTasks;

    @Inject
    org.weiquan.station.Stations stations;

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
        accessLog.record(actor, AccessAction.OPEN, aCase.contact().id(), aCase.number(), "case file");
        return view(aCase);
    }

    /** Who opened, exported or changed this case: for the station's supervisors. */
    public List<AccessLogEntry> accessLogOf(String number) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        return accessLog.ofContact(inScope(number, actor).contact().id());
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
        contact.rewriteSummary(summary);
        contact.describe(petitionType, primary, others, ContactFlags.of(flags));
        aCase.describedByContact();
        em.lock(aCase, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        String fields = real.stream().map(Change::field).collect(Collectors.joining(", "));
        timeline.append(actor, contact.id(), aCase.id(), EventType.CASE_EDITED, "修改 " + fields, real);
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), aCase.number(), "edited " + fields);
        em.flush();
        return view(aCase);
    }

    /** The mediator or supervisor asks for the one extension (≤ 30 days, with the reason); the supervisor decides. */
    public CaseFileView requestExtension(String number, Integer days, String reason) {
        Actor actor = currentActor.get();
        Case aCase = inScope(number, actor);
        if (!actor.has(Role.MEDIATOR) && !actor.has(Role.SUPERVISOR)) {
            throw new Forbidden("an extension is asked for by the mediator or the supervisor");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (days == null || days < 1 || days > 30) {
            errors.add("days", "must be between 1 and 30 (信访工作条例 art. 34)");
        }
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "is required: the person is told why");
        } else if (reason.length() > 1000) {
            errors.add("reason", "is longer than 1000 characters");
        }
        errors.throwIfAny();
        if (aCase.extendedDue() != null) {
            throw new Conflict("the case was already extended once");
        }
        if (aCase.status() != CaseStatus.OPEN) {
            throw new Conflict("the case is " + aCase.status());
        }
        handling.requestExtension(aCase, days);
        timeline.append(actor, aCase.contact().id(), aCase.id(), EventType.EXTENSION_REQUESTED,
                "申请延期 " + days + " 天：" + reason.strip());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contact().id(), aCase.number(), "extension requested");
        em.flush();
        return view(aCase);
    }

    /** The person withdrew (撤回): the case ends at once, whatever it was waiting for. */
    public CaseFileView withdraw(String number, String reason) {
        Actor actor = currentActor.get().requireCaseRole();
        Case aCase = inScope(number, actor);
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required: how the person withdrew");
        }
        aCase.withdraw(clock.instant(), actor.username());
        handling.withdraw(aCase);
        timeline.append(actor, aCase.contact().id(), aCase.id(), EventType.WITHDRAWN, "当事人撤回：" + reason.strip());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contact().id(), aCase.number(), "withdrawn");
        em.flush();
        return view(aCase);
    }

    /** A supervisor moves the case to another station; its open tasks move with it. */
    public CaseFileView transfer(String number, String toStationCode, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Case aCase = inScope(number, actor);
        Station from = aCase.station();
        Station to = toStationCode == null ? null : stations.byCode(toStationCode.strip()).orElse(null);
        if (to == null) {
            throw InvalidInput.of("toStationCode", "no station has this code");
        }
        if (to.id().equals(from.id())) {
            throw InvalidInput.of("toStationCode", "is the case's own station: a transfer goes elsewhere");
        }
        aCase.transferTo(to);
        handling.transfer(aCase, from, to);
        timeline.append(actor, aCase.contact().id(), aCase.id(), EventType.TRANSFERRED_TO_STATION,
                "案件移送 " + from.code() + " → " + to.code() + (reason == null ? "" : "：" + reason.strip()));
        accessLog.record(actor, AccessAction.CHANGE, aCase.contact().id(), aCase.number(), "transferred to " + to.code());
        em.flush();
        return actor.sees(to.path()) ? view(aCase) : null;
    }

    /**
     * Refers the case to a partner agency, with the person's consent (recorded; no consent, no referral).
     * The referral runs as its own process: answer due after {@code answerDays} (7 by default), chased
     * when silent.
     */
    public String refer(String number, String agencyCode, Boolean consent, Integer answerDays) {
        Actor actor = currentActor.get();
        Case aCase = inScope(number, actor);
        if (!actor.has(Role.MEDIATOR) && !actor.has(Role.SUPERVISOR)) {
            throw new Forbidden("a referral is sent by the mediator or the supervisor");
        }
        InvalidInput.Collector errors = new InvalidInput.Collector();
        org.weiquan.station.PartnerAgency agency = agencyCode == null ? null
                : em.find(org.weiquan.station.PartnerAgency.class, agencyCode.strip());
        if (agency == null) {
            errors.add("agencyCode", "no partner agency has this code");
        }
        if (!Boolean.TRUE.equals(consent)) {
            errors.add("consent", "the person must agree before a referral is sent");
        }
        int days = answerDays == null ? 7 : answerDays;
        if (days < 1 || days > 60) {
            errors.add("answerDays", "must be between 1 and 60");
        }
        errors.throwIfAny();
        if (aCase.status() != CaseStatus.OPEN) {
            throw new Conflict("the case is " + aCase.status());
        }
        String key = handling.startReferral(aCase, agency.code(), agency.kind().name(), days);
        timeline.append(actor, aCase.contact().id(), aCase.id(), EventType.REFERRED,
                "转介 " + agency.name() + "（当事人已同意），" + days + " 天内答复");
        accessLog.record(actor, AccessAction.CHANGE, aCase.contact().id(), aCase.number(), "referral " + agency.code());
        em.flush();
        return key;
    }

    /** Revokes a running referral (REVOKED): the agency is told, the referral's tasks end. */
    public void revokeReferral(String number, int referralNumber, String reason) {
        Actor actor = currentActor.get();
        Case aCase = inScope(number, actor);
        if (!actor.has(Role.MEDIATOR) && !actor.has(Role.SUPERVISOR)) {
            throw new Forbidden("a referral is revoked by the mediator or the supervisor");
        }
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required");
        }
        if (!handling.revokeReferral(aCase, referralNumber)) {
            throw new NotFound("running referral " + referralNumber + " of case " + number);
        }
        timeline.append(actor, aCase.contact().id(), aCase.id(), EventType.REFERRAL_REVOKED,
                "撤回转介 R" + referralNumber + "：" + reason.strip());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contact().id(), aCase.number(), "referral revoked");
    }

    Case inScope(String number, Actor actor) {
        List<Case> found = em.createQuery("SELECT c FROM CaseFile c WHERE c.number = :n", Case.class)
                .setParameter("n", number).getResultList();
        return found.stream().filter(c -> actor.sees(c.station().path())).findFirst()
                .orElseThrow(() -> new NotFound("case " + number));
    }

    private CaseFileView view(Case c) {
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
                .map(e -> new CaseFileView.TimelineEntry(e.occurredAt(), e.actor(), e.actorStation(),
                        e.clientAddress(), e.type(), e.description(), e.changes()))
                .toList();
        long daysLeft = Duration.between(now, c.currentDue()).toDays();
        return new CaseFileView(c.number(), c.station().code(), c.station().name(), c.status(), c.stage(),
                c.acceptedAt(), c.acceptedBy(), c.currentDue(),
                c.status() == CaseStatus.OPEN ? DeadlineState.of(c.currentDue(), now) : null, daysLeft,
                intake.details(contact), linked, entries, c.mediator(), c.riskLevel(),
                c.closureReason() == null ? null : c.closureReason().name(), c.closedAt(), c.reopenCount(),
                caseTasks.openOf(c), caseTasks.completedOf(c), c.version());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String sorted(Set<Category> categories) {
        return categories.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
