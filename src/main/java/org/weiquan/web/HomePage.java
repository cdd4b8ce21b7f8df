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
            describe(approvals);
            overdueCases = search.search(new CaseSearch.Criteria(null, null, null, null, null, null, null, null, null,
                    "OVERDUE", null, null, 0, 20, "handlingDue", "asc")).items().stream().map(Rows.Case::new).toList();
        }
    }

    /** The station, complainant (masked) and category of each approval: what the supervisor decides on. */
    private void describe(List<Rows.Task> rows) {
        java.util.Set<Long> contactIds = rows.stream().filter(t -> t.getCaseNumber() == null)
                .map(Rows.Task::getContactId).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        java.util.Map<Long, IntakeService.ContactLine> contacts = intake.lines(contactIds).stream()
                .collect(java.util.stream.Collectors.toMap(IntakeService.ContactLine::id, c -> c));
        java.util.Map<String, CaseSearch.Item> cases = new java.util.HashMap<>();
        for (Rows.Task t : rows) {
            if (t.getCaseNumber() != null) {
                CaseSearch.Item item = cases.computeIfAbsent(t.getCaseNumber(), n -> search.search(new CaseSearch.Criteria(
                        n, null, null, null, null, null, null, null, null, null, null, null, 0, 1, null, null))
                        .items().stream().findFirst().orElse(null));
                if (item != null) {
                    t.about(item.stationName(), item.complainant(), Texts.label("category", item.primaryCategory()));
                }
            } else if (contacts.containsKey(t.getContactId())) {
                IntakeService.ContactLine c = contacts.get(t.getContactId());
                t.about(c.stationName(), c.complainant(), Texts.label("category", c.primaryCategory()));
            }
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
