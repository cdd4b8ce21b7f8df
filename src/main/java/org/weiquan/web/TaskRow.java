package org.weiquan.web;

import org.weiquan.casefile.RiskLevel;
import org.weiquan.casework.TaskView;
import org.weiquan.shared.Labels;

import java.io.Serializable;

/**
 * A task as an inbox row shows it, in the page's language: the task's name, its case (or contact), the
 * complainant (masked), category, station, risk badge, due date and the days left.
 */
public class TaskRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String name;
    private final String caseNumber;
    private final Long contactId;
    private final String holder;
    private final String stationName;
    private final String complainant;
    private final String category;
    private final String riskLevel;
    private final String risk;
    private final String due;
    private final boolean overdue;
    private final String daysLeft;
    private final boolean approval;

    TaskRow(TaskView t) {
        id = t.id();
        name = Labels.of(t.task(), Texts.locale())
                + (t.chasing() == null ? "" : Texts.get("task.chasing", Labels.of(t.chasing(), Texts.locale())));
        caseNumber = t.caseNumber();
        contactId = t.contactId();
        holder = t.assigneeName() == null ? "" : t.assigneeName();
        stationName = t.stationName() == null ? "" : t.stationName();
        complainant = t.complainant() == null ? "" : t.complainant();
        category = t.category() == null ? "" : Texts.label("category", t.category());
        riskLevel = t.riskLevel() == null ? "" : t.riskLevel();
        risk = riskLabel(t.riskLevel());
        // the day a deadline falls on: one ending at 24:00 falls on the day it ends
        due = t.due() == null ? "" : Rows.day(t.due().minusMillis(1));
        overdue = t.overdue();
        daysLeft = daysLeftText(t.daysLeft(), t.overdue());
        approval = t.task().isApproval();
    }

    static String riskLabel(String level) {
        if (level == null) {
            return "";
        }
        try {
            return Labels.of(RiskLevel.valueOf(level), Texts.locale());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** "剩 3 天", "今日到期", "超期 2 天"; nothing without a deadline. */
    static String daysLeftText(Integer days, boolean overdue) {
        if (days == null) {
            return "";
        }
        if (days < 0 || overdue && days == 0) {
            return Texts.get("inbox.daysOver", Math.max(1, -days));
        }
        return days == 0 ? Texts.get("inbox.dueToday") : Texts.get("inbox.daysLeft", days);
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public String getCaseNumber() { return caseNumber; }
    public Long getContactId() { return contactId; }
    public String getHolder() { return holder; }
    public String getStationName() { return stationName; }
    public String getComplainant() { return complainant; }
    public String getCategory() { return category; }
    public String getRiskLevel() { return riskLevel; }
    public String getRisk() { return risk; }
    public boolean isHighRisk() { return "HIGH".equals(riskLevel); }
    public String getDue() { return due; }
    public boolean isOverdue() { return overdue; }
    public String getDaysLeft() { return daysLeft; }
    public boolean isApproval() { return approval; }
}
