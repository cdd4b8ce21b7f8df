package org.weiquan.intake;

import org.weiquan.shared.Labels;
import org.weiquan.shared.StationTime;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.privacy.BlindIndex;
import org.weiquan.privacy.PersonalDataCipher;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.station.Scopes;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
import org.weiquan.workflow.WorkItem;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers contacts with their parties and attachments, finds earlier contacts on the same matter,
 * records acknowledgements, and shows a contact's file. A contact and its review process are written
 * in one transaction: if either fails, neither remains.
 */
@Stateless
public class IntakeService {

    /** 信访工作条例 art. 23: a station may object within 5 working days that a transferred matter is not its own. */
    static final String CONTEXT_ID = "party.idNumber";
    static final String CONTEXT_PHONE = "party.phone";
    static final String CONTEXT_ADDRESS = "party.address";

    @PersistenceContext
    EntityManager em;

    @Inject
    Contacts contacts;

    @Inject
    ContactReview review;


    @Inject
    RegistrationCheck check;

    @Inject
    SameMatterSearch sameMatter;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    BlindIndex blindIndex;

    @Inject
    Timeline timeline;

    @Inject
    CurrentActor currentActor;

    @EJB
    AccessLog accessLog;

    @Inject
    org.weiquan.calendar.WorkingDayCalendar calendar;

    @Inject
    Clock clock;

