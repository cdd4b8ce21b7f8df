package org.weiquan.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casework.CaseTask;
import org.weiquan.casework.TaskCompletion;
import org.weiquan.casework.TaskInbox;
import org.weiquan.casework.TaskView;
import org.weiquan.protection.RiskInstrument;
import org.weiquan.shared.Labels;
import org.weiquan.station.AgencyKind;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The form of one user task. Each task's fields live in {@code /WEB-INF/forms/<form>.xhtml}, named by the
 * task's {@link CaseTask#formName()}; reminders and chases share the note form. What the user typed goes, by
 * field name, to {@link TaskCompletion#complete}, which binds it to the same form record the API binds JSON to.
 */
@Named
@ViewScoped
public class TaskPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORMS = "/WEB-INF/forms/";

    @Inject
    transient TaskInbox tasks;

    @Inject
    transient TaskCompletion completion;

    @Inject
    transient org.weiquan.station.StationService stationService;

    @Inject
    transient RiskInstrument instrument;

    @Inject
    transient Users users;

    @Inject
    Navigation navigation;

    @Inject
    transient org.weiquan.casefile.CaseFiles caseFiles;

    @Inject
    transient org.weiquan.referral.ReferralService referralService;

    @Inject
    transient Clock clock;

    @Inject
    transient org.weiquan.intake.IntakeService intake;

    @Inject
    transient org.weiquan.casework.CaseFileService caseFileService;

    private String id;
    private Rows.Task task;
    private CaseTask caseTask;
    private String processKey;
    private boolean mine;
    private boolean done;
    private final Map<String, Object> values = new HashMap<>();
    private String handTo;
    private List<String> referrals;
    private String handOverReason;
    private List<Fact> facts;

    /** Loads the task named in the URL; a task the user may not see is "not found". */
    public void load() {
        if (id == null) {
            id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        }
        if (task != null || id == null) {
            return;
        }
        try {
            TaskView view = tasks.find(id);
            task = new Rows.Task(view);
            caseTask = view.task();
            processKey = view.model().name();
            mine = navigation.actor().username().equals(view.assignee());
            // the time a task's record is about starts at now, for the user to correct; only the times this form
            // asks for and always needs (an order's application time is the user's to give, when there was one)
            List<String> fields = caseTask.form() == null ? List.of() : org.weiquan.shared.Forms.fields(caseTask.form());
            String now = LocalDateTime.now(clock.withZone(StationTime.ZONE)).truncatedTo(ChronoUnit.MINUTES).toString();
            for (String timeField : List.of("heldAt", "ruledAt", "reportedAt", "visitedAt", "answeredAt", "doneAt")) {
                if (fields.contains(timeField)) {
                    values.put(timeField, now);
                }
            }
            for (String dayField : List.of("sentOn", "answeredOn")) {
                if (fields.contains(dayField)) {
                    values.put(dayField, LocalDate.now(clock.withZone(StationTime.ZONE)).toString());
                }
            }
        } catch (RuntimeException e) {
            if (Feedback.unwrap(e) instanceof org.weiquan.shared.NotFound) {
                FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
            }
            Feedback.refused(e);
        }
    }

    /** The fragment with this task's fields. */
    public String getForm() {
        load();
        if (task == null) {
            return FORMS + "none.xhtml";
        }
        String name = caseTask.formName();
        try {
            if (FacesContext.getCurrentInstance().getExternalContext().getResource(FORMS + name + ".xhtml") == null) {
                name = "note";
            }
        } catch (java.net.MalformedURLException e) {
            name = "note";
        }
        return FORMS + name + ".xhtml";
    }

    public String claim() {
        try {
            tasks.claim(id);
            return "/app/task?faces-redirect=true&id=" + id;
        } catch (RuntimeException e) {
            Feedback.refused(e);
            return null;
        }
    }

    public String giveBack() {
        try {
            tasks.unclaim(id);
            return "/app/tasks?faces-redirect=true";
        } catch (RuntimeException e) {
            Feedback.refused(e);
            return null;
        }
    }

    /**
     * The case's referrals with their state, on the forms that request and approve a closure: a closure waits for
     * every agency's answer.
     */
    public List<String> getReferrals() {
        if (referrals == null) {
            boolean closing = caseTask == CaseTask.HANDLE_CASE || caseTask == CaseTask.APPROVE_CLOSURE;
            referrals = !closing || task.getCaseNumber() == null ? List.of() : caseFiles.byNumber(task.getCaseNumber())
                    .map(c -> referralService.ofCase(c.id()).stream()
                            .map(r -> "R" + r.number() + " " + r.agency().name() + " · "
                                    + Labels.of(r.status(), Texts.locale()))
                            .toList())
                    .orElse(List.of());
        }
        return referrals;
    }

    /**
     * What an approver decides on, on the form itself: for the acceptance review the contact's summary, parties
     * (names masked), category, channel and station; for a closure the reason, the note and the agreement's terms.
     */
    public List<Fact> getFacts() {
        if (facts == null) {
            facts = new java.util.ArrayList<>();
            try {
                if (caseTask == CaseTask.REVIEW_CONTACT && task.getContactId() != null) {
                    contactFacts(intake.find(task.getContactId()));
                } else if (caseTask == CaseTask.APPROVE_CLOSURE && task.getCaseNumber() != null) {
                    closureFacts(caseFileService.open(task.getCaseNumber()));
                }
            } catch (RuntimeException e) {
                Feedback.refused(e);
            }
        }
        return facts;
    }

    private void contactFacts(org.weiquan.intake.ContactDetails c) {
        fact("cases.station", c.stationName());
        fact("cases.channel", Labels.of(c.channel(), Texts.locale()));
        fact("cases.received", StationTime.text(c.receivedAt()));
        fact("cases.category", Labels.of(c.primaryCategory(), Texts.locale()));
        fact("field.summary", c.summary());
        fact("field.parties", parties(c));
    }

    private void closureFacts(org.weiquan.casework.CaseFileView v) {
        fact("cases.station", v.stationName());
        fact("cases.category", Labels.of(v.contact().primaryCategory(), Texts.locale()));
        fact("field.parties", parties(v.contact()));
        v.rounds().stream().flatMap(r -> r.closures().stream()).filter(c -> c.decision() == null)
                .reduce((a, b) -> b).ifPresent(c -> {
                    fact("field.closureReason", Labels.of(c.reason(), Texts.locale()));
                    fact("field.closureNote", c.note());
                });
        v.mediationSessions().stream().filter(s -> s.agreement() != null).reduce((a, b) -> b)
                .ifPresent(s -> fact("field.agreementTerms", s.agreement().terms()));
    }

    private static String parties(org.weiquan.intake.ContactDetails c) {
        return c.parties().stream().map(p -> Labels.of(p.role(), Texts.locale()) + " "
                + org.weiquan.intake.PersonName.mask(p.name())).collect(java.util.stream.Collectors.joining("；"));
    }

    private void fact(String key, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(new Fact("fact-" + key.replace('.', '-'), Texts.get(key), value));
        }
    }

    /** A fact on an approval form: its label and value; {@code id} names it for tests and screen readers. */
    public static class Fact implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String label;
        private final String value;

        Fact(String id, String label, String value) {
            this.id = id;
            this.label = label;
            this.value = value;
        }

        public String getId() { return id; }
        public String getLabel() { return label; }
        public String getValue() { return value; }
    }

    /** The stations a contact or case can be transferred to, by name (the choice carries the code). */
    public List<SelectItem> getStations() {
        return Rows.stationChoices(stationService.tree());
    }

    /** For a supervisor: whom the task may be handed to (display names; the choice carries the user). */
    public List<SelectItem> getHandOverTo() {
        if (task == null || !navigation.isSupervisor()) {
            return List.of();
        }
        try {
            return tasks.whoMayTake(id).stream().map(u -> new SelectItem(u.username(), u.displayName())).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A supervisor hands the task to someone else, saying why. */
    public String reassign() {
        try {
            tasks.reassign(id, handTo, handOverReason);
            Feedback.info("task.handedOver");
            return "/app/task?faces-redirect=true&id=" + id;
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "taskForm:" + ("assignee".equals(field) ? "handTo" : "handOverReason"));
            return null;
        }
    }

    /** A supervisor takes the task from its holder and offers it to the station again, saying why. */
    public String release() {
        try {
            tasks.release(id, handOverReason);
            Feedback.info("task.released");
            return "/app/task?faces-redirect=true&id=" + id;
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "taskForm:handOverReason");
            return null;
        }
    }

    public String getHandTo() { return handTo; }
    public void setHandTo(String handTo) { this.handTo = handTo; }
    public String getHandOverReason() { return handOverReason; }
    public void setHandOverReason(String handOverReason) { this.handOverReason = handOverReason; }

    public String complete() {
        try {
            completion.complete(id, formValues(), Texts.locale());
            done = true;
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            String number = task.getCaseNumber();
            if (number == null && task.getContactId() != null) {
                number = intake.find(task.getContactId()).caseNumber();
            }
            if (number == null) {
                Feedback.info(task.getContactId() == null ? "task.completed" : "task.doneContact",
                        String.valueOf(task.getContactId()), task.getName());
                return "/app/index?faces-redirect=true";
            }
            List<TaskView> open = caseFileService.open(number).openTasks();
            List<String> next = open.stream().map(t -> Labels.of(t.task(), Texts.locale())).distinct().toList();
            if (next.isEmpty()) {
                Feedback.info("task.doneLast", number, task.getName());
            } else {
                Feedback.info("task.doneNext", number, task.getName(), String.join("、", next));
            }
            // the next step is hers alone: its form opens at once; otherwise the case, with its tasks
            String me = navigation.actor().username();
            List<TaskView> mineNext = open.stream().filter(t -> me.equals(t.assignee())).toList();
            return mineNext.size() == 1 ? "/app/task?faces-redirect=true&id=" + mineNext.get(0).id()
                    : "/app/case?faces-redirect=true&number=" + number;
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "taskForm:" + field.replaceAll("[^A-Za-z0-9]", "_"));
            return null;
        }
    }

    /**
     * The page's values by the form's field names: the risk questions ({@code answers.Q1}) as the answers' map
     * (an unticked question is a "no"), the contact attempts' rows ({@code contactAttempts.0.on}) as a list,
     * a multiple choice as a list; the binder does the rest.
     */
    Map<String, Object> formValues() {
        Map<String, Object> form = new HashMap<>();
        Map<String, Boolean> answers = new java.util.LinkedHashMap<>();
        Map<Integer, Map<String, Object>> attempts = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue() instanceof Object[] array ? Arrays.asList(array) : e.getValue();
            if (key.startsWith("answers.")) {
                answers.put(key.substring("answers.".length()), Boolean.TRUE.equals(v) || "true".equals(v));
            } else if (key.startsWith("contactAttempts.")) {
                String[] parts = key.split("\\.");
                attempts.computeIfAbsent(Integer.parseInt(parts[1]), i -> new HashMap<>()).put(parts[2], v);
            } else {
                form.put(key, v);
            }
        }
        if (caseTask == CaseTask.ASSESS_RISK) {
            for (RiskInstrument.Question q : instrument.questions()) {
                answers.putIfAbsent(q.id(), false);
            }
            form.put("answers", answers);
        }
        if (!attempts.isEmpty()) {
            form.put("contactAttempts", new java.util.ArrayList<>(attempts.values()));
        }
        return form;
    }

    /** The risk band the answers given so far lead to, shown live while the mediator ticks. */
    public String getRiskBand() {
        Map<String, Boolean> answers = new HashMap<>();
        for (RiskInstrument.Question q : instrument.questions()) {
            answers.put(q.id(), Boolean.TRUE.equals(values.get("answers." + q.id())));
        }
        RiskInstrument.Result result = instrument.score(answers);
        return Texts.get("risk.live", Labels.of(result.level(), Texts.locale()), String.valueOf(result.score()));
    }

    public String getRiskLevel() {
        Map<String, Boolean> answers = new HashMap<>();
        for (RiskInstrument.Question q : instrument.questions()) {
            answers.put(q.id(), Boolean.TRUE.equals(values.get("answers." + q.id())));
        }
        return instrument.score(answers).level().name();
    }

    public List<Question> getQuestions() {
        return instrument.questions().stream().map(Question::new).toList();
    }

    /** A question of the risk instrument, for the questionnaire. */
    public static class Question implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String text;
        private final boolean critical;

        Question(RiskInstrument.Question q) {
            id = q.id();
            text = q.text();
            critical = q.critical();
        }

        public String getId() { return id; }
        public String getText() { return text; }
        public boolean isCritical() { return critical; }
    }

    /** The mediators of the user's stations, for assigning one. */
    public List<SelectItem> getMediators() {
        return users.inSubtree(navigation.actor().stationPath()).stream()
                .filter(User::enabled).filter(u -> u.roles().contains(Role.MEDIATOR))
                .map(u -> new SelectItem(u.username(), Texts.aside(u.displayName(), u.station().name()))).toList();
    }

    public List<SelectItem> getClosureReasons() {
        return Arrays.stream(ClosureReason.values()).filter(r -> r != ClosureReason.WITHDRAWN)
                .map(r -> new SelectItem(r.name(), Labels.of(r, Texts.locale()))).toList();
    }

    /** The police stations and shelters (civil affairs) an urgent referral can go to. */
    public List<SelectItem> getUrgentAgencies() {
        return stationService.agencies().stream()
                .filter(a -> a.kind() == AgencyKind.POLICE || a.kind() == AgencyKind.CIVIL_AFFAIRS)
                .map(a -> new SelectItem(a.code(), a.name())).toList();
    }

    /** The labels of an enum's constants, for a closed choice: {@code choices('MediationOutcome')}. */
    public List<SelectItem> vocabulary(String enumName) {
        Class<? extends Enum<?>> type = VOCABULARY.get(enumName);
        if (type == null) {
            throw new IllegalArgumentException("no vocabulary " + enumName);
        }
        return Arrays.stream(type.getEnumConstants()).map(c -> new SelectItem(c.name(), Labels.of(c, Texts.locale())))
                .toList();
    }

    private static final Map<String, Class<? extends Enum<?>>> VOCABULARY = Map.ofEntries(
            Map.entry("MediationOutcome", org.weiquan.mediation.MediationOutcome.class),
            Map.entry("HandlingStep", org.weiquan.casefile.HandlingStep.class),
            Map.entry("ReplyMeans", org.weiquan.casefile.ReplyMeans.class),
            Map.entry("FollowUpResult", org.weiquan.casefile.FollowUpResult.class),
            Map.entry("AgreementPerformed", org.weiquan.casefile.AgreementPerformed.class),
            Map.entry("ContactMeans", org.weiquan.casefile.ContactMeans.class),
            Map.entry("ReferralAnswer", org.weiquan.referral.ReferralAnswer.class),
            Map.entry("ReportMethod", org.weiquan.protection.ReportMethod.class),
            Map.entry("ConfirmationStatus", org.weiquan.mediation.ConfirmationStatus.class));

    public List<SelectItem> getDecisions() {
        return Arrays.stream(ReviewDecision.values()).map(d -> new SelectItem(d.name(), Labels.of(d, Texts.locale())))
                .toList();
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public Rows.Task getTask() { return task; }
    public boolean isFound() { return task != null; }
    public boolean isMine() { return mine; }
    public boolean isDone() { return done; }
    public String getProcessKey() { return processKey; }
    public Map<String, Object> getValues() { return values; }
    public String getTitle() { return task == null ? Texts.get("task.title") : Texts.get("task.formTitle", task.getName()); }
}
