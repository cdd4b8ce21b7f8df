package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.casefile.CaseSearch;
import org.weiquan.casework.CaseTask;
import org.weiquan.casework.TaskInbox;
import org.weiquan.intake.IntakeService;
import org.weiquan.shared.StationTime;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The home page of each role: what the user has to do today, the next thing first. Its task lists are read five
 * rows at a time (the inbox page shows twenty), so that the page stays short on a phone.
 */
@Named
@RequestScoped
public class HomePage {

    /** Rows of each list on the home page: five, so that it stays short on a phone; the inbox page shows twenty. */
    static final int ROWS = 5;

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
    private InboxModel mine;
    private InboxModel unclaimed;
    private InboxModel approvals;
    private List<Rows.Case> overdueCases = List.of();
    private String scopeName = "";

    @PostConstruct
    void load() {
        if (navigation.isIntake()) {
            awaitingReview = intake.awaitingReview(java.time.LocalDate.now(clock.withZone(StationTime.ZONE)).atStartOfDay(StationTime.ZONE).toInstant())
                    .stream().map(Rows.Contact::new).toList();
        }
        if (navigation.isCaseWorker()) {
            mine = new InboxModel(tasks, TaskInbox.Scope.MINE, List.of());
            unclaimed = new InboxModel(tasks, TaskInbox.Scope.STATION, List.of());
            scopeName = tasks.scopeName();
        }
        if (navigation.isSupervisor()) {
            approvals = new InboxModel(tasks, TaskInbox.Scope.STATION, approvalKinds());
            overdueCases = search.search(new CaseSearch.Criteria(null, null, null, null, null, null, null, null, null,
                    "OVERDUE", null, null, 0, ROWS, "handlingDue", "asc")).items().stream().map(Rows.Case::new).toList();
        }
    }

    static List<CaseTask> approvalKinds() {
        return Arrays.stream(CaseTask.values()).filter(CaseTask::isApproval).toList();
    }

    public String getWelcome() {
        return Texts.get("home.welcome", navigation.getDisplayName());
    }

    public int getRows() { return ROWS; }
    public List<Rows.Contact> getAwaitingReview() { return awaitingReview; }
    public InboxModel getMine() { return mine; }
    public InboxModel getUnclaimed() { return unclaimed; }
    public InboxModel getApprovals() { return approvals; }
    public List<Rows.Case> getOverdueCases() { return overdueCases; }

    /** The kinds of approval, for the approvals list's filter. */
    public List<SelectItem> getApprovalKinds() {
        return TasksPage.kindItems(approvalKinds());
    }

    /** The stations of a supervisor's scope, for the lists' station filter. */
    public List<SelectItem> getStations() {
        return TasksPage.stationItems(tasks);
    }

    public String getMineLabel() {
        return Texts.get("home.mine", mine == null ? 0 : mine.getTotal());
    }

    /** Her scope by its real name: "城关街道妇女维权服务中心待领取（3）", not "本站". */
    public String getUnclaimedLabel() {
        return Texts.get("inbox.unclaimedAt", scopeName, unclaimed == null ? 0 : unclaimed.getTotal());
    }

    /**
     * The next thing to do: the first of her own tasks in the inbox's order (HIGH risk, then the nearest deadline),
     * else the first her scope offers; null when there is none.
     */
    public TaskRow getNext() {
        if (mine == null) {
            return null;
        }
        TaskRow next = mine.getNext();
        return next != null ? next : unclaimed.getNext();
    }

    /** Whether the next task is one she holds (opened) rather than one to take (claimed). */
    public boolean isNextMine() {
        return mine != null && mine.getNext() != null;
    }
}
