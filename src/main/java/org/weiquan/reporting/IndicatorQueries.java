package org.weiquan.reporting;

import org.weiquan.shared.Days;
import org.weiquan.shared.StationTime;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indicator SQL, portable between PostgreSQL and H2, over plain JDBC so that it can be tested on a
 * small database of hand-made rows. A case counts to the station that accepted it; a subtree is a
 * station path prefix.
 *
 * <p>Each indicator is one SQL condition on one source: the cases themselves, or a table of the case's work
 * (mediation sessions, follow-up visits, closure requests, risk assessments). The report counts with that
 * condition and the drill-down lists the cases that satisfy it, with the same text. The SQL spells no
 * constant of an enum and no BPMN task id: the values it compares with are bound as parameters, taken from
 * the enums by {@link IndicatorVocabulary}.
 *
 * <p>However many rows a report has (the station alone, each child station with its subtree, the total),
 * each source is read once: the counts come back per accepted station and are added up here by station
 * path. Only the median and P90 of the days to close are computed per row by the database, over that
 * row's cases, since they do not add up. Cases and the records of their work are read without joining the
 * cases: a case keeps its contact's category, channel, petition type and repeat link (V10), and each
 * record its case's accepted station (V12).
 */
public class IndicatorQueries {

    /** A closure counts as reopened when the case was reopened within this many days of it (whole dates). */
    static final int REOPENED_WITHIN_DAYS = 90;
    /** A high-risk case is handled in time when its first step follows the assessment within these hours. */
    static final int URGENT_WITHIN_HOURS = 24;

    private final DataSource dataSource;
    /** Whether the figures the counters hold are read from them where the database keeps them (PostgreSQL). */
    private final boolean useCounters;

    public IndicatorQueries(DataSource dataSource) {
        this(dataSource, true);
    }

    private IndicatorQueries(DataSource dataSource, boolean useCounters) {
        this.dataSource = dataSource;
        this.useCounters = useCounters;
    }

    /**
     * Every figure computed from the case tables, never from the counters: what the counters are checked against,
     * and the yardstick of the benchmark.
     */
    public static IndicatorQueries computedOnly(DataSource dataSource) {
        return new IndicatorQueries(dataSource, false);
    }

    /**
     * Period [from, to), cut-off (counts stop there), and the stations: the subtree under a path, or (with
     * {@code subtree} false) the station of that path alone.
     */
    public record Scope(String pathPrefix, Instant from, Instant to, Instant cutoff, boolean subtree) {
        public Scope(String pathPrefix, Instant from, Instant to, Instant cutoff) {
            this(pathPrefix, from, to, cutoff, true);
        }

        String pathPattern() {
            return subtree ? pathPrefix + "%" : pathPrefix;
        }

        boolean covers(String stationPath) {
            return subtree ? stationPath.startsWith(pathPrefix) : stationPath.equals(pathPrefix);
        }

        Scope at(String path, boolean withSubtree) {
            return new Scope(path, from, to, cutoff, withSubtree);
        }
    }

    public record Counts(long received, long accepted, long closed, Rate cohortClosureRate, Rate flowClosureRate,
                         Rate resolutionRate, Rate onTimeRate, long overdue, long overdue1To15, long overdue16To30,
                         long overdueOver30, BigDecimal meanDaysToClose, BigDecimal medianDaysToClose,
                         BigDecimal p90DaysToClose, Rate mediationSuccessRate, Rate followUpRate, Rate satisfaction,
                         long followUpsUnreachable, Rate reopenRate, Rate repeatVisitRate, Rate highRiskTimeliness,
                         Rate closureQuality, long notAccepted, long transferred, long consultations, long reviews,
                         long reReviews) {

        /** Counts without the review decisions' (as the exports' samples give them). */
        public Counts(long received, long accepted, long closed, Rate cohortClosureRate, Rate flowClosureRate,
                      Rate resolutionRate, Rate onTimeRate, long overdue, long overdue1To15, long overdue16To30,
                      long overdueOver30, BigDecimal meanDaysToClose, BigDecimal medianDaysToClose,
                      BigDecimal p90DaysToClose, Rate mediationSuccessRate, Rate followUpRate, Rate satisfaction,
                      long followUpsUnreachable, Rate reopenRate, Rate repeatVisitRate, Rate highRiskTimeliness,
                      Rate closureQuality) {
            this(received, accepted, closed, cohortClosureRate, flowClosureRate, resolutionRate, onTimeRate, overdue,
                    overdue1To15, overdue16To30, overdueOver30, meanDaysToClose, medianDaysToClose, p90DaysToClose,
                    mediationSuccessRate, followUpRate, satisfaction, followUpsUnreachable, reopenRate, repeatVisitRate,
                    highRiskTimeliness, closureQuality, 0, 0, 0, 0, 0);
        }
    }

    /** Received contacts, accepted and closed cases of one group (a category, a channel, a month). */
    public record Group(String key, long accepted, long closed, long received) {
        public Group(String key, long accepted, long closed) {
            this(key, accepted, closed, 0);
        }
    }

    /** Accepted and closed cases by primary category, by channel and by month (Beijing time) of acceptance/closure. */
    public record Groups(List<Group> byCategory, List<Group> byChannel, List<Group> byMonth) {
    }

    /** The rows of a station's report: the station alone, each given child with its subtree, the whole subtree. */
    public record ReportRows(Counts station, List<Counts> children, Counts total, Groups groups) {
    }

    // ---------------------------------------------------------------- the sources and the conditions

    /**
     * Where an indicator's rows are: the cases, or one kind of record of their work, each row with its case and
     * the station that accepted the case. Risk assessments are counted once per case (a case assessed twice in the
     * period is one high-risk case); closures are counted by the first of each case in the period.
     */
    enum Source {
        CASES("case_file", "c", false),
        MEDIATIONS("mediation_session", "m", false),
        FOLLOW_UPS("follow_up_visit", "f", false),
        CLOSURES("closure_request", "q", false),
        ASSESSMENTS("risk_assessment", "r", true),
        REVIEWS("reply_review", "v", false),
        AUDITS("closure_audit_item", "i", false);

        final String table;
        final String alias;
        final boolean countsCases;

        Source(String table, String alias, boolean countsCases) {
            this.table = table;
            this.alias = alias;
            this.countsCases = countsCases;
        }

        /**
         * The rows, as a FROM clause: closure requests come with what their case's reopenings say, audit items with
         * their case (for its accepted station).
         */
        String from() {
            return switch (this) {
                case CLOSURES -> "closure_request q LEFT JOIN (" + REOPENED_CASES + ") x ON x.case_id = q.case_id";
                case AUDITS -> "closure_audit_item i JOIN case_file ac ON ac.id = i.case_id";
                default -> table + " " + alias;
            };
        }

        String station() {
            return this == AUDITS ? "ac.accepted_station_id" : alias + ".accepted_station_id";
        }

        String caseId() {
            return this == CASES ? "c.id" : alias + ".case_id";
        }

        /** How a count of this source counts: rows, or the cases they belong to. */
        String count() {
            return countsCases ? "COUNT(DISTINCT " + caseId() + ")" : "COUNT(*)";
        }
    }

    static Source source(Indicator indicator) {
        return switch (indicator) {
            case ACCEPTED, CLOSED, COHORT, COHORT_CLOSED, OPEN_AT_START, CLAIMS_CLOSED, RESOLVED, ON_TIME, OVERDUE,
                 REPEAT_VISITS -> Source.CASES;
            case AUDITED, AUDIT_PASSED -> Source.AUDITS;
            case MEDIATIONS_CONCLUDED, MEDIATIONS_AGREED -> Source.MEDIATIONS;
            case FOLLOW_UPS_DUE, FOLLOW_UPS_DONE, FOLLOW_UPS_ANSWERED, FOLLOW_UPS_SATISFIED, FOLLOW_UPS_UNREACHABLE ->
                    Source.FOLLOW_UPS;
            case CLOSURES_APPROVED, CLOSURES_REOPENED -> Source.CLOSURES;
            case HIGH_RISK, HIGH_RISK_IN_TIME -> Source.ASSESSMENTS;
            case REVIEWS, RE_REVIEWS -> Source.REVIEWS;
        };
    }

    /** The deadline in force, as the instant it passes (24:00 of its last day): in time means before it. */
    private static final String DUE = "COALESCE(c.extended_due, c.handling_due)";
    private static final String ACCEPTED_IN_PERIOD = "c.accepted_at >= :from AND c.accepted_at < :to";
    private static final String CLOSED_IN_PERIOD = "c.closed_at >= :from AND c.closed_at < :to AND c.closed_at <= :cutoff";
    private static final String CLAIM = "(c.petition_type IN (:claim) OR c.primary_category IN (:dispute))";

