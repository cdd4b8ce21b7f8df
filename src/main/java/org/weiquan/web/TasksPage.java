package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.casework.TaskInbox;

import java.util.List;

/** The task inbox: the user's own tasks and their station's unclaimed ones, overdue and HIGH risk first. */
@Named
@RequestScoped
public class TasksPage {

    @Inject
    TaskInbox tasks;

    private List<Rows.Task> mine;
    private List<Rows.Task> unclaimed;
    private List<Rows.Task> overseen;

    @Inject
    Navigation navigation;

    public List<Rows.Task> getMine() {
        if (mine == null) {
            mine = tasks.mine().stream().map(Rows.Task::new).toList();
        }
        return mine;
    }

    public List<Rows.Task> getUnclaimed() {
        if (unclaimed == null) {
            unclaimed = tasks.unclaimed().stream().map(Rows.Task::new).toList();
        }
        return unclaimed;
    }

    /** For a supervisor: every open task of her stations, whoever holds it, to hand on the work of someone away. */
    public List<Rows.Task> getOverseen() {
        if (overseen == null) {
            overseen = navigation.isSupervisor() ? tasks.overseen().stream().map(Rows.Task::new).toList() : List.of();
        }
        return overseen;
    }

    public String getOverseenLabel() {
        return Texts.get("home.overseen", getOverseen().size());
    }

    public String getMineLabel() {
        return Texts.get("home.mine", getMine().size());
    }

    public String getUnclaimedLabel() {
        return Texts.get("home.unclaimed", getUnclaimed().size());
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
