package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.casefile.CaseSearch;
import org.weiquan.casework.TaskInbox;
import org.weiquan.intake.IntakeService;
import org.weiquan.shared.StationTime;

import java.time.Clock;
import java.util.List;

/** The home page of each role: what the user has to do today. */
@Named
@RequestScoped
public class HomePage {

    @Inject
    Navigation navigation;

    @Inject
    IntakeService intake;

    @Inject
    TaskInbox tasks;

    @Inject
    CaseSearch search;

    @Inject
    Clock clock;

    private List<Rows.Contact> awaitingReview = List.of();
    private List<Rows.Task> mine = List.of();
    private List<Rows.Task> unclaimed = List.of();
    private List<Rows.Task> approvals = List.of();
    private List<Rows.Case> overdueCases = List.of();

    @PostConstruct
    void load() {
        if (navigation.isIntake()) {
            awaitingReview = intake.awaitingReview(java.time.LocalDate.now(clock.withZone(StationTime.ZONE)).atStartOfDay(StationTime.ZONE).toInstant())
                    .stream().map(Rows.Contact::new).toList();
        }
        if (navigation.isCaseWorker()) {
            mine = tasks.mine().stream().map(Rows.Task::new).toList();
            unclaimed = tasks.unclaimed().stream().map(Rows.Task::new).toList();
        }
        if (navigation.isSupervisor()) {
            approvals = unclaimed.stream().filter(Rows.Task::isApproval).toList();
            overdueCases = search.search(new CaseSearch.Criteria(null, null, null, null, null, null, null, null, null,
                    "OVERDUE", null, null, 0, 20, "handlingDue", "asc")).items().stream().map(Rows.Case::new).toList();
        }
    }

    public String getWelcome() {
        return Texts.get("home.welcome", navigation.getDisplayName());
    }

    public List<Rows.Contact> getAwaitingReview() { return awaitingReview; }
    public List<Rows.Task> getMine() { return mine; }
    public List<Rows.Task> getUnclaimed() { return unclaimed; }
    public List<Rows.Task> getApprovals() { return approvals; }
    public List<Rows.Case> getOverdueCases() { return overdueCases; }

    public String getMineLabel() {
        return Texts.get("home.mine", mine.size());
    }

    public String getUnclaimedLabel() {
        return Texts.get("home.unclaimed", unclaimed.size());
    }

    public String getAttention() {
        long overdue = mine.stream().filter(Rows.Task::isOverdue).count() + unclaimed.stream().filter(Rows.Task::isOverdue).count();
        long high = mine.stream().filter(Rows.Task::isHighRisk).count() + unclaimed.stream().filter(Rows.Task::isHighRisk).count();
        return Texts.get("home.overdueCount", overdue) + " · " + Texts.get("home.highRiskCount", high);
    }
}