    /** A mediation is concluded by its last session: an agreement, a termination or a refusal. */
    private static final String CONCLUDED = "m.held_at >= :from AND m.held_at < :to AND m.held_at <= :cutoff"
            + " AND m.outcome IN (:concluding)";

    /**
     * A visit belongs to the period of the closure it follows (a December closure's January visit is December's).
     * It is due once its due day is over by the cut-off, or once it was done; a visit cancelled by then (the case
     * reopened or withdrawn) is not due.
     */
    private static final String FOLLOWS_A_CLOSURE_IN_PERIOD = "f.closed_on >= :closedFrom AND f.closed_on <= :closedUntil";
    private static final String FOLLOW_UP_DUE = FOLLOWS_A_CLOSURE_IN_PERIOD
            + " AND (f.cancelled_at IS NULL OR f.cancelled_at > :cutoff)"
            + " AND (f.due_on < :dueBefore OR f.visited_at <= :cutoff)";
    private static final String FOLLOW_UP_DONE = FOLLOW_UP_DUE + " AND f.visited_at <= :cutoff";

    private static final String APPROVED_IN_PERIOD = "q.decision IN (:approving) AND q.decided_at >= :from"
            + " AND q.decided_at < :to AND q.decided_at <= :cutoff";

    /**
     * What the reopenings say of each case reopened after the period began (up to 90 days after it and the
     * cut-off), joined to the closures as {@code x}: its first approved closure in the period, and how many of its
     * reopenings followed one of its approved closures in the period within 90 days (a round started by a
     * reopening whose Beijing date is at most 90 days after the approval's, DESIGN §3: whole dates). The
     * reopenings are few; each looks its case's closures up by the case, so that no plan, generic or not, reads
     * the period's closures for them. A case not among them has at most one approved closure in the period (a
     * second needs a reopening between) and none reopened within 90 days by the cut-off.
     */
    private static final String REOPENED_CASES = "SELECT r.case_id, MIN(r.first_approved_at) AS first_approved_at,"
            + " SUM(r.in_time) AS reopenings_in_time FROM (SELECT h.case_id,"
            + " (SELECT MIN(e.decided_at) FROM closure_request e WHERE e.case_id = h.case_id"
            + " AND e.decision IN (:approving) AND e.decided_at >= :from AND e.decided_at < :to"
            + " AND e.decided_at <= :cutoff) AS first_approved_at,"
            + " (SELECT COUNT(*) FROM closure_request e WHERE e.case_id = h.case_id"
            + " AND e.decision IN (:approving) AND e.decided_at >= :from AND e.decided_at < :to"
            + " AND e.decided_at <= :cutoff AND e.decided_at < h.started_at"
            + " AND " + beijingDay("h.started_at") + " - " + beijingDay("e.decided_at") + " <= " + REOPENED_WITHIN_DAYS
            + ") AS in_time"
            + " FROM handling_round h WHERE h.start_reason IN (:reopening) AND h.started_at > :from"
            + " AND h.started_at <= :reopenedUntil) r GROUP BY r.case_id";

    /** A case counts once among the closures: by its first approved closure in the period. */
    private static final String FIRST_APPROVED_IN_PERIOD = APPROVED_IN_PERIOD
            + " AND (x.case_id IS NULL OR q.decided_at = x.first_approved_at)";

    /** A review or re-review asked for on a date of the period, up to the cut-off's date. */
    private static final String REQUESTED_IN_PERIOD = "v.requested_on >= :closedFrom AND v.requested_on <= :closedUntil"
            + " AND v.requested_on <= :cutoffDay";

    private static final String ASSESSED_HIGH = "r.level IN (:highRisk) AND r.assessed_at >= :from"
            + " AND r.assessed_at < :to AND r.assessed_at <= :cutoff";

    /**
     * The urgent path's first step within 24 h after the assessment (and by the cut-off): a safety plan, a referral
     * to a police station or a court, or a protection-order application (made to a court). The agencies of those
     * kinds are looked up once for the statement (an array), not joined for every assessment.
     */
    private static final String HANDLED_IN_TIME = "(EXISTS (SELECT 1 FROM safety_plan p WHERE p.case_id = r.case_id"
            + " AND " + urgentStep("p.made_at") + ")"
            + " OR EXISTS (SELECT 1 FROM referral x WHERE x.case_id = r.case_id AND " + urgentStep("x.sent_at")
            + " AND x.agency_code = ANY (ARRAY(SELECT a.code FROM partner_agency a WHERE a.kind IN (:policeOrCourt))))"
            + " OR EXISTS (SELECT 1 FROM protection_order o WHERE o.case_id = r.case_id"
            + " AND " + urgentStep("o.applied_at") + "))";

    /**
     * The condition on a row of the indicator's {@link #source(Indicator) source} (a case {@code c}, a session
     * {@code m}, a visit {@code f}, a closure request {@code q} with its case's reopenings {@code x}, an assessment
     * {@code r}), with named parameters: the
     * drill-down lists the cases of the rows that satisfy it, and the report counts them with the same text.
     */
    static String condition(Indicator indicator) {
        return switch (indicator) {
            case ACCEPTED -> ACCEPTED_IN_PERIOD;
            case CLOSED -> CLOSED_IN_PERIOD;
            case COHORT -> ACCEPTED_IN_PERIOD + " AND c.station_id = c.accepted_station_id";
            case COHORT_CLOSED -> condition(Indicator.COHORT) + " AND c.closed_at IS NOT NULL AND c.closed_at <= :cutoff";
            case OPEN_AT_START -> "c.accepted_at < :from AND (c.closed_at IS NULL OR c.closed_at >= :from)";
            case CLAIMS_CLOSED -> CLOSED_IN_PERIOD + " AND " + CLAIM;
            case RESOLVED -> condition(Indicator.CLAIMS_CLOSED) + " AND c.closure_reason IN (:resolving)";
            case ON_TIME -> CLOSED_IN_PERIOD + " AND c.closed_at < " + DUE;
            case OVERDUE -> "(c.closed_at IS NULL OR c.closed_at > :cutoff) AND c.accepted_at <= :cutoff AND "
                    + DUE + " < :cutoff";
            case MEDIATIONS_CONCLUDED -> CONCLUDED;
            case MEDIATIONS_AGREED -> CONCLUDED + " AND m.outcome IN (:agreement)";
            case FOLLOW_UPS_DUE -> FOLLOW_UP_DUE;
            case FOLLOW_UPS_DONE -> FOLLOW_UP_DONE;
            case FOLLOW_UPS_ANSWERED -> FOLLOW_UP_DONE + " AND f.result IN (:answered)";
            case FOLLOW_UPS_SATISFIED -> FOLLOW_UP_DONE + " AND f.result IN (:satisfied)";
            case FOLLOW_UPS_UNREACHABLE -> FOLLOW_UP_DONE + " AND f.result IN (:unanswered)";
            case CLOSURES_APPROVED -> FIRST_APPROVED_IN_PERIOD;
            case CLOSURES_REOPENED -> FIRST_APPROVED_IN_PERIOD + " AND x.reopenings_in_time > 0";
            case HIGH_RISK -> ASSESSED_HIGH;
            case HIGH_RISK_IN_TIME -> ASSESSED_HIGH + " AND " + HANDLED_IN_TIME;
            case REPEAT_VISITS -> ACCEPTED_IN_PERIOD + " AND c.repeat_of_contact_id IS NOT NULL AND EXISTS (SELECT 1"
                    + " FROM contact e JOIN case_file ec ON ec.contact_id = e.id WHERE e.id = c.repeat_of_contact_id"
                    + " AND e.received_at >= c.accepted_at - INTERVAL '365' DAY)";
            case AUDITED -> "i.reviewed_at >= :from AND i.reviewed_at < :to AND i.reviewed_at <= :cutoff";
            case AUDIT_PASSED -> condition(Indicator.AUDITED) + " AND i.passed = TRUE";
            case REVIEWS -> REQUESTED_IN_PERIOD + " AND v.kind IN (:review)";
            case RE_REVIEWS -> REQUESTED_IN_PERIOD + " AND v.kind IN (:reReview)";
        };
    }

    /**
     * The Beijing date of a timestamp as a day number, computed alike by PostgreSQL and H2 whatever their session
     * time zone: Beijing has kept UTC+8, without daylight saving, since 1991 (:beijingOffset is that offset).
     */
    private static String beijingDay(String column) {
        return "FLOOR((EXTRACT(EPOCH FROM " + column + ") + :beijingOffset) / 86400)";
    }

