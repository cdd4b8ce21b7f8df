package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.audit.ClosureAudits;
import org.weiquan.shared.NotFound;
import org.weiquan.shared.StationTime;
import org.weiquan.station.StationService;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Closure-quality audits for supervisors: draw a random sample of a station's closed cases (the seed is
 * recorded, so a draw can be repeated), review each sampled case against the checklist, open an earlier
 * audit by its number ({@code ?id=} works too). {@link ClosureAudits} checks the role and the scope.
 *
 * <p>The page asks for the last day of the period (included); the service takes the day after it.
 */
@Named
@ViewScoped
public class AuditsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "auditsForm:";

    @Inject
    Navigation navigation;

    @Inject
    ClosureAudits audits;

    @Inject
    StationService stationService;

    @Inject
    org.weiquan.security.Users users;

    private List<AdminRows.Station> stations = List.of();
    private String stationCode;
    private LocalDate from;
    private LocalDate to;
    private Integer size = 10;
    private Long seed;

    private Long openId;
    private AdminRows.Audit audit;

    private String reviewNumber;
    private Boolean evidence;
    private Boolean consistent;
    private Boolean followUp;
    private Boolean satisfied;
    private String comment;
    private boolean reopen;

    @PostConstruct
    void load() {
        if (!navigation.isSupervisor()) {
            return;
        }
        stations = AdminRows.subtree(stationService.tree(), navigation.getStationCode());
        stationCode = navigation.getStationCode();
        LocalDate today = LocalDate.now(StationTime.ZONE);
        from = today.withDayOfMonth(1).minusMonths(1);
        to = today;
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        if (id != null && id.matches("\\d{1,18}")) {
            openId = Long.valueOf(id);
            open();
        }
    }

    public void draw() {
        try {
            ClosureAudits.Drawn drawn = audits.draw(stationCode, from == null ? null : from.toString(),
                    to == null ? null : to.plusDays(1).toString(), size, seed);
            show(drawn);
            AdminFeedback.info(audit.isSampleEmpty() ? "audits.drawnEmpty" : "audits.drawn", String.valueOf(audit.getId()),
                    audit.getSampleSize(), String.valueOf(audit.getSeed()));
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> switch (field) {
                case "stationCode" -> FORM + "station";
                case "from" -> FORM + "from";
                case "to" -> FORM + "to";
                case "size" -> FORM + "size";
                default -> null;
            });
        }
    }

    public void open() {
        if (openId == null) {
            AdminFeedback.error(FORM + "openId", "audits.idRequired");
            return;
        }
        try {
            show(audits.find(openId));
        } catch (RuntimeException e) {
            if (Feedback.unwrap(e) instanceof NotFound) {
                AdminFeedback.error(FORM + "openId", "audits.notFound");
            } else {
                AdminFeedback.refused(e);
            }
        }
    }

    private void show(ClosureAudits.Drawn drawn) {
        audit = new AdminRows.Audit(drawn, u -> users.byUsername(u).map(org.weiquan.security.User::displayName).orElse(u));
        openId = audit.getId();
        cancelReview();
    }

    public void startReview(String caseNumber) {
        cancelReview();
        reviewNumber = caseNumber;
    }

    public void cancelReview() {
        reviewNumber = null;
        evidence = null;
        consistent = null;
        followUp = null;
        satisfied = null;
        comment = null;
        reopen = false;
    }

    public void saveReview() {
        try {
            var item = audits.review(audit.getId(), reviewNumber, evidence, consistent, followUp, satisfied, comment, reopen);
            boolean passed = Boolean.TRUE.equals(item.passed());
            AdminFeedback.info(passed ? "audits.reviewedPassed" : reopen ? "audits.reviewedReopened" : "audits.reviewedFailed",
                    reviewNumber);
            show(audits.find(audit.getId()));
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> switch (field) {
                case "evidencePresent" -> FORM + "evidence";
                case "reasonConsistent" -> FORM + "consistent";
                case "followUpDone" -> FORM + "followUp";
                case "personSatisfied" -> FORM + "satisfied";
                case "comment" -> FORM + "comment";
                case "reopen" -> FORM + "reopen";
                default -> null;
            });
        }
    }

    public List<AdminRows.Station> getStations() { return stations; }
    public AdminRows.Audit getAudit() { return audit; }
    public boolean isReviewing() { return reviewNumber != null; }

    public String getStationCode() { return stationCode; }
    public void setStationCode(String stationCode) { this.stationCode = stationCode; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public Integer getSize() { return size; }
    public void setSize(Integer size) { this.size = size; }
    public Long getSeed() { return seed; }
    public void setSeed(Long seed) { this.seed = seed; }
    public Long getOpenId() { return openId; }
    public void setOpenId(Long openId) { this.openId = openId; }
    public String getReviewNumber() { return reviewNumber; }
    public Boolean getEvidence() { return evidence; }
    public void setEvidence(Boolean evidence) { this.evidence = evidence; }
    public Boolean getConsistent() { return consistent; }
    public void setConsistent(Boolean consistent) { this.consistent = consistent; }
    public Boolean getFollowUp() { return followUp; }
    public void setFollowUp(Boolean followUp) { this.followUp = followUp; }
    public Boolean getSatisfied() { return satisfied; }
    public void setSatisfied(Boolean satisfied) { this.satisfied = satisfied; }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = comment; }
    public boolean isReopen() { return reopen; }
    public void setReopen(boolean reopen) { this.reopen = reopen; }
}
