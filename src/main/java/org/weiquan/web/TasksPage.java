package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.casework.CaseTask;
import org.weiquan.casework.TaskInbox;
import org.weiquan.shared.Labels;

import java.util.Arrays;
import java.util.List;

/**
 * The task inbox: the user's own tasks, her scope's unclaimed ones and, for a supervisor, every open task of her
 * stations — each a table read twenty rows at a time, HIGH risk and the nearest deadline first, sortable by
 * column, filterable by kind of task and (for a supervisor) by station.
 */
@Named
@RequestScoped
public class TasksPage {

    @Inject
    TaskInbox tasks;

    @Inject
    Navigation navigation;

    private InboxModel mine;
    private InboxModel unclaimed;
    private InboxModel overseen;
    private String scopeName;

    public InboxModel getMine() {
        if (mine == null) {
            mine = new InboxModel(tasks, TaskInbox.Scope.MINE, List.of());
        }
        return mine;
    }

    public InboxModel getUnclaimed() {
        if (unclaimed == null) {
            unclaimed = new InboxModel(tasks, TaskInbox.Scope.STATION, List.of());
        }
        return unclaimed;
    }

    /** For a supervisor: every open task of her stations, whoever holds it, to hand on the work of someone away. */
    public InboxModel getOverseen() {
        if (overseen == null) {
            overseen = new InboxModel(tasks, navigation.isSupervisor() ? TaskInbox.Scope.OVERSEEN : TaskInbox.Scope.MINE,
                    List.of());
        }
        return overseen;
    }

    /** The user's scope by its real name: her station's (a sub-district's, a county's), never just "本站". */
    public String getScopeName() {
        if (scopeName == null) {
            scopeName = tasks.scopeName();
        }
        return scopeName;
    }

    public String getOverseenLabel() {
        return Texts.get("inbox.overseenAt", getScopeName(), getOverseen().getTotal());
    }

    public String getMineLabel() {
        return Texts.get("home.mine", getMine().getTotal());
    }

    public String getUnclaimedLabel() {
        return Texts.get("inbox.unclaimedAt", getScopeName(), getUnclaimed().getTotal());
    }

    /** The kinds of task, by their names, for a table's filter. */
    public List<SelectItem> getKinds() {
        return kindItems(Arrays.asList(CaseTask.values()));
    }

    static List<SelectItem> kindItems(List<CaseTask> kinds) {
        java.util.ArrayList<SelectItem> items = new java.util.ArrayList<>();
        items.add(new SelectItem("", Texts.get("inbox.allKinds")));
        kinds.stream().map(k -> new SelectItem(k.name(), Labels.of(k, Texts.locale())))
                .sorted(java.util.Comparator.comparing(SelectItem::getLabel)).forEach(items::add);
        return items;
    }

    /** The stations of a supervisor's scope, by name, for a table's filter. */
    public List<SelectItem> getStations() {
        return stationItems(tasks);
    }

    static List<SelectItem> stationItems(TaskInbox tasks) {
        java.util.ArrayList<SelectItem> items = new java.util.ArrayList<>();
        items.add(new SelectItem("", Texts.get("inbox.allStations")));
        tasks.scopeStations().forEach(s -> items.add(new SelectItem(s.code(), s.name())));
        return items;
    }

    /** Takes the task and opens its form. */
    public String claim(String taskId) {
        try {
            tasks.claim(taskId);
            return "/app/task?faces-redirect=true&id=" + taskId;
        } catch (RuntimeException e) {
            Feedback.refused(e);
            return null;
        }
    }
}
