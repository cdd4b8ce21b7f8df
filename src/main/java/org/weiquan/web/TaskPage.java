package org.weiquan.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.weiquan.casefile.CaseTasks;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.RiskInstrument;
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
import java.util.regex.Pattern;

/**
 * The form of one user task. Each task's fields live in {@code /WEB-INF/forms/<form>.xhtml}, named by
 * the task's form key in the BPMN ({@code weiquan:hold-mediation-session}); reminders and chases share
 * the note form. What the user typed goes, as the same JSON the API takes, to {@link CaseTasks#complete}.
 */
@Named
@ViewScoped
public class TaskPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORMS = "/WEB-INF/forms/";
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");

    @Inject
    transient CaseTasks tasks;

    @Inject
    transient RiskInstrument instrument;

    @Inject
    transient Users users;

    @Inject
    Navigation navigation;

    @Inject
    transient Clock clock;

    private String id;
    private Rows.Task task;
    private String formKey;
    private String processKey;
    private boolean mine;
    private boolean done;
    private final Map<String, Object> values = new HashMap<>();

    /** Loads the task named in the URL; a task the user may not see is "not found". */
    public void load() {
        if (id == null) {
            id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        }
        if (task != null || id == null) {
            return;
        }
        try {
            CaseTasks.TaskView view = tasks.find(id);
            task = new Rows.Task(view);
            formKey = view.formKey();
            processKey = view.process();
            mine = navigation.actor().username().equals(view.assignee());
            String now = LocalDateTime.now(clock.withZone(StationTime.ZONE)).truncatedTo(ChronoUnit.MINUTES).toString();
            for (String timeField : List.of("heldAt", "appliedAt", "ruledAt", "reportedAt")) {
                values.put(timeField, now);
            }
            values.put("sentOn", LocalDate.now(clock.withZone(StationTime.ZONE)).toString());
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
        String name = formKey != null && formKey.startsWith("weiquan:") ? formKey.substring("weiquan:".length())
                : "Task_ReviewContact".equals(task.getKey()) ? "review-contact" : "note";
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

    public String complete() {
        try {
            tasks.complete(id, json());
            done = true;
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            Feedback.info("task.completed");
            return task.getCaseNumber() != null ? "/app/case?faces-redirect=true&number=" + task.getCaseNumber()
                    : "/app/index?faces-redirect=true";
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "taskForm:" + field.replaceAll("[^A-Za-z0-9]", "_"));
            return null;
        }
    }

    /**
     * The form as the API's JSON: "true"/"false" and check boxes become booleans, a local date-time
     * becomes Beijing time with its offset, {@code answers.Q1} goes into the answers object, and the
     * contact attempts (one per line) become a list.
     */
    JsonObject json() {
        JsonObjectBuilder form = Json.createObjectBuilder();
        JsonObjectBuilder answers = Json.createObjectBuilder();
        boolean hasAnswers = false;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String key = e.getKey();
            if (v == null || (v instanceof String s && s.isBlank())) {
                continue;
            }
            if (key.startsWith("answers.")) {
                answers.add(key.substring("answers.".length()), Boolean.TRUE.equals(v) || "true".equals(v));
                hasAnswers = true;
            } else if ("contactAttempts".equals(key)) {
                JsonArrayBuilder attempts = Json.createArrayBuilder();
                v.toString().lines().map(String::strip).filter(l -> !l.isEmpty())
                        .forEach(l -> attempts.add(Json.createObjectBuilder().add("note", l)));
                form.add(key, attempts);
            } else if (v instanceof Boolean b) {
                form.add(key, b);
            } else if ("true".equals(v) || "false".equals(v)) {
                form.add(key, Boolean.parseBoolean((String) v));
            } else if (LOCAL_TIME.matcher(v.toString()).matches()) {
                form.add(key, LocalDateTime.parse(v.toString()).atZone(StationTime.ZONE).toOffsetDateTime().toString());
            } else {
                form.add(key, v.toString());
            }
        }
        if (hasAnswers || "Task_AssessRisk".equals(task.getKey())) {
            for (RiskInstrument.Question q : instrument.questions()) {
                if (!values.containsKey("answers." + q.id())) {
                    answers.add(q.id(), false);
                }
            }
            form.add("answers", answers);
        }
        return form.build();
    }

    /** The risk band the answers given so far lead to, shown live while the mediator ticks. */
    public String getRiskBand() {
        Map<String, Boolean> answers = new HashMap<>();
        for (RiskInstrument.Question q : instrument.questions()) {
            answers.put(q.id(), Boolean.TRUE.equals(values.get("answers." + q.id())));
        }
        RiskInstrument.Result result = instrument.score(answers);
        return Texts.get("risk.live", Texts.label("risk", result.level()), String.valueOf(result.score()));
    }

    public String getRiskLevel() {
        Map<String, Boolean> answers = new HashMap<>();
        for (RiskInstrument.Question q : instrument.questions()) {
            answers.put(q.id(), Boolean.TRUE.equals(values.get("answers." + q.id())));
        }
        return instrument.score(answers).level();
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
                .map(u -> new SelectItem(u.username(), u.displayName() + "（" + u.station().name() + "）")).toList();
    }

    public List<SelectItem> getClosureReasons() {
        return ContactPage.items("closure", ClosureReason.values());
    }

    public List<SelectItem> getDecisions() {
        return Arrays.stream(ReviewDecision.values()).map(d -> new SelectItem(d.name(), Texts.label("decision", d))).toList();
    }

    /** Choices of a closed list: {@code prefix.NAME} labels. */
    public List<SelectItem> choices(String prefix, String names) {
        return Arrays.stream(names.split(",")).map(String::strip)
                .map(n -> new SelectItem(n, Texts.label(prefix, n))).toList();
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
