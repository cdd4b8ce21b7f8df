package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.protection.RiskInstrument;
import org.weiquan.protection.RiskInstrumentAdministration;
import org.weiquan.protection.RiskInstrumentVersion;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The domestic-violence danger assessment instrument in use, for administrators; the county's administrator
 * also drafts a new version here (questions, weights, critical questions, band thresholds), reviews and
 * publishes it (issue 18). Assessments already made keep their version.
 */
@Named
@ViewScoped
public class RiskPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "riskForm:";

    @Inject
    Navigation navigation;

    @Inject
    transient RiskInstrument instrument;

    @Inject
    transient RiskInstrumentAdministration administration;

    @Inject
    transient CurrentActor currentActor;

    @Inject
    transient Users users;

    private String name;
    private String id;
    private List<AdminRows.Question> questions = List.of();
    private List<AdminRows.Band> bands = List.of();
    private List<VersionRow> versions = List.of();

    // the draft being written
    private boolean drafting;
    private boolean redrafting;
    private String draftId;
    private String draftName;
    private Integer mediumFrom;
    private Integer highFrom;
    private List<DraftQuestion> draftQuestions = new ArrayList<>();

    @PostConstruct
    void load() {
        reload();
    }

    private void reload() {
        if (!navigation.isAdmin()) {
            return;
        }
        RiskInstrument.Definition current = instrument.current();
        name = current.name();
        id = current.id();
        questions = current.questions().stream().map(AdminRows.Question::new).toList();
        bands = AdminRows.bands(current.bands());
        versions = isCountyAdmin() ? administration.versions().stream().map(v -> new VersionRow(v, id, this)).toList()
                : List.of();
    }

    public boolean isCountyAdmin() {
        if (!navigation.isAdmin()) {
            return false;
        }
        var actor = currentActor.get();
        return actor.has(Role.ADMIN) && actor.isAtRoot();
    }

    /** A new draft starts from the version in use. */
    public void startDraft() {
        RiskInstrument.Definition current = instrument.current();
        fill(current, "", current.name());
        redrafting = false;
    }

    public void startRedraft(String versionId) {
        try {
            RiskInstrumentVersion v = administration.version(versionId);
            fill(administration.definition(v), v.id(), v.name());
            redrafting = true;
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    private void fill(RiskInstrument.Definition d, String newId, String newName) {
        drafting = true;
        draftId = newId;
        draftName = newName;
        draftQuestions = new ArrayList<>();
        for (RiskInstrument.Question q : d.questions()) {
            draftQuestions.add(new DraftQuestion(q.id(), q.text(), q.weight(), q.critical()));
        }
        mediumFrom = d.bands().stream().filter(b -> b.level().name().equals("MEDIUM")).map(RiskInstrument.Band::from)
                .findFirst().orElse(null);
        highFrom = d.bands().stream().filter(b -> b.level().name().equals("HIGH")).map(RiskInstrument.Band::from)
                .findFirst().orElse(null);
    }

    public void addQuestion() {
        draftQuestions.add(new DraftQuestion("Q" + (draftQuestions.size() + 1), "", 1, false));
    }

    public void removeQuestion(DraftQuestion q) {
        draftQuestions.remove(q);
    }

    public void saveDraft() {
        try {
            var input = new RiskInstrumentAdministration.Draft(draftId, draftName, draftQuestions.stream()
                    .map(q -> new RiskInstrumentAdministration.QuestionInput(q.getId(), q.getText(), q.getWeight(),
                            q.isCritical())).toList(), mediumFrom, highFrom);
            RiskInstrumentVersion saved = redrafting ? administration.redraft(draftId, input, null)
                    : administration.draft(input);
            AdminFeedback.info("risk.draftSaved", saved.name());
            cancelDraft();
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> switch (field) {
                case "id" -> FORM + "draftId";
                case "name" -> FORM + "draftName";
                case "mediumFrom" -> FORM + "mediumFrom";
                case "highFrom" -> FORM + "highFrom";
                default -> null;
            });
        }
    }

    public void cancelDraft() {
        drafting = false;
        redrafting = false;
        draftQuestions = new ArrayList<>();
    }

    public void review(String versionId) {
        try {
            RiskInstrumentVersion v = administration.review(versionId, null);
            AdminFeedback.info("risk.reviewed", v.name());
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void publish(String versionId) {
        try {
            RiskInstrumentVersion v = administration.publish(versionId, null);
            AdminFeedback.info("risk.published", v.name());
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    String person(String username) {
        return username == null ? "" : users.byUsername(username).map(User::displayName).orElse(AdminTexts.get("history.someone"));
    }

    public String getName() { return name == null ? "" : name; }
    public String getId() { return id == null ? "" : id; }
    public List<AdminRows.Question> getQuestions() { return questions; }
    public List<AdminRows.Band> getBands() { return bands; }
    public List<VersionRow> getVersions() { return versions; }
    public boolean isDrafting() { return drafting; }
    public boolean isRedrafting() { return redrafting; }
    public String getDraftId() { return draftId; }
    public void setDraftId(String draftId) { this.draftId = draftId; }
    public String getDraftName() { return draftName; }
    public void setDraftName(String draftName) { this.draftName = draftName; }
    public Integer getMediumFrom() { return mediumFrom; }
    public void setMediumFrom(Integer mediumFrom) { this.mediumFrom = mediumFrom; }
    public Integer getHighFrom() { return highFrom; }
    public void setHighFrom(Integer highFrom) { this.highFrom = highFrom; }
    public List<DraftQuestion> getDraftQuestions() { return draftQuestions; }

    /** A question of the draft, edited in the page. */
    public static class DraftQuestion implements Serializable {
        private static final long serialVersionUID = 1L;
        private String id;
        private String text;
        private Integer weight;
        private boolean critical;

        DraftQuestion(String id, String text, Integer weight, boolean critical) {
            this.id = id;
            this.text = text;
            this.weight = weight;
            this.critical = critical;
        }

        public String getId() { return id; }
        public void setId(String id) { this.id = id; }
        public String getText() { return text; }
        public void setText(String text) { this.text = text; }
        public Integer getWeight() { return weight; }
        public void setWeight(Integer weight) { this.weight = weight; }
        public boolean isCritical() { return critical; }
        public void setCritical(boolean critical) { this.critical = critical; }
    }

    /** A version in the list: state, who drafted, reviewed and published it, when. */
    public static class VersionRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String name;
        private final String stateName;
        private final String state;
        private final String drafted;
        private final String reviewed;
        private final String published;

        VersionRow(RiskInstrumentVersion v, String inUse, RiskPage page) {
            id = v.id();
            name = v.name();
            stateName = v.state().name();
            state = v.id().equals(inUse) ? AdminTexts.get("risk.stateInUse") : AdminTexts.label("risk.state", v.state());
            drafted = Rows.time(v.draftedAt()) + " " + page.person(v.draftedBy());
            reviewed = v.reviewedAt() == null ? "" : Rows.time(v.reviewedAt()) + " " + page.person(v.reviewedBy());
            published = v.publishedAt() == null ? "" : Rows.time(v.publishedAt()) + " " + page.person(v.publishedBy());
        }

        public String getId() { return id; }
        public String getName() { return name; }
        public String getState() { return state; }
        public boolean isDraft() { return "DRAFT".equals(stateName); }
        public boolean isReviewed() { return "REVIEWED".equals(stateName); }
        public String getDrafted() { return drafted; }
        public String getReviewed() { return reviewed; }
        public String getPublished() { return published; }
    }
}