    private static String urgentStep(String column) {
        return column + " >= r.assessed_at AND " + column + " <= r.assessed_at + INTERVAL '" + URGENT_WITHIN_HOURS
                + "' HOUR AND " + column + " <= :cutoff";
    }

    /**
     * The figure a report shows for an indicator: cases, mediations or visits, or (closures, assessments) the cases
     * they belong to.
     */
    public long count(Indicator indicator, Scope scope) {
        Source source = source(indicator);
        long[] count = new long[1];
        try (Connection connection = dataSource.getConnection()) {
            query(connection, "SELECT " + source.count() + " FROM " + source.from() + " WHERE "
                            + inScope(source.station(), false) + condition(indicator),
                    parameters(scope, scope.pathPattern()), rs -> count[0] = rs.getLong(1));
        } catch (SQLException e) {
            throw failed(e);
        }
        return count[0];
    }

    /**
     * The case numbers behind a count, in number order; paged. A count of mediations or visits lists each case
     * once, even when two of its mediations or visits were counted.
     */
    public List<String> cases(Indicator indicator, Scope scope, int offset, int limit) {
        Source source = source(indicator);
        String which = source == Source.CASES ? condition(indicator)
                : "c.id IN (SELECT " + source.caseId() + " FROM " + source.from() + " WHERE "
                + condition(indicator) + ")";
        List<String> numbers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            query(connection, "SELECT c.number FROM case_file c WHERE " + inScope("c.accepted_station_id", false) + which
                            + " ORDER BY c.number OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit)
                            + " ROWS ONLY",
                    parameters(scope, scope.pathPattern()), rs -> numbers.add(rs.getString(1)));
        } catch (SQLException e) {
            throw failed(e);
        }
        return numbers;
    }

    // ---------------------------------------------------------------- the counts, per accepted station

    /** Figures added up per station that are no indicator of their own. */
    private enum Extra {
        RECEIVED, OVERDUE_1_TO_15, OVERDUE_OVER_30, DAYS_COUNTED, NOT_ACCEPTED,
        TRANSFERRED, CONSULTATIONS
    }

    private static final int INDICATORS = Indicator.values().length;

    private static int slot(Indicator indicator) {
        return indicator.ordinal();
    }

    private static int slot(Extra extra) {
        return INDICATORS + extra.ordinal();
    }

    /** A station's figures, and the total of its days to close (for the mean, which does add up). */
    private static final class Tally {
        final long[] counts = new long[INDICATORS + Extra.values().length];
        BigDecimal days = BigDecimal.ZERO;

        long get(Indicator indicator) {
            return counts[slot(indicator)];
        }

        long get(Extra extra) {
            return counts[slot(extra)];
        }

        void add(Tally other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            days = days.add(other.days);
        }
    }

    /** One aggregate of a pass and the figure it adds to. */
    private record Column(int slot, String aggregate) {
    }

    /** What one pass over a source counts: each of its indicators with its condition, and (cases) the overdue bands. */
    private static List<Column> columns(Source source) {
        List<Column> columns = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            if (source(indicator) == source) {
                columns.add(new Column(slot(indicator), source.count() + " FILTER (WHERE " + condition(indicator) + ")"));
            }
        }
        if (source == Source.CASES) {
            String overdue = condition(Indicator.OVERDUE);
            columns.add(new Column(slot(Extra.OVERDUE_1_TO_15), "COUNT(*) FILTER (WHERE " + overdue + " AND " + DUE
                    + " >= :overdue15)"));
            columns.add(new Column(slot(Extra.OVERDUE_OVER_30), "COUNT(*) FILTER (WHERE " + overdue + " AND " + DUE
                    + " < :overdue30)"));
            columns.add(new Column(slot(Extra.DAYS_COUNTED), "COUNT(*) FILTER (WHERE " + condition(Indicator.CLOSED)
                    + " AND c.days_to_close IS NOT NULL)"));
        }
        return columns;
    }

    private static final Map<Source, List<Column>> COLUMNS = columnsOfEverySource();

    private static Map<Source, List<Column>> columnsOfEverySource() {
        Map<Source, List<Column>> columns = new LinkedHashMap<>();
        for (Source source : Source.values()) {
            columns.put(source, columns(source));
        }
        return columns;
    }

    /**
     * The rows a pass reads: a superset of its counts' conditions that an index can find, so that the database
     * skips the other years. Cases: those accepted in the period, open, or closed since its start (or the cut-off).
     */
    private static String readOnly(Source source) {
        return switch (source) {
            case CASES -> "(" + ACCEPTED_IN_PERIOD + " OR c.closed_at IS NULL OR c.closed_at >= :closedSince)";
            case MEDIATIONS -> CONCLUDED;
            case FOLLOW_UPS -> FOLLOWS_A_CLOSURE_IN_PERIOD;
            case CLOSURES -> APPROVED_IN_PERIOD;
            case ASSESSMENTS -> ASSESSED_HIGH;
            case REVIEWS -> REQUESTED_IN_PERIOD;
            case AUDITS -> condition(Indicator.AUDITED);
        };
    }

    /** One pass over a source for all its counts, per accepted station; the cases' pass adds their days to close. */
    static String pass(Source source, boolean everyStation) {
        return pass(source, everyStation, readOnly(source));
    }

    /** One pass over the rows of a source that satisfy {@code rows} instead of {@link #readOnly}. */
    private static String pass(Source source, boolean everyStation, String rows) {
        StringBuilder sql = new StringBuilder("SELECT ").append(source.station());
        COLUMNS.get(source).forEach(column -> sql.append(", ").append(column.aggregate()));
        if (source == Source.CASES) {
            sql.append(", SUM(c.days_to_close) FILTER (WHERE ").append(condition(Indicator.CLOSED)).append(')');
        }
        return sql.append(" FROM ").append(source.from()).append(" WHERE ")
                .append(inScope(source.station(), everyStation)).append(rows).append(" GROUP BY ")
                .append(source.station()).toString();
    }

    /**
     * Keeps a statement to the scope's stations (:stations, a path pattern); nothing to keep out when the scope
     * holds every station, and then the database need not look the stations up at all.
     */
    private static String inScope(String stationColumn, boolean everyStation) {
        return inScope(stationColumn, everyStation, "stations");
    }

    private static String inScope(String stationColumn, boolean everyStation, String pattern) {
        return everyStation ? ""
                : stationColumn + " IN (SELECT s.id FROM station s WHERE s.path LIKE :" + pattern + ") AND ";
    }

    /**
     * The contacts, each with the station it counts to: the station that registered it (a contact transferred to
     * another station counts where it came from), as {@code k.counted_station_id}.
     */
    private static final String CONTACTS = "(SELECT CASE WHEN c0.decision IN (:transferring)"
            + " AND c0.transferred_from_station_id IS NOT NULL THEN c0.transferred_from_station_id ELSE c0.station_id"
            + " END AS counted_station_id, c0.id, c0.received_at, c0.decision, c0.decided_at, c0.channel,"
            + " c0.primary_category FROM contact c0) k";

    private static final String DECIDED_IN_PERIOD = "k.decided_at >= :from AND k.decided_at < :to"
            + " AND k.decided_at <= :cutoff";

    /** The condition on a contact {@code k} of a count of contacts. */
    static String condition(ContactIndicator indicator) {
        return switch (indicator) {
            case RECEIVED -> "k.received_at >= :from AND k.received_at < :to";
            case NOT_ACCEPTED -> DECIDED_IN_PERIOD + " AND k.decision IN (:notAccepting)";
            case TRANSFERRED -> DECIDED_IN_PERIOD + " AND k.decision IN (:transferring)";
            case CONSULTATIONS -> DECIDED_IN_PERIOD + " AND k.decision IN (:consulting)";
        };
    }

    /** Contacts registered in the period, and those decided otherwise than accepted, per station they count to. */
    private static String received(boolean everyStation) {
        StringBuilder sql = new StringBuilder("SELECT k.counted_station_id");
        for (ContactIndicator indicator : ContactIndicator.values()) {
            sql.append(", COUNT(*) FILTER (WHERE ").append(condition(indicator)).append(')');
        }
        return sql.append(" FROM ").append(CONTACTS).append(" WHERE ")
                .append(inScope("k.counted_station_id", everyStation))
                .append("(").append(condition(ContactIndicator.RECEIVED)).append(" OR ").append(DECIDED_IN_PERIOD)
                .append(") GROUP BY k.counted_station_id").toString();
    }

    /** The contacts behind a count of contacts, in the order of their ids (registration); paged. */
    public List<Long> contacts(ContactIndicator indicator, Scope scope, int offset, int limit) {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            query(connection, "SELECT k.id FROM " + CONTACTS + " WHERE " + inScope("k.counted_station_id", false)
                            + condition(indicator) + " ORDER BY k.id OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT "
                            + Math.max(1, limit) + " ROWS ONLY",
                    parameters(scope, scope.pathPattern()), rs -> ids.add(rs.getLong(1)));
        } catch (SQLException e) {
            throw failed(e);
        }
        return ids;
    }

    public Counts counts(Scope scope) {
        return counts(List.of(scope)).get(0);
    }

    /**
     * The counts of several scopes over the same period and cut-off (the rows of a report), each source read
     * once for all of them.
     */
    public List<Counts> counts(List<Scope> scopes) {
        try (Connection connection = dataSource.getConnection()) {
            return counts(connection, scopes);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private List<Counts> counts(Connection connection, List<Scope> scopes) throws SQLException {
        Scope first = scopes.get(0);
        for (Scope s : scopes) {
            if (!s.from().equals(first.from()) || !s.to().equals(first.to()) || !s.cutoff().equals(first.cutoff())) {
                throw new IllegalArgumentException("the rows of a report share their period and cut-off");
            }
        }
        String pattern = stationPattern(scopes);
        Map<String, Object> p = parameters(first, pattern);
        Map<Long, String> paths = stations(connection);
        boolean every = paths.values().stream().allMatch(path -> like(path, pattern));

        Map<Long, Tally> perStation = new HashMap<>();
        boolean counted = useCounters && countersIn(connection);
        if (counted) {
            fromCounters(connection, first, pattern, every, perStation);
        } else {
            tally(connection, received(every), p, perStation, List.of(slot(Extra.RECEIVED), slot(Extra.NOT_ACCEPTED),
                    slot(Extra.TRANSFERRED), slot(Extra.CONSULTATIONS)));
        }
        for (Source source : Source.values()) {
            if (counted && COUNTED.contains(source)) {
                continue;
            }
            List<Integer> slots = COLUMNS.get(source).stream().map(Column::slot).toList();
            query(connection, pass(source, every), p, rs -> {
                Tally t = tally(perStation, rs, slots);
                if (source == Source.CASES) {
                    BigDecimal days = rs.getBigDecimal(slots.size() + 2);
                    t.days = days == null ? t.days : t.days.add(days);
                }
            });
        }
        BigDecimal[][] percentiles = counted && scopes.stream().allMatch(s -> paths.values().stream().allMatch(s::covers))
                ? treeDaysToClosePercentiles(connection, first, scopes.size())
                : daysToClosePercentiles(connection, scopes, paths, p, every);

        List<Counts> counts = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            Tally sum = new Tally();
            for (Map.Entry<Long, Tally> station : perStation.entrySet()) {
                String path = paths.get(station.getKey());
                if (path != null && scopes.get(i).covers(path)) {
                    sum.add(station.getValue());
                }
            }
            counts.add(counts(sum, percentiles[i]));
        }
        return counts;
    }

    /** Every station's path by id: a few hundred rows, for adding up per station and for knowing the whole tree. */
    private static Map<Long, String> stations(Connection connection) throws SQLException {
        Map<Long, String> paths = new HashMap<>();
        query(connection, "SELECT s.id, s.path FROM station s", Map.of(), rs -> paths.put(rs.getLong(1), rs.getString(2)));
        return paths;
    }

    /** The stations of all the scopes: the subtree of their deepest common ancestor (or the one station). */
    static String stationPattern(List<Scope> scopes) {
        if (scopes.size() == 1) {
            return scopes.get(0).pathPattern();
        }
        String common = scopes.get(0).pathPrefix();
        for (Scope s : scopes) {
            int n = 0;
            while (n < common.length() && n < s.pathPrefix().length() && common.charAt(n) == s.pathPrefix().charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        return common.substring(0, common.lastIndexOf('/') + 1) + "%";
    }

    /** A path pattern as made here: a path, or a path followed by %. */
    private static boolean like(String path, String pattern) {
        return pattern.endsWith("%") ? path.startsWith(pattern.substring(0, pattern.length() - 1)) : path.equals(pattern);
    }

    private static Counts counts(Tally s, BigDecimal[] percentiles) {
        long accepted = s.get(Indicator.ACCEPTED);
        long closed = s.get(Indicator.CLOSED);
        long overdue = s.get(Indicator.OVERDUE);
        long recent = s.get(Extra.OVERDUE_1_TO_15);
        long old = s.get(Extra.OVERDUE_OVER_30);
        long counted = s.get(Extra.DAYS_COUNTED);
        BigDecimal mean = counted == 0 ? null : s.days.divide(BigDecimal.valueOf(counted), 1, RoundingMode.HALF_UP);
        return new Counts(s.get(Extra.RECEIVED), accepted, closed,
                new Rate(s.get(Indicator.COHORT_CLOSED), s.get(Indicator.COHORT)),
                new Rate(closed, s.get(Indicator.OPEN_AT_START) + accepted),
                new Rate(s.get(Indicator.RESOLVED), s.get(Indicator.CLAIMS_CLOSED)),
                new Rate(s.get(Indicator.ON_TIME), closed),
                overdue, recent, overdue - recent - old, old, mean, percentiles[0], percentiles[1],
                new Rate(s.get(Indicator.MEDIATIONS_AGREED), s.get(Indicator.MEDIATIONS_CONCLUDED)),
                new Rate(s.get(Indicator.FOLLOW_UPS_DONE), s.get(Indicator.FOLLOW_UPS_DUE)),
                new Rate(s.get(Indicator.FOLLOW_UPS_SATISFIED), s.get(Indicator.FOLLOW_UPS_ANSWERED)),
                s.get(Indicator.FOLLOW_UPS_UNREACHABLE),
                new Rate(s.get(Indicator.CLOSURES_REOPENED), s.get(Indicator.CLOSURES_APPROVED)),
                new Rate(s.get(Indicator.REPEAT_VISITS), accepted),
                new Rate(s.get(Indicator.HIGH_RISK_IN_TIME), s.get(Indicator.HIGH_RISK)),
                new Rate(s.get(Indicator.AUDIT_PASSED), s.get(Indicator.AUDITED)), s.get(Extra.NOT_ACCEPTED),
                s.get(Extra.TRANSFERRED), s.get(Extra.CONSULTATIONS), s.get(Indicator.REVIEWS),
                s.get(Indicator.RE_REVIEWS));
    }

    /** Reads rows of (station id, count, count ...) into the stations' figures. */
    private static void tally(Connection connection, String sql, Map<String, Object> p, Map<Long, Tally> perStation,
                              List<Integer> slots) throws SQLException {
        query(connection, sql, p, rs -> tally(perStation, rs, slots));
    }

    private static Tally tally(Map<Long, Tally> perStation, ResultSet rs, List<Integer> slots) throws SQLException {
        Tally t = perStation.computeIfAbsent(rs.getLong(1), x -> new Tally());
        for (int i = 0; i < slots.size(); i++) {
            t.counts[slots.get(i)] += rs.getLong(i + 2);
        }
        return t;
    }

    /**
     * Median and P90 of the days to close of each scope's closures, over exactly that scope's cases (they do not
     * add up): the database counts the closures of each station by their days to close (whole dates: a few hundred
     * values at most), one pass for all the scopes, and each scope's percentiles are taken from its stations'
     * counts as PostgreSQL's PERCENTILE_CONT takes them (linear between the two closest ranks).
     */
    private static BigDecimal[][] daysToClosePercentiles(Connection connection, List<Scope> scopes,
                                                         Map<Long, String> paths, Map<String, Object> p, boolean every)
            throws SQLException {
        Map<Long, Map<BigDecimal, Long>> perStation = new HashMap<>();
        query(connection, "SELECT c.accepted_station_id, c.days_to_close, COUNT(*) FROM case_file c WHERE "
                + inScope("c.accepted_station_id", every) + condition(Indicator.CLOSED)
                + " AND c.days_to_close IS NOT NULL GROUP BY c.accepted_station_id, c.days_to_close", p,
                rs -> perStation.computeIfAbsent(rs.getLong(1), x -> new HashMap<>())
                        .merge(rs.getBigDecimal(2), rs.getLong(3), Long::sum));
        BigDecimal[][] percentiles = new BigDecimal[scopes.size()][2];
        for (int i = 0; i < scopes.size(); i++) {
            TreeMap<BigDecimal, Long> days = new TreeMap<>();
            for (Map.Entry<Long, Map<BigDecimal, Long>> station : perStation.entrySet()) {
                String path = paths.get(station.getKey());
                if (path != null && scopes.get(i).covers(path)) {
                    station.getValue().forEach((d, n) -> days.merge(d, n, Long::sum));
                }
            }
            percentiles[i][0] = percentile(days, 0.5);
            percentiles[i][1] = percentile(days, 0.9);
        }
        return percentiles;
    }

    /**
     * Median and P90 of the days to close of a scope that holds every station (the same for each of its rows): the
     * closures of the months ended by the cut-off from the tree's histogram (V95), those of the rest of the period
     * from the rows.
     */
    private static BigDecimal[][] treeDaysToClosePercentiles(Connection connection, Scope scope, int rows)
            throws SQLException {
        TreeMap<BigDecimal, Long> days = new TreeMap<>();
        Row add = rs -> {
            if (rs.getLong(2) != 0) {
                days.merge(rs.getBigDecimal(1), rs.getLong(2), Long::sum);
            }
        };
        Months cut = Months.within(scope.from(), min(scope.to(), scope.cutoff()));
        if (!cut.isEmpty()) {
            Map<String, Object> p = Map.of("cutFirst", cut.first(), "cutEnd", cut.end());
            query(connection, "SELECT d.days, SUM(d.cases) FROM indicator_tree_days d WHERE d.month >= :cutFirst"
                    + " AND d.month < :cutEnd GROUP BY d.days", p, add);
        }
        for (Instant[] part : cut.outside(scope.from(), scope.to())) {
            Scope within = new Scope(scope.pathPrefix(), part[0], part[1], scope.cutoff(), scope.subtree());
            query(connection, "SELECT c.days_to_close, COUNT(*) FROM case_file c WHERE " + condition(Indicator.CLOSED)
                    + " AND c.days_to_close IS NOT NULL GROUP BY c.days_to_close", parameters(within,
                    within.pathPattern()), add);
        }
        BigDecimal[][] percentiles = new BigDecimal[rows][];
        for (int i = 0; i < rows; i++) {
            percentiles[i] = new BigDecimal[] {percentile(days, 0.5), percentile(days, 0.9)};
        }
        return percentiles;
    }

    /** PERCENTILE_CONT over values with their counts, in double precision as PostgreSQL computes it; null if none. */
    static BigDecimal percentile(java.util.NavigableMap<BigDecimal, Long> counted, double fraction) {
        long rows = counted.values().stream().mapToLong(Long::longValue).sum();
        if (rows == 0) {
            return null;
        }
        double position = fraction * (rows - 1);
        long first = (long) Math.floor(position);
        long second = (long) Math.ceil(position);
        double low = Double.NaN;
        double high = Double.NaN;
        long seen = 0;
        for (Map.Entry<BigDecimal, Long> value : counted.entrySet()) {
            long next = seen + value.getValue();
            if (Double.isNaN(low) && first < next) {
                low = value.getKey().doubleValue();
            }
            if (second < next) {
                high = value.getKey().doubleValue();
                break;
            }
            seen = next;
        }
        double result = first == second ? low : low + (high - low) * (position - first);
        return scaled(BigDecimal.valueOf(result));
    }

    // ---------------------------------------------------------------- the groups

    /** Accepted and closed cases by category, channel and month, from one grouped pass. */
    public Groups groups(Scope scope) {
        try (Connection connection = dataSource.getConnection()) {
            return groups(connection, scope, stations(connection).values(), useCounters && countersIn(connection));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The cases accepted, then those closed, in the period, grouped by category, channel and month (Beijing time)
     * of acceptance or closure. A case's month is found among the month boundaries, given as parameters, rather
     * than by converting every timestamp to a calendar date.
     */
    private static Groups groups(Connection connection, Scope scope, Collection<String> stationPaths, boolean counted)
            throws SQLException {
        boolean every = stationPaths.stream().allMatch(scope::covers);
        Map<String, long[]> byCategory = new TreeMap<>();
        Map<String, long[]> byChannel = new TreeMap<>();
        Map<String, long[]> byMonth = new LinkedHashMap<>();
        for (YearMonth month = YearMonth.from(scope.from().atZone(StationTime.ZONE)); start(month).isBefore(scope.to());
             month = month.plusMonths(1)) {
            byMonth.put(month.toString(), new long[3]);
        }
        if (!counted) {
            countGroups(connection, scope, every, new boolean[] {true, true, true}, byCategory, byChannel, byMonth);
        } else {
            groupsFromCounters(connection, scope, every, byCategory, byChannel, byMonth);
        }
        return new Groups(groups(byCategory), groups(byChannel), groups(byMonth));
    }

    /**
     * Adds the accepted, closed and received (as {@code measures} says) of the scope's period, by category, channel
     * and month, counted from the rows.
     */
    private static void countGroups(Connection connection, Scope scope, boolean every, boolean[] measured,
                                    Map<String, long[]> byCategory, Map<String, long[]> byChannel,
                                    Map<String, long[]> byMonth) throws SQLException {
        Map<String, Object> p = parameters(scope, scope.pathPattern());
        List<String> months = new ArrayList<>();
        YearMonth month = YearMonth.from(scope.from().atZone(StationTime.ZONE));
        for (int i = 0; start(month).isBefore(scope.to()); i++, month = month.plusMonths(1)) {
            months.add(month.toString());
            p.put("monthEnd" + i, Timestamp.from(start(month.plusMonths(1))));
        }
        Indicator[] measures = {Indicator.ACCEPTED, Indicator.CLOSED};
        String[] at = {"c.accepted_at", "c.closed_at"};
        for (int measure = 0; measure < 2; measure++) {
            if (!measured[measure]) {
                continue;
            }
            int column = measure;
            query(connection, "SELECT category, channel, in_month, COUNT(*) FROM (SELECT COALESCE(c.primary_category,"
                    + " 'OTHER') AS category, c.channel AS channel, " + monthIndex(at[measure], months.size())
                    + " AS in_month FROM case_file c WHERE "
                    + inScope("c.accepted_station_id", every) + condition(measures[measure]) + ") x"
                    + " GROUP BY category, channel, in_month", p, rs -> {
                        long n = rs.getLong(4);
                        byCategory.computeIfAbsent(rs.getString(1), x -> new long[3])[column] += n;
                        byChannel.computeIfAbsent(rs.getString(2), x -> new long[3])[column] += n;
                        byMonth.get(months.get(rs.getInt(3)))[column] += n;
                    });
        }
        if (!measured[2]) {
            return;
        }
        query(connection, "SELECT category, channel, in_month, COUNT(*) FROM (SELECT COALESCE(k.primary_category,"
                + " 'OTHER') AS category, k.channel AS channel, " + monthIndex("k.received_at", months.size())
                + " AS in_month FROM " + CONTACTS + " WHERE " + inScope("k.counted_station_id", every)
                + condition(ContactIndicator.RECEIVED) + ") x GROUP BY category, channel, in_month", p, rs -> {
                    long n = rs.getLong(4);
                    byCategory.computeIfAbsent(rs.getString(1), x -> new long[3])[2] += n;
                    byChannel.computeIfAbsent(rs.getString(2), x -> new long[3])[2] += n;
                    byMonth.get(months.get(rs.getInt(3)))[2] += n;
                });
    }

    /** Which of the period's months a timestamp of the period falls in: compared with :monthEnd0, :monthEnd1 ... */
    private static String monthIndex(String column, int months) {
        if (months == 1) {
            return "0";
        }
        StringBuilder sql = new StringBuilder("CASE");
        for (int i = 0; i < months - 1; i++) {
            sql.append(" WHEN ").append(column).append(" < :monthEnd").append(i).append(" THEN ").append(i);
        }
        return sql.append(" ELSE ").append(months - 1).append(" END").toString();
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(StationTime.ZONE).toInstant();
    }

    private static List<Group> groups(Map<String, long[]> counts) {
        List<Group> groups = new ArrayList<>();
        counts.forEach((key, n) -> groups.add(new Group(key, n[0], n[1], n[2])));
        return groups;
    }

    // ---------------------------------------------------------------- a whole report

    /**
     * Everything a station's report shows for a period: the station alone, each child with its subtree (in the
     * order given), the whole subtree, and its groups.
     */
    public ReportRows report(Scope subtree, List<String> childPaths) {
        List<Scope> scopes = new ArrayList<>();
        scopes.add(subtree.at(subtree.pathPrefix(), false));
        childPaths.forEach(path -> scopes.add(subtree.at(path, true)));
        scopes.add(subtree.at(subtree.pathPrefix(), true));
        try (Connection connection = dataSource.getConnection()) {
            List<Counts> counts = counts(connection, scopes);
            return new ReportRows(counts.get(0), List.copyOf(counts.subList(1, counts.size() - 1)),
                    counts.get(counts.size() - 1), groups(connection, subtree, stations(connection).values(),
                            useCounters && countersIn(connection)));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- the counters (PostgreSQL)

    /**
     * The sources whose every figure comes from the counters (where the database keeps them): with the contacts, a
     * report reads no case and no session of a whole month that has ended by its cut-off, and no visit settled
     * before the cut-off's month.
     */
    private static final java.util.Set<Source> COUNTED = java.util.EnumSet.of(Source.CASES, Source.MEDIATIONS,
            Source.CLOSURES, Source.FOLLOW_UPS);

    /** A case still open sits in the cohort counters under this month of closure. */
    private static final LocalDate STILL_OPEN = LocalDate.of(9999, 12, 1);

    /**
     * Whether the database keeps the counters: PostgreSQL, whose triggers keep them in the transaction that writes
     * a contact, case or session (migration V90). H2 keeps none, and every figure is computed from the rows there.
     */
    static boolean countersIn(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }

    /**
     * The whole Beijing months of a stretch of time, {@code first} up to {@code end} (exclusive): those the counters
     * answer for; the parts of a period outside them are counted from the rows.
     */
    record Months(LocalDate first, LocalDate end) {

        /** The months that begin at or after {@code from} and end by {@code until}. */
        static Months within(Instant from, Instant until) {
            LocalDate first = Days.dateOf(from).withDayOfMonth(1);
            if (Days.startOf(first).isBefore(from)) {
                first = first.plusMonths(1);
            }
            LocalDate end = until.isAfter(from) ? Days.dateOf(until).withDayOfMonth(1) : first;
            return new Months(first, end.isBefore(first) ? first : end);
        }

        boolean isEmpty() {
            return !first.isBefore(end);
        }

        /** The parts of [from, to) outside these months, each as [start, end). */
        List<Instant[]> outside(Instant from, Instant to) {
            List<Instant[]> rest = new ArrayList<>();
            if (isEmpty()) {
                if (from.isBefore(to)) {
                    rest.add(new Instant[] {from, to});
                }
                return rest;
            }
            if (from.isBefore(Days.startOf(first))) {
                rest.add(new Instant[] {from, Days.startOf(first)});
            }
            if (Days.startOf(end).isBefore(to)) {
                rest.add(new Instant[] {Days.startOf(end), to});
            }
            return rest;
        }
    }

    /** The figures of the counters that count whatever the cut-off (received, accepted) and those it stops. */
    private static final List<Integer> UNSTOPPED = List.of(slot(Extra.RECEIVED), slot(Indicator.ACCEPTED),
            slot(Indicator.COHORT), slot(Indicator.REPEAT_VISITS), slot(Indicator.COHORT_CLOSED));

    /**
     * The figures of the cases, the contacts, the mediations, the closures and the follow-up visits, per accepted
     * station, from the counters of the period's whole months and from the rows of the rest. Figures that count
     * whatever the cut-off (accepted, received) take every whole month of the period; those the cut-off stops
     * (closed, decided, concluded) only the months ended by it. What was open at the period's start and which of
     * its cases were closed by the cut-off come from the cohort counters (accepted month by closure month); overdue
     * cases are read from the cases open at the cut-off. Follow-up visits come by the month of the closure they
     * follow and the month they settle in (V96).
     */
    private static void fromCounters(Connection connection, Scope scope, String pattern, boolean every,
                                     Map<Long, Tally> perStation) throws SQLException {
        Instant stop = min(scope.to(), scope.cutoff());
        Months all = Months.within(scope.from(), scope.to());
        Months cut = Months.within(scope.from(), stop);
        Map<String, Object> p = parameters(scope, pattern);
        p.put("allFirst", all.first());
        p.put("allEnd", all.end());
        p.put("cutFirst", cut.first());
        p.put("cutEnd", cut.end());
        if (!all.isEmpty()) {
            List<Integer> slots = List.of(slot(Extra.RECEIVED), slot(Indicator.ACCEPTED), slot(Indicator.COHORT),
                    slot(Indicator.REPEAT_VISITS), slot(Extra.NOT_ACCEPTED), slot(Extra.TRANSFERRED),
                    slot(Extra.CONSULTATIONS), slot(Indicator.CLOSED), slot(Indicator.CLAIMS_CLOSED),
                    slot(Indicator.RESOLVED), slot(Indicator.ON_TIME), slot(Extra.DAYS_COUNTED),
                    slot(Indicator.MEDIATIONS_CONCLUDED), slot(Indicator.MEDIATIONS_AGREED),
                    slot(Indicator.CLOSURES_APPROVED));
            String allMonths = " FILTER (WHERE m.month >= :allFirst AND m.month < :allEnd)";
            String cutMonths = " FILTER (WHERE m.month >= :cutFirst AND m.month < :cutEnd)";
            StringBuilder sql = new StringBuilder("SELECT m.station_id");
            for (String column : List.of("received", "accepted", "cohort", "repeat_visits")) {
                sql.append(", SUM(m.").append(column).append(')').append(allMonths);
            }
            for (String column : List.of("not_accepted", "transferred", "consultations", "closed", "claims_closed",
                    "resolved", "on_time", "days_counted", "mediations_concluded", "mediations_agreed",
                    "closures_approved", "days_sum")) {
                sql.append(", SUM(m.").append(column).append(')').append(cutMonths);
            }
            sql.append(" FROM indicator_month m WHERE ").append(inScope("m.station_id", every))
                    .append("m.month >= :allFirst AND m.month < :allEnd GROUP BY m.station_id");
            query(connection, sql.toString(), p, rs -> {
                Tally t = tally(perStation, rs, slots);
                BigDecimal days = rs.getBigDecimal(slots.size() + 2);
                t.days = days == null ? t.days : t.days.add(days);
            });
        }

        // the cohort: closed by the cut-off's month from the counters, in its month up to it from the rows; what was
        // open at the start from the counters when the period starts with a month, else from the rows
        LocalDate cutoffMonth = Days.dateOf(scope.cutoff()).withDayOfMonth(1);
        LocalDate fromDay = Days.dateOf(scope.from());
        boolean startsAMonth = fromDay.getDayOfMonth() == 1 && Days.startOf(fromDay).equals(scope.from());
        p.put("cutoffMonth", cutoffMonth);
        p.put("cutoffMonthStart", Timestamp.from(Days.startOf(cutoffMonth)));
        p.put("fromMonth", fromDay.withDayOfMonth(1));
        p.put("allStart", Timestamp.from(Days.startOf(all.first())));
        p.put("allStop", Timestamp.from(Days.startOf(all.end())));
        p.put("stillOpen", STILL_OPEN);
        query(connection, "SELECT k.station_id, SUM(k.cohort) FILTER (WHERE k.accepted_month >= :allFirst"
                + " AND k.accepted_month < :allEnd AND k.closed_month < :cutoffMonth), SUM(k.cases) FILTER (WHERE "
                + (startsAMonth ? "k.accepted_month < :fromMonth AND k.closed_month >= :fromMonth" : "FALSE")
                + ") FROM indicator_cohort k WHERE " + inScope("k.station_id", every)
                + "((k.accepted_month >= :allFirst AND k.accepted_month < :allEnd)"
                + (startsAMonth ? " OR k.accepted_month < :fromMonth" : "") + ") GROUP BY k.station_id", p,
                rs -> tally(perStation, rs, List.of(slot(Indicator.COHORT_CLOSED), slot(Indicator.OPEN_AT_START))));
        if (!all.isEmpty()) {
            tally(connection, "SELECT c.accepted_station_id, COUNT(*) FROM case_file c WHERE "
                    + inScope("c.accepted_station_id", every) + "c.closed_at >= :cutoffMonthStart"
                    + " AND c.closed_at <= :cutoff AND c.accepted_at >= :allStart AND c.accepted_at < :allStop"
                    + " AND c.station_id = c.accepted_station_id GROUP BY c.accepted_station_id", p, perStation,
                    List.of(slot(Indicator.COHORT_CLOSED)));
        }
        if (!startsAMonth) {
            tally(connection, "SELECT c.accepted_station_id, COUNT(*) FROM case_file c WHERE "
                    + inScope("c.accepted_station_id", every) + condition(Indicator.OPEN_AT_START)
                    + " GROUP BY c.accepted_station_id", p, perStation, List.of(slot(Indicator.OPEN_AT_START)));
        }

        // overdue: the cases open at the cut-off past their deadline. Of those open now, the ones whose deadline
        // passed in a month before the month of the band "over 30 days" begins come from the counters (all of them
        // over 30 days: a deadline follows its acceptance, so they were accepted before the cut-off too); the rest
        // from the rows, with those closed after the cut-off
        LocalDate openFrom = Days.dateOf(((Timestamp) p.get("overdue30")).toInstant()).withDayOfMonth(1);
        p.put("openFromMonth", openFrom);
        p.put("openFrom", Timestamp.from(Days.startOf(openFrom)));
        tally(connection, "SELECT o.station_id, SUM(o.cases), SUM(o.cases) FROM indicator_open o WHERE "
                + inScope("o.station_id", every) + "o.due_month < :openFromMonth GROUP BY o.station_id", p, perStation,
                List.of(slot(Indicator.OVERDUE), slot(Extra.OVERDUE_OVER_30)));
        String overdue = "c.accepted_at <= :cutoff AND " + DUE + " < :cutoff";
        tally(connection, "SELECT o.station, COUNT(*), COUNT(*) FILTER (WHERE o.due >= :overdue15), COUNT(*) FILTER"
                + " (WHERE o.due < :overdue30) FROM (SELECT c.accepted_station_id AS station, " + DUE + " AS due"
                + " FROM case_file c WHERE " + inScope("c.accepted_station_id", every) + "c.closed_at IS NULL AND "
                + DUE + " >= :openFrom AND " + overdue + " UNION ALL SELECT c.accepted_station_id, " + DUE
                + " FROM case_file c WHERE " + inScope("c.accepted_station_id", every) + "c.closed_at > :cutoff AND "
                + overdue + ") o GROUP BY o.station", p, perStation, List.of(slot(Indicator.OVERDUE),
                slot(Extra.OVERDUE_1_TO_15), slot(Extra.OVERDUE_OVER_30)));

        // closures: the counters count every approval; a case counts once, by its first approval in the period. A case
        // approved twice in the period was reopened in between: the reopenings (few) find them, and each such case's
        // approvals in the period, read once with its reopenings at hand (an array, not looked up again per approval),
        // say how many to take off (all but its first) and whether its first was reopened within 90 days (an approval
        // of the period followed by one of its reopenings within 90 Beijing dates: REOPENED_CASES, which the rows use)
        query(connection, "SELECT a.station, SUM(a.approvals - a.firsts), SUM(a.firsts) FILTER (WHERE a.in_time)"
                + " FROM (SELECT h.case_id, ARRAY_AGG(h.started_at) AS starts FROM handling_round h"
                + " WHERE h.start_reason IN (:reopening) AND h.started_at > :from AND h.started_at <= :reopenedUntil"
                + " GROUP BY h.case_id) r CROSS JOIN LATERAL (SELECT MIN(e.accepted_station_id) AS station,"
                + " COUNT(*) AS approvals, COUNT(*) FILTER (WHERE e.first) AS firsts, BOOL_OR(e.in_time) AS in_time"
                + " FROM (SELECT e.accepted_station_id, e.decided_at = MIN(e.decided_at) OVER () AS first, EXISTS"
                + " (SELECT 1 FROM UNNEST(r.starts) s (started_at) WHERE e.decided_at < s.started_at AND "
                + beijingDay("s.started_at") + " - " + beijingDay("e.decided_at") + " <= " + REOPENED_WITHIN_DAYS
                + ") AS in_time FROM closure_request e WHERE e.case_id = r.case_id AND e.decision IN (:approving)"
                + " AND e.decided_at >= :from AND e.decided_at < :to AND e.decided_at <= :cutoff) e) a WHERE "
                + inScope("a.station", every) + "a.approvals > 0 GROUP BY a.station", p, rs -> {
                    Tally t = perStation.computeIfAbsent(rs.getLong(1), x -> new Tally());
                    t.counts[slot(Indicator.CLOSURES_APPROVED)] -= rs.getLong(2);
                    t.counts[slot(Indicator.CLOSURES_REOPENED)] += rs.getLong(3);
                });

        // follow-up visits (V96): of the closures of the whole months, those settled before the cut-off's month from
        // the counters, those settling in it or later from the rows; those of the period's odd days from the rows
        List<Integer> visits = COLUMNS.get(Source.FOLLOW_UPS).stream().map(Column::slot).toList();
        if (!all.isEmpty()) {
            tally(connection, "SELECT u.station_id, SUM(u.due), SUM(u.done), SUM(u.answered), SUM(u.satisfied),"
                    + " SUM(u.unreachable) FROM indicator_follow_up u WHERE " + inScope("u.station_id", every)
                    + "u.closed_month >= :allFirst AND u.closed_month < :allEnd AND u.settles_month <= :cutoffMonth"
                    + " GROUP BY u.station_id", p, perStation, List.of(slot(Indicator.FOLLOW_UPS_DUE),
                    slot(Indicator.FOLLOW_UPS_DONE), slot(Indicator.FOLLOW_UPS_ANSWERED),
                    slot(Indicator.FOLLOW_UPS_SATISFIED), slot(Indicator.FOLLOW_UPS_UNREACHABLE)));
            Map<String, Object> q = parameters(new Scope(scope.pathPrefix(), Days.startOf(all.first()),
                    Days.startOf(all.end()), scope.cutoff(), scope.subtree()), pattern);
            // the rows chosen with literal dates, not parameters: a generic plan, made after a few runs of the
            // statement, would guess that few visits follow closures of those months and read all of them through
            // their closure dates (70 ms instead of 1 at 1 M cases)
            query(connection, pass(Source.FOLLOW_UPS, every, "f.closed_on >= DATE '" + all.first() + "' AND f.closed_on"
                    + " < DATE '" + all.end() + "' AND indicator_visit_settles(f.due_on, f.visited_at, f.cancelled_at)"
                    + " > DATE '" + cutoffMonth + "'"), q, rs -> tally(perStation, rs, visits));
        }
        for (Instant[] part : all.outside(scope.from(), scope.to())) {
            query(connection, pass(Source.FOLLOW_UPS, every), parameters(new Scope(scope.pathPrefix(), part[0], part[1],
                    scope.cutoff(), scope.subtree()), pattern), rs -> tally(perStation, rs, visits));
        }

        // the parts of the period outside the counters' months, from the rows
        Map<List<Instant>, boolean[]> rest = new LinkedHashMap<>();
        for (Instant[] part : all.outside(scope.from(), scope.to())) {
            rest.computeIfAbsent(List.of(part), x -> new boolean[2])[0] = true;
        }
        for (Instant[] part : cut.outside(scope.from(), scope.to())) {
            rest.computeIfAbsent(List.of(part), x -> new boolean[2])[1] = true;
        }
        for (Map.Entry<List<Instant>, boolean[]> part : rest.entrySet()) {
            Scope within = new Scope(scope.pathPrefix(), part.getKey().get(0), part.getKey().get(1), scope.cutoff(),
                    scope.subtree());
            Map<String, Object> q = parameters(within, pattern);
            boolean unstopped = part.getValue()[0];
            boolean stopped = part.getValue()[1];
            Map<Long, Tally> found = new HashMap<>();
            tally(connection, received(every), q, found, List.of(slot(Extra.RECEIVED), slot(Extra.NOT_ACCEPTED),
                    slot(Extra.TRANSFERRED), slot(Extra.CONSULTATIONS)));
            List<Integer> sessions = COLUMNS.get(Source.MEDIATIONS).stream().map(Column::slot).toList();
            query(connection, pass(Source.MEDIATIONS, every), q, rs -> tally(found, rs, sessions));
            tally(connection, "SELECT q.accepted_station_id, COUNT(*) FROM closure_request q WHERE "
                    + inScope("q.accepted_station_id", every) + APPROVED_IN_PERIOD + " GROUP BY q.accepted_station_id", q,
                    found, List.of(slot(Indicator.CLOSURES_APPROVED)));
            List<Integer> cases = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT c.accepted_station_id");
            for (Indicator i : List.of(Indicator.ACCEPTED, Indicator.COHORT, Indicator.REPEAT_VISITS,
                    Indicator.COHORT_CLOSED, Indicator.CLOSED, Indicator.CLAIMS_CLOSED, Indicator.RESOLVED,
                    Indicator.ON_TIME)) {
                sql.append(", COUNT(*) FILTER (WHERE ").append(condition(i)).append(')');
                cases.add(slot(i));
            }
            sql.append(", COUNT(*) FILTER (WHERE ").append(condition(Indicator.CLOSED))
                    .append(" AND c.days_to_close IS NOT NULL)");
            cases.add(slot(Extra.DAYS_COUNTED));
            sql.append(", SUM(c.days_to_close) FILTER (WHERE ").append(condition(Indicator.CLOSED)).append(')')
                    .append(" FROM case_file c WHERE ").append(inScope("c.accepted_station_id", every))
                    .append("(").append(ACCEPTED_IN_PERIOD).append(" OR (c.closed_at >= :from AND c.closed_at < :to))")
                    .append(" GROUP BY c.accepted_station_id");
            query(connection, sql.toString(), q, rs -> {
                Tally t = tally(found, rs, cases);
                BigDecimal days = rs.getBigDecimal(cases.size() + 2);
                t.days = days == null ? t.days : t.days.add(days);
            });
            for (Map.Entry<Long, Tally> station : found.entrySet()) {
                Tally into = perStation.computeIfAbsent(station.getKey(), x -> new Tally());
                for (int i = 0; i < into.counts.length; i++) {
                    if (UNSTOPPED.contains(i) ? unstopped : stopped) {
                        into.counts[i] += station.getValue().counts[i];
                    }
                }
                if (stopped) {
                    into.days = into.days.add(station.getValue().days);
                }
            }
        }
    }

    /** The groups from the counters of the period's whole months (as {@link #fromCounters}), the rest from the rows. */
    private static void groupsFromCounters(Connection connection, Scope scope, boolean every,
                                           Map<String, long[]> byCategory, Map<String, long[]> byChannel,
                                           Map<String, long[]> byMonth) throws SQLException {
        Months all = Months.within(scope.from(), scope.to());
        Months cut = Months.within(scope.from(), min(scope.to(), scope.cutoff()));
        if (!all.isEmpty()) {
            Map<String, Object> p = parameters(scope, scope.pathPattern());
            p.put("allFirst", all.first());
            p.put("allEnd", all.end());
            p.put("cutFirst", cut.first());
            p.put("cutEnd", cut.end());
            // a scope of every station reads the tree's counters (V95), a few hundred rows a year, not the stations'
            query(connection, "SELECT g.dimension, g.name, SUM(g.accepted), SUM(g.closed) FILTER (WHERE"
                    + " g.month >= :cutFirst AND g.month < :cutEnd), SUM(g.received) FROM "
                    + (every ? "indicator_tree_group_month" : "indicator_group_month") + " g"
                    + " WHERE g.month >= :allFirst AND g.month < :allEnd AND " + inScope("g.station_id", every)
                    + "g.dimension IN ('category', 'channel') GROUP BY g.dimension, g.name", p, rs -> {
                        long[] n = {rs.getLong(3), rs.getLong(4), rs.getLong(5)};
                        if (n[0] != 0 || n[1] != 0 || n[2] != 0) {
                            long[] into = ("category".equals(rs.getString(1)) ? byCategory : byChannel)
                                    .computeIfAbsent(rs.getString(2), x -> new long[3]);
                            for (int i = 0; i < 3; i++) {
                                into[i] += n[i];
                            }
                        }
                    });
            // the months from the stations' counters, which count the same contacts and cases
            query(connection, "SELECT m.month, SUM(m.accepted), SUM(m.closed) FILTER (WHERE m.month >= :cutFirst"
                    + " AND m.month < :cutEnd), SUM(m.received) FROM indicator_month m WHERE "
                    + inScope("m.station_id", every) + "m.month >= :allFirst AND m.month < :allEnd GROUP BY m.month",
                    p, rs -> {
                        long[] month = byMonth.get(YearMonth.from(rs.getObject(1, LocalDate.class)).toString());
                        month[0] += rs.getLong(2);
                        month[1] += rs.getLong(3);
                        month[2] += rs.getLong(4);
                    });
        }
        Map<List<Instant>, boolean[]> rest = new LinkedHashMap<>();
        for (Instant[] part : all.outside(scope.from(), scope.to())) {
            rest.computeIfAbsent(List.of(part), x -> new boolean[2])[0] = true;
        }
        for (Instant[] part : cut.outside(scope.from(), scope.to())) {
            rest.computeIfAbsent(List.of(part), x -> new boolean[2])[1] = true;
        }
        for (Map.Entry<List<Instant>, boolean[]> part : rest.entrySet()) {
            boolean unstopped = part.getValue()[0];
            boolean stopped = part.getValue()[1];
            countGroups(connection, new Scope(scope.pathPrefix(), part.getKey().get(0), part.getKey().get(1),
                    scope.cutoff(), scope.subtree()), every, new boolean[] {unstopped, stopped, unstopped}, byCategory,
                    byChannel, byMonth);
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** The values the conditions compare with that do not depend on the scope: the enums' constants. */
    private static final Map<String, Object> VOCABULARY = vocabulary();

    private static Map<String, Object> vocabulary() {
        Map<String, Object> v = new HashMap<>();
        v.put("claim", IndicatorVocabulary.CLAIM.takenNames());
        v.put("dispute", IndicatorVocabulary.DISPUTE.takenNames());
        v.put("resolving", IndicatorVocabulary.RESOLVING.takenNames());
        v.put("concluding", IndicatorVocabulary.names(IndicatorVocabulary.CONCLUDING));
        v.put("agreement", IndicatorVocabulary.names(IndicatorVocabulary.AGREEMENTS));
        v.put("answered", IndicatorVocabulary.ANSWERED.takenNames());
        v.put("unanswered", IndicatorVocabulary.ANSWERED.leftOutNames());
        v.put("satisfied", IndicatorVocabulary.SATISFIED.takenNames());
        v.put("approving", IndicatorVocabulary.APPROVING.takenNames());
        v.put("reopening", IndicatorVocabulary.REOPENING.takenNames());
        v.put("highRisk", IndicatorVocabulary.HIGH_RISK.takenNames());
        v.put("policeOrCourt", IndicatorVocabulary.POLICE_OR_COURT.takenNames());
        v.put("review", List.of(org.weiquan.casefile.ReviewKind.REVIEW.name()));
        v.put("reReview", List.of(org.weiquan.casefile.ReviewKind.RE_REVIEW.name()));
        v.put("notAccepting", List.of(org.weiquan.intake.ReviewDecision.NOT_ACCEPTED.name()));
        v.put("transferring", List.of(org.weiquan.intake.ReviewDecision.TRANSFERRED.name()));
        v.put("consulting", List.of(org.weiquan.intake.ReviewDecision.CONSULTATION_ANSWERED.name()));
        return Map.copyOf(v);
    }

    /**
     * The scope's values. Dates and days follow DESIGN §3: the cut-off's day is the last day the report sees, a
     * deadline passes at 24:00 of its last day, and a case is overdue by the whole days since.
     */
    private static Map<String, Object> parameters(Scope scope, String stations) {
        Map<String, Object> p = new HashMap<>(VOCABULARY);
        LocalDate lastDay = Days.lastDay(scope.cutoff());
        p.put("stations", stations);
        p.put("from", Timestamp.from(scope.from()));
        p.put("to", Timestamp.from(scope.to()));
        p.put("cutoff", Timestamp.from(scope.cutoff()));
        // overdue by at most 15 days: the deadline passed at the end of one of the last 15 days up to the cut-off's
        p.put("overdue15", Timestamp.from(Days.endOf(lastDay.minusDays(15))));
        // overdue by more than 30 days
        p.put("overdue30", Timestamp.from(Days.endOf(lastDay.minusDays(30))));
        p.put("closedFrom", Days.dateOf(scope.from()));
        p.put("closedUntil", Days.lastDay(scope.to()));
        p.put("dueBefore", Days.dateOf(scope.cutoff()));
        p.put("cutoffDay", lastDay);
        p.put("reopenedUntil", Timestamp.from(min(scope.cutoff(),
                Days.endOf(Days.lastDay(scope.to()).plusDays(REOPENED_WITHIN_DAYS)))));
        p.put("beijingOffset", StationTime.ZONE.getRules().getOffset(scope.from()).getTotalSeconds());
        // the earliest closure any count of cases looks at: the period's start, or the cut-off (overdue)
        p.put("closedSince", Timestamp.from(min(scope.from(), scope.cutoff())));
        return p;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }

    private static final Pattern NAMED = Pattern.compile(":([a-zA-Z][a-zA-Z0-9]*)");

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a statement whose named parameters (:from) are bound, in order, from the map; a list (:resolving)
     * stands for as many parameters as it has values (an empty list for a NULL, which matches nothing).
     */
    private static void query(Connection connection, String sql, Map<String, Object> values, Row row)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new IllegalArgumentException("no value for :" + m.group(1));
            }
            Object value = values.get(m.group(1));
            if (value instanceof Collection<?> list) {
                params.addAll(list);
                m.appendReplacement(positional,
                        list.isEmpty() ? "NULL" : String.join(", ", Collections.nCopies(list.size(), "?")));
            } else {
                params.add(value);
                m.appendReplacement(positional, "?");
            }
        }
        m.appendTail(positional);
        try (PreparedStatement s = connection.prepareStatement(positional.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("indicator query failed [SQLState " + e.getSQLState() + "]", e);
    }
}
