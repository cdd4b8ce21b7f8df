package org.weiquan.web;

import org.weiquan.audit.AuditItem;
import org.weiquan.audit.ClosureAudits;
import org.weiquan.calendar.CalendarDay;
import org.weiquan.protection.RiskInstrument;
import org.weiquan.security.AccessLogEntry;
import org.weiquan.security.User;
import org.weiquan.station.StationService;

import java.io.Serializable;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the administration and audit pages show of the services' views: plain getters (Expression
 * Language does not read record components or entities' accessor methods) and texts in the page's language.
 */
public final class AdminRows {

    private AdminRows() {
    }

    /** A station in the tree, with its depth for the indentation. */
    public static class Station implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String name;
        private final String level;
        private final String levelName;
        private final boolean closed;
        private final int depth;

        Station(StationService.StationNode node, int depth) {
            code = node.code();
            name = node.name();
            level = AdminTexts.label("level", node.level());
            levelName = node.level().name();
            closed = node.closed();
            this.depth = depth;
        }

        public String getCode() { return code; }
        public String getLevelName() { return levelName; }
        public boolean isClosed() { return closed; }
        public boolean isRoot() { return depth == 0; }
        public String getState() { return AdminTexts.get(closed ? "stations.stateClosed" : "stations.stateOpen"); }
        public String getName() { return name; }
        public String getLevel() { return level; }
        public int getDepth() { return depth; }
        /** Code and name, for select menus (the codes show the hierarchy: QX-01, QX-0113). */
        public String getOption() { return code + " " + name; }
    }

    /** The tree as a list, parents before their children. */
    static List<Station> flatten(List<StationService.StationNode> roots) {
        List<Station> rows = new ArrayList<>();
        roots.forEach(r -> add(rows, r, 0));
        return rows;
    }

    /** The subtree under the station with this code, as a list (empty when there is no such station). */
    static List<Station> subtree(List<StationService.StationNode> roots, String code) {
        List<Station> rows = new ArrayList<>();
        find(roots, code).ifPresent(n -> add(rows, n, 0));
        return rows;
    }

    private static java.util.Optional<StationService.StationNode> find(List<StationService.StationNode> nodes, String code) {
        for (StationService.StationNode n : nodes) {
            if (n.code().equals(code)) {
                return java.util.Optional.of(n);
            }
            var below = find(n.children(), code);
            if (below.isPresent()) {
                return below;
            }
        }
        return java.util.Optional.empty();
    }

    private static void add(List<Station> rows, StationService.StationNode node, int depth) {
        rows.add(new Station(node, depth));
        node.children().forEach(c -> add(rows, c, depth + 1));
    }

    /** A user: station, roles, enabled state. */
    public static class UserRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String username;
        private final String displayName;
        private final String stationCode;
        private final String stationName;
        private final String roles;
        private final boolean enabled;

        UserRow(User u) {
            username = u.username();
            displayName = u.displayName();
            stationCode = u.station().code();
            stationName = u.station().name();
            roles = u.roles().stream().sorted().map(r -> AdminTexts.label("userRole", r))
                    .collect(Collectors.joining(AdminTexts.get("list.separator")));
            enabled = u.enabled();
        }

        public String getUsername() { return username; }
        public String getDisplayName() { return displayName; }
        public String getStationCode() { return stationCode; }
        public String getStationName() { return stationName; }
        public String getRoles() { return roles; }
        public boolean isEnabled() { return enabled; }
        public String getState() { return AdminTexts.get(enabled ? "users.enabled" : "users.disabled"); }
    }

    /** A partner agency. */
    public static class Agency implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String name;
        private final String kind;
        private final String station;
        private final String stationCode;
        private final String kindName;
        private final boolean active;
        private final int answerDays;

        Agency(StationService.AgencyLine a) {
            code = a.code();
            name = a.name();
            kind = AdminTexts.label("agencyKind", a.kind());
            station = a.stationCode() == null ? "" : a.stationName() + " (" + a.stationCode() + ")";
            stationCode = a.stationCode();
            kindName = a.kind().name();
            active = a.active();
            answerDays = org.weiquan.referral.AnswerPeriod.days(a.kind(), false);
        }

        public String getStationCode() { return stationCode; }
        public String getKindName() { return kindName; }
        public boolean isActive() { return active; }
        public String getState() { return AdminTexts.get(active ? "agencies.stateActive" : "agencies.stateInactive"); }
        public String getAnswerPeriod() { return AdminTexts.get("agencies.answerDays", answerDays); }

        public String getCode() { return code; }
        public String getName() { return name; }
        public String getKind() { return kind; }
        public String getStation() { return station; }
    }

    /** A date the working-day calendar overrides. */
    public static class Day implements Serializable {
        private static final long serialVersionUID = 1L;
        private final java.time.LocalDate date;
        private final String kindName;
        private final String name;

        Day(CalendarDay d) {
            date = d.day();
            kindName = d.kind().name();
            name = d.name();
        }

        public java.time.LocalDate getDate() { return date; }
        public String getDay() { return date.toString(); }
        public String getWeekday() { return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Texts.locale()); }
        public String getKindName() { return kindName; }
        public String getKind() { return AdminTexts.label("dayKind", kindName); }
        public boolean isHoliday() { return "HOLIDAY".equals(kindName); }
        public String getName() { return name; }
    }

    /** A question of the risk instrument. */
    public static class Question implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final String text;
        private final int weight;
        private final boolean critical;

        Question(RiskInstrument.Question q) {
            id = q.id();
            text = q.text();
            weight = q.weight();
            critical = q.critical();
        }

        public String getId() { return id; }
        public String getText() { return text; }
        public int getWeight() { return weight; }
        public boolean isCritical() { return critical; }
    }

    /** A band of the risk instrument: a level from a score up to the next band's score. */
    public static class Band implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String level;
        private final boolean high;
        private final String scores;

        Band(RiskInstrument.Band b, Integer nextFrom) {
            level = Texts.label("risk", b.level());
            high = "HIGH".equals(b.level());
            scores = nextFrom == null ? AdminTexts.get("risk.scoresFrom", b.from())
                    : AdminTexts.get("risk.scoresRange", b.from(), nextFrom - 1);
        }

        public String getLevel() { return level; }
        public boolean isHigh() { return high; }
        public String getScores() { return scores; }
    }

    static List<Band> bands(List<RiskInstrument.Band> bands) {
        List<RiskInstrument.Band> sorted = bands.stream().sorted((a, b) -> Integer.compare(a.from(), b.from())).toList();
        List<Band> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            rows.add(new Band(sorted.get(i), i + 1 < sorted.size() ? sorted.get(i + 1).from() : null));
        }
        return rows;
    }

    /** An entry of the access log. */
    public static class LogEntry implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String at;
        private final String username;
        private final String who;
        private final String stationCode;
        private final String action;
        private final Long contactId;
        private final String caseNumber;
        private final String clientAddress;
        private final String detail;

        /** {@code who}: the user's name as people know her, from her user name. */
        LogEntry(AccessLogEntry e, java.util.function.UnaryOperator<String> who) {
            at = Rows.time(e.occurredAt());
            username = e.username();
            this.who = who.apply(e.username());
            stationCode = e.stationCode();
            action = AdminTexts.label("accessAction", e.action());
            contactId = e.contactId();
            caseNumber = e.caseNumber();
            clientAddress = e.clientAddress();
            detail = e.detail();
        }

        public String getAt() { return at; }
        public String getUsername() { return username; }
        public String getWho() { return who; }
        public String getStationCode() { return stationCode; }
        public String getAction() { return action; }
        public Long getContactId() { return contactId; }
        public String getCaseNumber() { return caseNumber; }
        public String getClientAddress() { return clientAddress; }
        public String getDetail() { return detail; }
    }

    /** A closure audit: the draw and its sampled cases. */
    public static class Audit implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String station;
        private final String period;
        private final long seed;
        private final int sampleSize;
        private final String drawnAt;
        private final String drawnBy;
        private final List<AuditCase> cases;

        /** {@code who}: a user's name as people know her, from her user name. */
        Audit(ClosureAudits.Drawn drawn, java.util.function.UnaryOperator<String> who) {
            var a = drawn.audit();
            id = a.id();
            station = a.station().name() + " (" + a.station().code() + ")";
            // the service's period ends before periodTo; the page shows the last day included
            period = AdminTexts.get("audits.periodValue", a.periodFrom().toString(), a.periodTo().minusDays(1).toString());
            seed = a.seed();
            sampleSize = a.sampleSize();
            drawnAt = Rows.time(a.drawnAt());
            drawnBy = who.apply(a.drawnBy());
            cases = drawn.items().stream().map(i -> new AuditCase(i, who)).toList();
        }

        public long getId() { return id; }
        public String getStation() { return station; }
        public String getPeriod() { return period; }
        public long getSeed() { return seed; }
        public int getSampleSize() { return sampleSize; }
        public String getDrawnAt() { return drawnAt; }
        public String getDrawnBy() { return drawnBy; }
        public List<AuditCase> getCases() { return cases; }
        public boolean isSampleEmpty() { return cases.isEmpty(); }
        public long getReviewed() { return cases.stream().filter(AuditCase::isReviewed).count(); }
        public long getPassed() { return cases.stream().filter(AuditCase::isPassed).count(); }
        public String getProgress() { return AdminTexts.get("audits.progress", cases.size(), getReviewed(), getPassed()); }
    }

    /** A sampled case and its review. */
    public static class AuditCase implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String caseNumber;
        private final String closureReason;
        private final boolean reviewed;
        private final boolean passed;
        private final String checks;
        private final String comment;
        private final String reviewedAt;
        private final String reviewedBy;

        AuditCase(AuditItem i, java.util.function.UnaryOperator<String> who) {
            caseNumber = i.aCase().number();
            closureReason = i.aCase().closureReason() == null ? "" : Texts.label("closure", i.aCase().closureReason());
            reviewed = i.reviewedAt() != null;
            passed = Boolean.TRUE.equals(i.passed());
            checks = !reviewed ? "" : String.join(AdminTexts.get("list.separator"),
                    check("audits.evidence", i.evidencePresent()), check("audits.consistent", i.reasonConsistent()),
                    check("audits.followUp", i.followUpDone()), check("audits.satisfied", i.personSatisfied()));
            comment = i.comment();
            reviewedAt = Rows.time(i.reviewedAt());
            reviewedBy = i.reviewedBy() == null ? null : who.apply(i.reviewedBy());
        }

        private static String check(String key, Boolean value) {
            return AdminTexts.get(key) + AdminTexts.get(Boolean.TRUE.equals(value) ? "audits.checkYes" : "audits.checkNo");
        }

        public String getCaseNumber() { return caseNumber; }
        public String getClosureReason() { return closureReason; }
        public boolean isReviewed() { return reviewed; }
        public boolean isPassed() { return passed; }
        public String getResult() {
            return AdminTexts.get(!reviewed ? "audits.notReviewed" : passed ? "audits.passed" : "audits.failed");
        }
        public String getChecks() { return checks; }
        public String getComment() { return comment; }
        public String getReviewedAt() { return reviewedAt; }
        public String getReviewedBy() { return reviewedBy; }
    }
}
