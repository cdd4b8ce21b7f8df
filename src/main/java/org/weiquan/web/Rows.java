package org.weiquan.web;

import org.weiquan.casefile.CaseSearch;
import org.weiquan.casework.TaskView;
import org.weiquan.shared.Labels;
import org.weiquan.intake.IntakeService;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What the pages' tables show of the services' views, with getters (Expression Language does not read
 * record components) and texts in the page's language. Times are Beijing time.
 */
public final class Rows {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private Rows() {
    }

    static String time(Instant instant) {
        if (instant == null) {
            return "";
        }
        return chinese() ? StationTime.text(instant) : StationTime.of(instant).format(MINUTE);
    }

    /** A moment as people read it: 2026年3月2日 14:30 in Chinese, 2026-03-02 14:30 in English; Beijing time. */
    static String when(Instant instant) {
        if (instant == null) {
            return "";
        }
        return time(instant);
    }

    /** A day as people read it: 2026年3月2日 in Chinese. */
    static String when(java.time.LocalDate date) {
        if (date == null) {
            return "";
        }
        return "zh".equals(Texts.locale().getLanguage()) ? StationTime.text(date) : date.toString();
    }

    static String day(Instant instant) {
        if (instant == null) {
            return "";
        }
        return chinese() ? StationTime.text(StationTime.of(instant).toLocalDate()) : StationTime.of(instant).format(DAY);
    }

    /** Chinese pages show dates as 2026年3月2日, never in ISO form. */
    private static boolean chinese() {
        return "zh".equals(Texts.locale().getLanguage());
    }

    /** A task in an inbox. */
    public static class Task implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String key;
        private final String name;
        private final String caseNumber;
        private final Long contactId;
        private final String assignee;
        private final String due;
        private final boolean overdue;
        private final String riskLevel;
        private final boolean shared;
        private final boolean approval;
        private final TaskView.ExtensionAsked extension;
        private final String holder;

        Task(TaskView t) {
            id = t.id();
            key = t.key();
            // a chase says which deadline passed
            name = Labels.of(t.task(), Texts.locale())
                    + (t.chasing() == null ? "" : Texts.get("task.chasing", Labels.of(t.chasing(), Texts.locale())));
            caseNumber = t.caseNumber();
            contactId = t.contactId();
            assignee = t.assignee();
            holder = t.assigneeName() == null ? "" : t.assigneeName();
            due = time(t.due());
            overdue = t.overdue();
            riskLevel = t.riskLevel();
            shared = !t.candidateGroups().isEmpty();
            approval = t.task().isApproval();
            extension = t.extension();
        }

        private String stationName = "";
        private String complainant = "";
        private String category = "";

        /** What the task is about, for a list where the supervisor decides: station, complainant (masked), category. */
        Task about(String stationName, String complainant, String category) {
            this.stationName = stationName == null ? "" : stationName;
            this.complainant = complainant == null ? "" : complainant;
            this.category = category == null ? "" : category;
            return this;
        }

        public String getStationName() { return stationName; }
        public String getComplainant() { return complainant; }
        public String getCategory() { return category; }

        /** For an extension's approval: what was asked. */
        public boolean isExtensionAsked() { return extension != null; }
        public int getExtensionDays() { return extension == null ? 0 : extension.days(); }
        public String getExtensionReason() { return extension == null ? "" : extension.reason(); }
        public String getExtensionRequestedBy() { return extension == null ? "" : extension.requestedBy(); }
        public String getExtensionRequestedAt() { return extension == null ? "" : time(extension.requestedAt()); }
        public boolean isExtensionLate() { return extension != null && extension.late(); }

        /** An approval a supervisor gives: acceptance, extension or closure. */
        public boolean isApproval() { return approval; }

        /** Offered to a group (so it can be given back), not assigned by the model to one person. */
        public boolean isShared() { return shared; }

        public String getId() { return id; }
        public String getKey() { return key; }
        public String getName() { return name; }
        public String getCaseNumber() { return caseNumber; }
        public Long getContactId() { return contactId; }
        public String getAssignee() { return assignee; }
        /** The holder's name, for people. */
        public String getHolder() { return holder; }
        public String getDue() { return due; }
        public boolean isOverdue() { return overdue; }
        public boolean isHighRisk() { return "HIGH".equals(riskLevel); }
        public String getRisk() { return riskLevel == null ? "" : Texts.label("risk", riskLevel); }
    }

    /** The open stations of the tree, by name, each under its parent (indented): a transfer's target. */
    static java.util.List<jakarta.faces.model.SelectItem> stationChoices(java.util.List<org.weiquan.station.StationService.StationNode> roots) {
        java.util.List<jakarta.faces.model.SelectItem> items = new java.util.ArrayList<>();
        addStations(items, roots, 0);
        return items;
    }

    private static void addStations(java.util.List<jakarta.faces.model.SelectItem> items,
                                    java.util.List<org.weiquan.station.StationService.StationNode> nodes, int depth) {
        for (var n : nodes) {
            if (!n.closed()) {
                items.add(new jakarta.faces.model.SelectItem(n.code(), "\u3000".repeat(depth) + n.name()));
            }
            addStations(items, n.children(), depth + 1);
        }
    }

    /** A contact awaiting review. */
    public static class Contact implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String stationName;
        private final String channel;
        private final String category;
        private final String receivedAt;
        private final String complainant;
        private final String reviewDue;

        Contact(IntakeService.ContactLine c) {
            id = c.id();
            stationName = c.stationName();
            channel = Texts.label("channel", c.channel());
            category = Texts.label("category", c.primaryCategory());
            receivedAt = time(c.receivedAt());
            complainant = c.complainant();
            reviewDue = time(c.reviewDue());
        }

        public long getId() { return id; }
        public String getStationName() { return stationName; }
        public String getChannel() { return channel; }
        public String getCategory() { return category; }
        public String getReceivedAt() { return receivedAt; }
        public String getComplainant() { return complainant; }
        public String getReviewDue() { return reviewDue; }
    }

    /** A case in a list: the complainant's name masked. */
    public static class Case implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String number;
        private final String stationName;
        private final String status;
        private final String stage;
        private final String category;
        private final String channel;
        private final String receivedAt;
        private final String acceptedAt;
        private final String due;
        private final String deadline;
        private final boolean overdue;
        private final String complainant;

        Case(CaseSearch.Item i) {
            number = i.number();
            stationName = i.stationName();
            status = Texts.label("status", i.status());
            stage = Texts.label("stage", i.stage());
            category = Texts.label("category", i.primaryCategory());
            channel = Texts.label("channel", i.channel());
            receivedAt = time(i.receivedAt());
            acceptedAt = time(i.acceptedAt());
            due = day(i.handlingDue());
            deadline = i.deadlineState() == null ? "" : Texts.label("deadline", i.deadlineState());
            overdue = i.deadlineState() != null && "OVERDUE".equals(i.deadlineState().name());
            complainant = i.complainant();
        }

        public String getNumber() { return number; }
        public String getStationName() { return stationName; }
        public String getStatus() { return status; }
        public String getStage() { return stage; }
        public String getCategory() { return category; }
        public String getChannel() { return channel; }
        public String getReceivedAt() { return receivedAt; }
        public String getAcceptedAt() { return acceptedAt; }
        public String getDue() { return due; }
        public String getDeadline() { return deadline; }
        public boolean isOverdue() { return overdue; }
        public String getComplainant() { return complainant; }
    }
}
