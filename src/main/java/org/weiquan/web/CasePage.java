package org.weiquan.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.casefile.ExtensionStatus;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.casework.CaseActions;
import org.weiquan.casework.CaseFileService;
import org.weiquan.casework.CaseFileView;
import org.weiquan.casework.CaseTask;
import org.weiquan.shared.Labels;
import org.weiquan.intake.ContactDetails;
import org.weiquan.reporting.EvidenceExports;
import org.weiquan.reporting.Export;
import org.weiquan.security.AccessLogEntry;
import org.weiquan.shared.NotFound;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A case file: header with deadlines, parties in full (this view is access-logged by the service),
 * timeline, tasks, mediation sessions, referrals, protection orders, attachments and — for
 * supervisors — who looked at it. Actions are offered only when role and state allow them.
 */
@Named
@ViewScoped
public class CasePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CaseFileService files;

    @Inject
    transient CaseActions actions;

    @Inject
    transient org.weiquan.security.Users users;

    @Inject
    transient EvidenceExports evidence;

    @Inject
    transient org.weiquan.station.StationService stationService;

    @Inject
    transient org.weiquan.protection.RiskInstrument riskInstrument;

    @Inject
    Navigation navigation;

    private String number;
    private transient CaseFileView view;
    private boolean loaded;
    private boolean found;
    private List<Record> mediationSessions = List.of();
    private List<Record> referrals = List.of();
    private List<Record> protection = List.of();
    private List<Entry> timeline = List.of();
    private List<Rows.Task> openTasks = List.of();
    private List<Party> parties = List.of();
    private List<Attachment> attachments = List.of();
    private List<Access> accessLog = List.of();
    private Integer extensionDays;
    private String extensionReason;
    private String header;
    private String agencyCode;
    private boolean consent;
    private String withdrawReason;
    private String transferTo;
    private String transferReason;
    private boolean open;
    private boolean extended;

    /** Opens the file named in the URL once per page view; another station's case is "not found" (404). */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (number == null) {
            number = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("number");
        }
        try {
            if (number == null || number.isBlank()) {
                throw new NotFound("case");
            }
            show(files.open(number.strip()));
            if (navigation.isSupervisor()) {
                accessLog = files.accessLogOf(view.number()).stream()
                        .map(e -> new Access(e, who(e.username()), station(e.stationCode()))).toList();
            }
        } catch (RuntimeException e) {
            if (Feedback.unwrap(e) instanceof NotFound) {
                FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
                Feedback.error(null, Texts.get("case.notFound"));
            } else {
                Feedback.refused(e);
            }
        }
    }

    private void show(CaseFileView v) {
        view = v;
        found = true;
        number = v.number();
        open = v.status() == CaseStatus.OPEN;
        var round = v.rounds().isEmpty() ? null : v.rounds().get(v.rounds().size() - 1);
        extended = round != null && round.extensions().stream()
                .anyMatch(e -> e.status() == ExtensionStatus.REQUESTED || e.status() == ExtensionStatus.APPROVED);
        mediationSessions = v.mediationSessions().stream().map(this::session).toList();
        referrals = v.referrals().stream().map(this::referral).toList();
        List<Record> orders = new java.util.ArrayList<>();
        v.mandatoryReports().forEach(r -> orders.add(new Record(r.reportedAt(), Labels.of(CaseTask.RECORD_MANDATORY_REPORT,
                Texts.locale()), Labels.of(r.method(), Texts.locale()), r.reportedTo(), who(r.recordedBy()))));
        v.riskAssessments().forEach(a -> orders.add(new Record(a.assessedAt(), Labels.of(CaseTask.ASSESS_RISK,
                Texts.locale()), Labels.of(a.level(), Texts.locale()), Texts.get("case.riskScore", a.score(), riskInstrument.byId(a.instrumentId())
                        .map(org.weiquan.protection.RiskInstrument.Definition::name).orElse(a.instrumentId())),
                who(a.assessedBy()))));
        v.safetyPlans().forEach(p -> orders.add(new Record(p.madeAt(), Labels.of(CaseTask.MAKE_SAFETY_PLAN,
                Texts.locale()), "", p.plan(), who(p.madeBy()))));
        v.protectionOrders().forEach(o -> orders.add(new Record(o.appliedAt() != null ? o.appliedAt() : o.offeredAt(),
                Labels.of(CaseTask.OFFER_PROTECTION_ORDER, Texts.locale()), Labels.of(o.status(), Texts.locale()),
                orderDetails(o), "")));
        protection = orders.stream().sorted(java.util.Comparator.comparing(Record::at)).toList();
        timeline = v.timeline().stream().map(e -> new Entry(e, who(e.actor()), station(e.actorStation()))).toList();
        openTasks = v.openTasks().stream().map(Rows.Task::new).toList();
        parties = v.contact().parties().stream().map(Party::new).toList();
        attachments = v.contact().attachments().stream().map(a -> new Attachment(a, who(a.uploadedBy()))).toList();
        String deadline = v.daysLeft() == null ? ""
                : v.daysLeft() >= 0 ? Texts.get("case.daysLeft", String.valueOf(v.daysLeft()))
                : Texts.get("case.daysOver", String.valueOf(-v.daysLeft()));
        header = deadline;
    }

    public void requestExtension() {
        try {
            show(actions.requestExtension(number, extensionDays, extensionReason));
            Feedback.info("case.extensionRequested");
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> switch (field) {
                case "days" -> "extensionForm:days";
                case "reason" -> "extensionForm:reason";
                default -> null;
            });
        }
    }

    /** Refers the person to a partner agency (with their consent); the referral runs its own process. */
    public void refer() {
        try {
            actions.refer(number, new org.weiquan.referral.ReferralForm(agencyCode, consent), Texts.locale());
            show(files.open(number));
            Feedback.info("case.referred");
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "actionsForm:" + field);
        }
    }

    public void withdraw() {
        try {
            show(actions.withdraw(number, withdrawReason));
            Feedback.info("case.withdrawn");
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "reason".equals(field) ? "actionsForm:withdrawReason" : null);
        }
    }

    public void transfer() {
        try {
            CaseFileView moved = actions.transfer(number, transferTo, transferReason);
            if (moved != null) {
                show(moved);
            }
            Feedback.info("case.transferred");
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> switch (field) {
                case "toStationCode" -> "actionsForm:transferTo";
                case "reason" -> "actionsForm:transferReason";
                default -> null;
            });
        }
    }

    public List<jakarta.faces.model.SelectItem> getAgencies() {
        return stationService.agencies().stream().map(a -> new jakarta.faces.model.SelectItem(a.code(),
                Texts.aside(a.name(), AdminTexts.label("agencyKind", a.kind())))).toList();
    }

    /** Mediators and supervisors act on open cases; only supervisors move them to another station. */
    public boolean isMayAct() {
        return found && open && (navigation.isMediator() || navigation.isSupervisor());
    }

    public boolean isMayTransfer() {
        return found && open && navigation.isSupervisor();
    }

    /** The court-ready record of the case (求助记录); the export is access-logged by the service. */
    public StreamedContent getEvidenceRecord() {
        Export export = evidence.evidenceRecord(number);
        return DefaultStreamedContent.builder().name(export.fileName()).contentType(export.mediaType())
                .stream(() -> new ByteArrayInputStream(export.content())).build();
    }

    public boolean isMayRequestExtension() {
        return found && open && !extended && (navigation.isMediator() || navigation.isSupervisor());
    }

    public List<Record> getMediationSessions() {
        return mediationSessions;
    }

    public List<Record> getReferrals() {
        return referrals;
    }

    public List<Record> getProtectionOrders() {
        return protection;
    }

    private Record session(CaseFileView.Session s) {
        StringBuilder details = new StringBuilder();
        line(details, "field.attendees", s.attendees());
        line(details, "field.notes", s.notes());
        if (s.agreement() != null) {
            line(details, "field.agreementTerms", s.agreement().terms());
            if (s.agreement().confirmationDueOn() != null) {
                line(details, "case.confirmation", Labels.of(s.agreement().confirmationStatus(), Texts.locale()) + " · "
                        + Texts.get("case.confirmationDue", Rows.when(s.agreement().confirmationDueOn())));
            }
        }
        line(details, "field.routesExplained", s.routesExplained());
        line(details, "field.nextStep", s.nextStep());
        return new Record(s.heldAt(), Texts.get("case.session", String.valueOf(s.number())),
                Labels.of(s.outcome(), Texts.locale()), details.toString().strip(), who(s.mediator()));
    }

    private Record referral(CaseFileView.ReferralLine r) {
        StringBuilder details = new StringBuilder();
        line(details, "case.answerDue", Rows.day(r.answerDueAt()));
        line(details, "field.note", r.answerNote());
        line(details, "field.outcome", r.outcome());
        line(details, "field.reason", r.revokeReason());
        return new Record(r.sentAt(), "R" + r.number() + " " + r.agencyName() + (r.urgent() ? Texts.get("case.urgent") : ""),
                Labels.of(r.status(), Texts.locale()), details.toString().strip(), who(r.sentBy()));
    }

    private static String orderDetails(CaseFileView.Order o) {
        StringBuilder details = new StringBuilder();
        if (o.rulingDueAt() != null) {
            line(details, "case.rulingDue", Rows.time(o.rulingDueAt()));
        }
        if (o.ruledAt() != null) {
            line(details, "field.ruledAt", Rows.when(o.ruledAt()));
        }
        if (o.validUntil() != null) {
            line(details, "field.validUntil", o.validUntil().toString());
        }
        return details.toString().strip();
    }

    private static void line(StringBuilder details, String labelKey, String value) {
        if (value != null && !value.isBlank()) {
            details.append(Texts.labelled(Texts.get(labelKey), value)).append('\n');
        }
    }

    private transient java.util.Map<String, String> names;
    private transient java.util.Map<String, String> stationNames;

    /** A station by its name, as people know it (its code when the network does not know it). */
    String station(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (stationNames == null) {
            stationNames = new java.util.HashMap<>();
            java.util.Deque<org.weiquan.station.StationService.StationNode> todo = new java.util.ArrayDeque<>(stationService.tree());
            while (!todo.isEmpty()) {
                var n = todo.pop();
                stationNames.put(n.code(), n.name());
                todo.addAll(n.children());
            }
        }
        return stationNames.getOrDefault(code, code);
    }

    /** A member of staff by name, as people know them. */
    String who(String username) {
        if (username == null || username.isBlank()) {
            return "";
        }
        if (names == null) {
            names = new java.util.HashMap<>();
        }
        return names.computeIfAbsent(username, n -> users.byUsername(n).map(u -> u.displayName()).orElse(n));
    }

    /** A record of the case's work as its tab lists it. */
    public static class Record implements Serializable {
        private static final long serialVersionUID = 1L;
        private final java.time.Instant at;
        private final String name;
        private final String outcome;
        private final String completedAt;
        private final String completedBy;
        private final String details;

        Record(java.time.Instant at, String name, String outcome, String details, String by) {
            this.at = at;
            this.name = name;
            this.outcome = outcome;
            this.completedAt = Rows.when(at);
            this.completedBy = by;
            this.details = details;
        }

        java.time.Instant at() { return at; }
        public String getName() { return name; }
        public String getOutcome() { return outcome; }
        public String getCompletedAt() { return completedAt; }
        public String getCompletedBy() { return completedBy; }
        public String getDetails() { return details; }
    }

    /** A line of the timeline. */
    public static class Entry implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String at;
        private final String actor;
        private final String type;
        private final String description;

        /** {@code who}: the actor's name, as people know her. */
        Entry(CaseFileView.TimelineEntry e, String who, String station) {
            at = Rows.time(e.at());
            actor = station == null ? who : Texts.aside(who, station);
            type = Texts.label("event", e.type());
            description = e.description();
        }

        public String getAt() { return at; }
        public String getActor() { return actor; }
        public String getType() { return type; }
        public String getDescription() { return description; }
    }

    /** A party in full: this page is the one place that shows names and contact details. */
    public static class Party implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String role;
        private final String name;
        private final String gender;
        private final String age;
        private final String idNumber;
        private final String phones;
        private final String address;
        private final String relation;

        Party(ContactDetails.PartyDetails p) {
            role = Texts.label("role", p.role());
            name = p.name();
            gender = p.gender() == null ? "" : Texts.label("gender", p.gender());
            age = p.age() == null ? "" : p.age().toString();
            idNumber = p.idNumber() == null ? "" : p.idNumber();
            phones = p.phones().stream().map(ph -> ph.number() + (ph.safeToContact() ? "" : Texts.get("case.notSafe")))
                    .collect(Collectors.joining("，"));
            address = p.address() == null ? "" : p.address() + (p.addressSafeToContact() ? "" : Texts.get("case.notSafe"));
            relation = p.relation() == null ? "" : p.relation();
        }

        public String getRole() { return role; }
        public String getName() { return name; }
        public String getGender() { return gender; }
        public String getAge() { return age; }
        public String getIdNumber() { return idNumber; }
        public String getPhones() { return phones; }
        public String getAddress() { return address; }
        public String getRelation() { return relation; }
    }

    public static class Attachment implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String fileName;
        private final String size;
        private final String uploadedAt;
        private final String uploadedBy;

        /** {@code by}: the uploader's name, as people know her. */
        Attachment(ContactDetails.AttachmentInfo a, String by) {
            fileName = a.fileName();
            size = Math.max(1, a.sizeBytes() / 1024) + " KB";
            uploadedAt = Rows.time(a.uploadedAt());
            uploadedBy = by;
        }

        public String getFileName() { return fileName; }
        public String getSize() { return size; }
        public String getUploadedAt() { return uploadedAt; }
        public String getUploadedBy() { return uploadedBy; }
    }

    public static class Access implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String at;
        private final String user;
        private final String action;
        private final String detail;

        /** {@code who}: the user's name, as people know her. */
        Access(AccessLogEntry e, String who, String station) {
            at = Rows.time(e.occurredAt());
            user = station == null ? who : Texts.aside(who, station);
            action = Texts.label("access", e.action());
            detail = e.detail();
        }

        public String getAt() { return at; }
        public String getUser() { return user; }
        public String getAction() { return action; }
        public String getDetail() { return detail; }
    }

    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public boolean isFound() { load(); return found; }
    public String getTitle() { load(); return found ? Texts.get("case.title", number) : Texts.get("cases.title"); }
    public String getDeadline() { return header; }
    public boolean isOverdue() { return found && open && view.daysLeft() != null && view.daysLeft() < 0; }
    public String getStation() { return found ? view.stationName() : ""; }
    public String getStatus() { return found ? Texts.label("status", view.status()) : ""; }
    public String getStage() { return found ? Texts.label("stage", view.stage()) : ""; }
    public String getAcceptedAt() { return found ? Rows.time(view.acceptedAt()) : ""; }
    public String getAcceptedBy() { return found ? who(view.acceptedBy()) : ""; }
    public String getHandlingDue() { return found ? Rows.day(view.handlingDue()) : ""; }
    public String getMediator() { return found && view.mediator() != null ? who(view.mediator()) : ""; }
    public String getRisk() { return found && view.riskLevel() != null ? Labels.of(view.riskLevel(), Texts.locale()) : ""; }
    public boolean isHighRisk() { return found && view.riskLevel() == RiskLevel.HIGH; }
    public String getClosureReason() { return found && view.closureReason() != null ? Labels.of(view.closureReason(), Texts.locale()) : ""; }
    public String getClosedAt() { return found ? Rows.time(view.closedAt()) : ""; }
    public int getReopenCount() { return found ? view.reopenCount() : 0; }
    public String getChannel() { return found ? Texts.label("channel", view.contact().channel()) : ""; }
    public String getCategory() { return found ? Texts.label("category", view.contact().primaryCategory()) : ""; }
    public String getReceivedAt() { return found ? Rows.time(view.contact().receivedAt()) : ""; }
    public String getSummary() { return found ? view.contact().summary() : ""; }
    public List<Entry> getTimeline() { return timeline; }
    public List<Rows.Task> getOpenTasks() { return openTasks; }
    public List<Party> getParties() { return parties; }
    public List<Attachment> getAttachments() { return attachments; }
    public List<Access> getAccessLog() { return accessLog; }
    public String getAgencyCode() { return agencyCode; }
    public void setAgencyCode(String agencyCode) { this.agencyCode = agencyCode; }
    public boolean isConsent() { return consent; }
    public void setConsent(boolean consent) { this.consent = consent; }
    public String getWithdrawReason() { return withdrawReason; }
    public void setWithdrawReason(String withdrawReason) { this.withdrawReason = withdrawReason; }
    /** The stations a case can be transferred to, by name. */
    public List<jakarta.faces.model.SelectItem> getStations() {
        return Rows.stationChoices(stationService.tree());
    }

    public String getTransferTo() { return transferTo; }
    public void setTransferTo(String transferTo) { this.transferTo = transferTo; }
    public String getTransferReason() { return transferReason; }
    public void setTransferReason(String transferReason) { this.transferReason = transferReason; }
    public Integer getExtensionDays() { return extensionDays; }
    public void setExtensionDays(Integer extensionDays) { this.extensionDays = extensionDays; }
    public String getExtensionReason() { return extensionReason; }
    public void setExtensionReason(String extensionReason) { this.extensionReason = extensionReason; }
}