    /**
     * Registers a contact. When earlier contacts in scope look like the same matter and the user has
     * neither linked one ({@code repeatOfContactId}) nor confirmed the matter is new, nothing is saved
     * and {@link DuplicatesFound} lists them.
     */
    public ContactDetails register(ContactRegistration input) {
        Actor actor = requireRole(Role.INTAKE);
        RegistrationCheck.Checked in = check.check(input, actor);
        Contact repeatOf = null;
        if (input.repeatOfContactId() != null) {
            repeatOf = contacts.byIdWithStation(input.repeatOfContactId()).filter(c -> actor.sees(c.station().path()))
                    .orElseThrow(() -> InvalidInput.of("repeatOfContactId", "no contact in your scope has this id"));
        } else if (!input.confirmedNew()) {
            List<DuplicateCandidate> candidates = sameMatter.find(probeOf(in, LocalDate.now(clock)), actor);
            if (!candidates.isEmpty()) {
                throw new DuplicatesFound(candidates);
            }
        }
        Contact contact = Contact.register(in.station(), in.channel(), in.receivedAt(), in.summary(), clock.instant(),
                actor.username());
        contact.describe(in.petitionType(), in.primaryCategory(), in.otherCategories(), in.flags());
        addCheckedParties(contact, in);
        if (repeatOf != null) {
            contact.linkAsRepeatOf(repeatOf);
        }
        contacts.add(contact);
        timeline.append(actor, contact.id(), null, EventType.CONTACT_REGISTERED,
                "登记" + Labels.of(contact.channel()) + "，" + contact.parties().size() + " 名当事人");
        if (repeatOf != null) {
            timeline.append(actor, contact.id(), null, EventType.LINKED_AS_REPEAT_VISIT,
                    "关联为重复访，原登记 #" + repeatOf.id());
        }
        List<WorkItem> reviewTasks = review.start(contact, in.at());
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), null, "登记来访");
        return details(contact, in.at().stationCode(), in.at().stationName(), List.of(), reviewTasks);
    }

    /** A contact as a list shows it: no personal data but the complainant's masked name. */
    public record ContactLine(long id, String stationName, Channel channel, Category primaryCategory,
                              Instant receivedAt, String complainant, Instant reviewDue) {
    }

    /** The contacts of the user's stations registered since {@code since} and still awaiting their review. */
    public List<ContactLine> awaitingReview(Instant since) {
        Actor actor = currentActor.get().requireCaseRole();
        return em.createQuery("SELECT c FROM Contact c WHERE " + Scopes.within("c.station.path", actor.stationPath())
                        + " AND c.status = :s AND c.registeredAt >= :since ORDER BY c.registeredAt", Contact.class)
                .setParameter("s", ContactStatus.AWAITING_REVIEW)
                .setParameter("since", since).setMaxResults(200).getResultList().stream()
                .map(c -> new ContactLine(c.id(), c.station().name(), c.channel(), c.primaryCategory(), c.receivedAt(),
                        c.parties().stream().filter(p -> p.role() == PartyRole.COMPLAINANT).findFirst()
                                .map(p -> PersonName.mask(p.name())).orElse(""), c.reviewDue()))
                .toList();
    }

    /**
     * The contacts named, as a list shows them (station, channel, category, complainant masked): those in the
     * user's scope only; for the approvals list, where the supervisor sees what waits for her decision.
     */
    public List<ContactLine> lines(java.util.Collection<Long> ids) {
        Actor actor = currentActor.get().requireCaseRole();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT c FROM Contact c WHERE " + Scopes.within("c.station.path", actor.stationPath())
                        + " AND c.id IN :ids", Contact.class)
                .setParameter("ids", List.copyOf(ids)).getResultList()
                .stream().map(IntakeService::line).toList();
    }

    private static ContactLine line(Contact c) {
        return new ContactLine(c.id(), c.station().name(), c.channel(), c.primaryCategory(), c.receivedAt(),
                c.parties().stream().filter(p -> p.role() == PartyRole.COMPLAINANT).findFirst()
                        .map(p -> PersonName.mask(p.name())).orElse(""), c.reviewDue());
    }

    /** Earlier contacts in scope that may be the same matter; for the form, while the user types. */
    public List<DuplicateCandidate> duplicateCandidates(ContactRegistration input) {
        Actor actor = requireRole(Role.INTAKE);
        Set<String> phones = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> complainants = new LinkedHashSet<>();
        Set<String> respondents = new LinkedHashSet<>();
        Gender gender = null;
        Integer age = null;
        for (ContactRegistration.PartyInput p : input.parties()) {
            if (p == null) {
                continue;
            }
            for (ContactRegistration.PhoneInput phone : p.phones()) {
                if (phone != null && phone.number() != null && PhoneNumber.isValid(phone.number())) {
                    phones.add(PhoneNumber.parse(phone.number()).value());
                }
            }
            if (p.idNumber() != null && IdNumber.isValid(p.idNumber())) {
                ids.add(IdNumber.parse(p.idNumber()).value());
            }
            if ("COMPLAINANT".equals(p.role()) && complainants.isEmpty()) {
                gender = typedGender(p.gender());
                age = p.age() != null && p.age() >= 0 && p.age() < 150 ? p.age() : typedAge(p.birthDate());
            }
            if (p.name() != null && !p.name().isBlank()) {
                if ("COMPLAINANT".equals(p.role())) {
                    complainants.add(p.name().strip());
                } else if ("RESPONDENT".equals(p.role())) {
                    respondents.add(p.name().strip());
                }
            }
        }
        var probe = new SameMatterSearch.Probe(phones, ids, complainants, respondents, gender, age);
        return probe.isEmpty() ? List.of() : sameMatter.find(probe, actor);
    }

    /** The gender as typed, if it names one; anything else counts as not recorded. */
    private static Gender typedGender(String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return Gender.valueOf(typed.strip());
        } catch (IllegalArgumentException notAGender) {
            return null;
        }
    }

    /** The age from a birth date as typed, if it is one. */
    private Integer typedAge(String birthDate) {
        if (birthDate == null || birthDate.isBlank()) {
            return null;
        }
        try {
            LocalDate born = LocalDate.parse(birthDate.strip());
            LocalDate today = LocalDate.now(clock);
            return born.isAfter(today) ? null : java.time.Period.between(born, today).getYears();
        } catch (java.time.format.DateTimeParseException notADate) {
            return null;
        }
    }

    private static SameMatterSearch.Probe probeOf(RegistrationCheck.Checked in, LocalDate today) {
        Set<String> phones = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> complainants = new LinkedHashSet<>();
        Set<String> respondents = new LinkedHashSet<>();
        Gender gender = null;
        Integer age = null;
        for (RegistrationCheck.CheckedParty p : in.parties()) {
            if (p.role() == PartyRole.COMPLAINANT && complainants.isEmpty()) {
                gender = p.gender();
                age = p.age() != null ? p.age()
                        : p.birthDate() == null ? null : java.time.Period.between(p.birthDate(), today).getYears();
            }
            p.phones().forEach(ph -> phones.add(ph.number().value()));
            if (p.idNumber() != null) {
                ids.add(p.idNumber().value());
            }
            if (p.role() == PartyRole.COMPLAINANT) {
                complainants.add(p.name());
            } else if (p.role() == PartyRole.RESPONDENT) {
                respondents.add(p.name());
            }
        }
        return new SameMatterSearch.Probe(phones, ids, complainants, respondents, gender, age);
    }

    /** Records that the person was told their contact is being handled; the 15-day chase then stays away. */
    public ContactDetails acknowledge(long contactId, LocalDate on, String form) {
        Actor actor = requireRole(Role.INTAKE);
        Contact contact = inScope(contactId, actor);
        recordAcknowledgement(contact, on, form, clock.instant(), actor.username(), actor.stationCode(),
                actor.clientAddress(), new InvalidInput.Collector());
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), contact.caseNumber(), "记录告知");
        return details(contact);
    }

    private void recordAcknowledgement(Contact contact, LocalDate on, String form, Instant recordedAt, String by,
                                       String byStation, String clientAddress, InvalidInput.Collector errors) {
        if (on == null) {
            errors.add("date", "is required");
        } else if (on.isAfter(LocalDate.now(clock))) {
            errors.add("date", "lies in the future");
        } else if (on.isBefore(LocalDate.ofInstant(contact.receivedAt(), clock.getZone()))) {
            errors.add("date", "lies before the contact was received");
        } else if (on.isAfter(LocalDate.ofInstant(recordedAt, clock.getZone()))) {
            errors.add("date", "lies after the acknowledgement was recorded");
        }
        AcknowledgementForm f = RegistrationCheck.required(errors, "form", form, AcknowledgementForm.class);
        errors.throwIfAny();
        contact.acknowledge(on, f, by);
        if (review.underReview(contact)) {
            review.acknowledged(contact);
        }
        timeline.appendAt(recordedAt, by, byStation, clientAddress, contact.id(), null, EventType.ACKNOWLEDGED,
                "已告知（" + Labels.of(f) + "，" + StationTime.text(on) + "）");
    }

    /**
     * The supervisor of the station a contact was transferred to objects, within 5 working days, that it is not
     * this station's matter (信访工作条例 art. 23): the contact goes back to the review of the station that
     * transferred it. After the window a conflict.
     */
    public ContactDetails objectToTransfer(long contactId, String reason) {
        Actor actor = requireRole(Role.SUPERVISOR);
        Contact contact = inScope(contactId, actor);
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required: why the matter is not this station's");
        }
        if (reason.length() > 1000) {
            throw InvalidInput.of("reason", "is longer than 1000 characters");
        }
        LocalDate last = TransferObjection.lastDay(contact, calendar.workingDays());
        if (last == null) {
            throw new Conflict("only a contact transferred to this station and not yet decided can be sent back");
        }
        if (LocalDate.now(clock.withZone(org.weiquan.shared.StationTime.ZONE)).isAfter(last)) {
            throw new Conflict("the window to object closed on " + last + " (5 working days, 信访工作条例 art. 23)");
        }
        String receiving = contact.station().name();
        contact.returnAfterObjection(reason.strip(), clock.instant(), actor.username());
        review.objected(contact);
        timeline.appendAt(clock.instant(), actor.username(), actor.stationCode(), actor.clientAddress(), contact.id(),
                null, EventType.TRANSFER_OBJECTED, receiving + "对转送提出异议，退回" + contact.station().name() + "审查："
                        + reason.strip());
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), null, "对转送提出异议");
        return details(contact);
    }

    /** Keeps a scanned page or other evidence with the contact; the type is checked by content. */
    public ContactDetails.AttachmentInfo attach(long contactId, String fileName, String declaredType, byte[] content) {
        Actor actor = requireRole(Role.INTAKE);
        Contact contact = inScope(contactId, actor);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String name = RegistrationCheck.text(errors, "fileName", fileName, 255, true);
        var declared = AttachmentKind.ofMediaType(declaredType);
        if (declared.isEmpty()) {
            errors.add("contentType", "must be application/pdf, image/jpeg or image/png");
        }
        if (content == null || content.length == 0) {
            errors.add("content", "is empty");
        } else if (content.length > Attachment.MAX_BYTES) {
            errors.add("content", "is larger than " + Attachment.MAX_BYTES / (1024 * 1024) + " MiB");
        } else if (declared.isPresent() && AttachmentKind.sniff(content).filter(declared.get()::equals).isEmpty()) {
            errors.add("content", "is not a " + declared.get().mediaType() + " file");
        }
        String kept = name == null || declared.isEmpty() ? null : declared.get().fileName(name);
        if (name != null && declared.isPresent() && kept == null) {
            errors.add("fileName", "has no usable characters");
        }
        errors.throwIfAny();
        Attachment attachment = new Attachment(contact.id(), kept, declared.get(), content, sha256(content),
                clock.instant(), actor.username());
        em.persist(attachment);
        em.flush();
        timeline.append(actor, contact.id(), null, EventType.ATTACHMENT_ADDED,
                "附件（" + (declared.get() == AttachmentKind.PDF ? "PDF 文档" : "图片") + "，" + content.length + " 字节）");
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), contact.caseNumber(), "添加附件");
        return info(attachment);
    }

    /** An attachment's content, within scope; the download is an export and goes to the access log. */
    public Attachment attachment(long contactId, long attachmentId) {
        Actor actor = currentActor.get().requireCaseRole();
        Contact contact = inScope(contactId, actor);
        Attachment a = em.find(Attachment.class, attachmentId);
        if (a == null || a.contactId() != contact.id()) {
            throw new NotFound("attachment");
        }
        accessLog.record(actor, AccessAction.EXPORT, contact.id(), contact.caseNumber(), "下载附件");
        return a;
    }

    /** Opens a contact with its parties in full; the opening goes to the access log. */
    public ContactDetails find(long id) {
        Actor actor = currentActor.get().requireCaseRole();
        Contact contact = inScope(id, actor);
        accessLog.record(actor, AccessAction.OPEN, contact.id(), contact.caseNumber(), "查看来访登记");
        return details(contact);
    }

    /** The contact if it exists and lies in the actor's scope; otherwise 404, never 403. */
    Contact inScope(long id, Actor actor) {
        return contacts.byIdWithStation(id).filter(c -> actor.sees(c.station().path()))
                .orElseThrow(() -> new NotFound("contact " + id));
    }

    private Actor requireRole(Role role) {
        return currentActor.get().require(role);
    }

    /** The file view: decrypted parties, attachments, open tasks. */
    public ContactDetails details(Contact c) {
        return details(c, c.station().code(), c.station().name(), null, null);
    }

    /**
     * The file view; {@code knownAttachments} and {@code knownTasks} when the caller knows them (a contact just
     * registered has no attachments, and its review's start said which tasks it opened), and its station's code and
     * name as the caller knows them (a contact just registered may name its station by a reference not yet read).
     */
    private ContactDetails details(Contact c, String stationCode, String stationName,
                                   List<ContactDetails.AttachmentInfo> knownAttachments,
                                   List<WorkItem> knownTasks) {
        List<ContactDetails.PartyDetails> parties = c.parties().stream().map(p -> new ContactDetails.PartyDetails(
                p.role(), p.name(), p.gender(), p.birthDate(), p.age(),
                p.idNumberEncrypted() == null ? null : cipher.decrypt(p.idNumberEncrypted(), CONTEXT_ID),
                p.phones().stream().map(ph -> new ContactDetails.PhoneDetails(
                        cipher.decrypt(ph.numberEncrypted(), CONTEXT_PHONE), ph.safeToContact())).toList(),
                p.addressEncrypted() == null ? null : cipher.decrypt(p.addressEncrypted(), CONTEXT_ADDRESS),
                p.addressSafeToContact(), p.relation())).toList();
        List<ContactDetails.AttachmentInfo> attachments = knownAttachments != null ? knownAttachments : em.createQuery(
                        "SELECT a FROM Attachment a WHERE a.contactId = :c ORDER BY a.id", Attachment.class)
                .setParameter("c", c.id()).getResultList().stream().map(IntakeService::info).toList();
        return new ContactDetails(c.id(), stationCode, stationName, c.channel(), c.receivedAt(),
                c.summary(), c.petitionType(), c.primaryCategory(), c.otherCategories().stream().sorted().toList(),
                c.flags().names(), parties, c.repeatOf() == null ? null : c.repeatOf().id(), c.status(),
                c.registeredAt(), c.registeredBy(), c.reviewDue(), c.decision(), c.decidedAt(), c.decidedBy(),
                c.decisionReason(), c.referredTo(), c.acknowledgedOn(), c.acknowledgementForm(), objectionDue(c),
                c.caseNumber(),
                attachments, knownTasks != null ? knownTasks : review.openTasks(c),
                c.version());
    }

    /** 5 working days from the transfer to this station, while the review is open. */
    private LocalDate objectionDue(Contact c) {
        return TransferObjection.lastDay(c, calendar::workingDays);
    }

    private static ContactDetails.AttachmentInfo info(Attachment a) {
        return new ContactDetails.AttachmentInfo(a.id(), a.fileName(), a.mediaType(), a.sizeBytes(), a.uploadedAt(),
                a.uploadedBy());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers a contact as it was registered in the past, by the user named: for contacts brought in
     * from elsewhere (a station's paper ledger, the demo data). Every field is checked as in
     * {@link #register} (the station against the whole tree), phones and identity numbers are encrypted
     * and indexed the same way, and the timeline shows the registration at {@code registeredAt}. There is
     * no duplicate search: a repeat visit is linked by {@code repeatOfContactId}.
     *
     * <p>With {@code startReview} the acceptance review starts as for a new contact (its 15 days run from
     * receipt, so an old contact is overdue at once). Without it the contact has no review process: the
     * caller records its decision in the same transaction ({@code ReviewService.decideAt}).
     *
     * <p>Authorisation is the caller's: this method trusts {@code registeredBy} and sees the whole tree.
     *
     * @return the new contact's id
     */
    public long importContact(ContactRegistration input, Instant registeredAt, String registeredBy,
                              boolean startReview) {
        return importContact(input, registeredAt, registeredBy, startReview, null);
    }

    /** The same, remembering the ledger row's fingerprint so that the row is never imported twice. */
    public long importContact(ContactRegistration input, Instant registeredAt, String registeredBy,
                              boolean startReview, String importKey) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String by = RegistrationCheck.text(errors, "registeredBy", registeredBy, 64, true);
        Actor importer = new Actor(by == null ? "" : by, null, null, "/", EnumSet.of(Role.INTAKE), null);
        RegistrationCheck.Checked in = null;
        try {
            in = check.check(input, importer);
        } catch (InvalidInput invalid) {
            invalid.errors().forEach(e -> errors.add(e.field(), e.message()));
        }
        Contact repeatOf = null;
        if (input.repeatOfContactId() != null) {
            repeatOf = contacts.byId(input.repeatOfContactId()).orElse(null);
            if (repeatOf == null) {
                errors.add("repeatOfContactId", "no contact has this id");
            }
        }
        if (registeredAt == null) {
            errors.add("registeredAt", "is required");
        } else if (registeredAt.isAfter(clock.instant().plus(RegistrationCheck.CLOCK_SKEW))) {
            errors.add("registeredAt", "lies in the future");
        } else if (in != null && registeredAt.isBefore(in.receivedAt())) {
            errors.add("registeredAt", "lies before the contact was received");
        }
        errors.throwIfAny();

        Contact contact = Contact.register(in.station(), in.channel(), in.receivedAt(), in.summary(), registeredAt, by);
        contact.describe(in.petitionType(), in.primaryCategory(), in.otherCategories(), in.flags());
        addCheckedParties(contact, in);
        if (repeatOf != null) {
            contact.linkAsRepeatOf(repeatOf);
        }
        if (importKey != null) {
            contact.importedFrom(importKey);
        }
        contacts.add(contact);
        String station = contact.station().code();
        timeline.appendAt(registeredAt, by, station, contact.id(), null, EventType.CONTACT_REGISTERED,
                "登记" + Labels.of(contact.channel()) + "，" + contact.parties().size() + " 名当事人");
        if (repeatOf != null) {
            timeline.appendAt(registeredAt, by, station, contact.id(), null, EventType.LINKED_AS_REPEAT_VISIT,
                    "关联为重复访，原登记 #" + repeatOf.id());
        }
        if (startReview) {
            review.start(contact);
        }
        return contact.id();
    }

    /**
     * Records an acknowledgement given in the past, by the user named (a ledger import, the demo data);
     * checked as {@link #acknowledge}. A running review then stops chasing, as usual; a contact imported
     * without a review only records it. Authorisation is the caller's.
     */
    public void acknowledgeAt(long contactId, LocalDate on, String form, Instant recordedAt, String recordedBy) {
        Contact contact = contacts.byId(contactId).orElseThrow(() -> new NotFound("contact " + contactId));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String by = RegistrationCheck.text(errors, "recordedBy", recordedBy, 64, true);
        if (recordedAt == null) {
            errors.add("recordedAt", "is required");
            errors.throwIfAny();
        } else if (recordedAt.isAfter(clock.instant().plus(RegistrationCheck.CLOCK_SKEW))) {
            errors.add("recordedAt", "lies in the future");
        } else if (recordedAt.isBefore(contact.registeredAt())) {
            errors.add("recordedAt", "lies before the contact was registered");
        }
        recordAcknowledgement(contact, on, form, recordedAt, by, contact.station().code(), null, errors);
    }

    /** The checked parties onto the contact: identity numbers, phones and addresses encrypted, numbers indexed. */
    private void addCheckedParties(Contact contact, RegistrationCheck.Checked in) {
        for (RegistrationCheck.CheckedParty p : in.parties()) {
            Party party = contact.addParty(p.role(), p.name(), PersonName.pinyin(p.name()), p.gender(), p.birthDate(),
                    p.age(), p.relation());
            if (p.idNumber() != null) {
                party.recordIdNumber(cipher.encrypt(p.idNumber().value(), CONTEXT_ID),
                        blindIndex.of(p.idNumber().value(), "id"));
            }
            for (RegistrationCheck.CheckedPhone phone : p.phones()) {
                party.addPhone(cipher.encrypt(phone.number().value(), CONTEXT_PHONE),
                        blindIndex.of(phone.number().value(), "phone"), phone.safeToContact());
            }
            if (p.address() != null) {
                party.recordAddress(cipher.encrypt(p.address(), CONTEXT_ADDRESS), p.addressSafe());
            }
        }
    }
}
