package org.weiquan.reporting;

import org.weiquan.shared.StationTime;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
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
 * <p>However many rows a report has (the station alone, each child station with its subtree, the total),
 * each source is read once: the counts come back per accepted station and are added up here by station
 * path. Only the median and P90 of the days to close are computed per row by the database, over that
 * row's cases, since they do not add up. The drill-down lists the cases behind a count with the very
 * condition that counted them. Cases, task records and contacts are read without joins: a case keeps
 * its contact's category, channel, petition type and repeat link, a task record its case's accepted
 * station (V10).
 */
public class IndicatorQueries {

    /** Claim/dispute cases for the resolution rate: petition type CLAIM or one of these categories. */
    static final String DISPUTES = "'MARRIAGE_DISPUTE','DIVORCE_PROPERTY','CHILD_CUSTODY_SUPPORT','ELDER_SUPPORT',"
            + "'RURAL_LAND_RIGHTS','INHERITANCE','EMPLOYMENT_DISCRIMINATION'";
    static final String RESOLVING = "'MEDIATED_WRITTEN','MEDIATED_ORAL','CLAIM_SUPPORTED'";
    /** Categories with a follow-up visit after closure, and when it falls due (DESIGN §3). */
    static final String FOLLOWED_UP = "'DOMESTIC_VIOLENCE','MARRIAGE_DISPUTE','DIVORCE_PROPERTY','CHILD_CUSTODY_SUPPORT',"
            + "'ELDER_SUPPORT','INHERITANCE'";
    static final Duration FOLLOW_UP = Duration.ofDays(30);
    static final Duration REOPENED_WITHIN = Duration.ofDays(90);

    private final DataSource dataSource;

    public IndicatorQueries(DataSource dataSource) {
        this.dataSource = dataSource;
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
                         Rate closureQuality) {
    }

    /** Accepted and closed counts of one group (a category, a channel, a month). */
    public record Group(String key, long accepted, long closed) {
    }

    /** Accepted and closed cases by primary category, by channel and by month (Beijing time) of acceptance/closure. */
    public record Groups(List<Group> byCategory, List<Group> byChannel, List<Group> byMonth) {
    }

    /** The rows of a station's report: the station alone, each given child with its subtree, the whole subtree. */
    public record ReportRows(Counts station, List<Counts> children, Counts total, Groups groups) {
    }

    // ---------------------------------------------------------------- the conditions

    private static final String DUE = "COALESCE(c.extended_due, c.handling_due)";
    private static final String ACCEPTED_IN_PERIOD = "c.accepted_at >= :from AND c.accepted_at < :to";
    private static final String CLOSED_IN_PERIOD = "c.closed_at >= :from AND c.closed_at < :to AND c.closed_at <= :cutoff";
    private static final String CLAIM = "(c.petition_type = 'CLAIM' OR c.primary_category IN (" + DISPUTES + "))";

    /**
     * The condition on a case {@code c} of each indicator, with named parameters (:from, :to, :cutoff): the
     * drill-down lists the cases that satisfy it, and the report counts them with the same text.
     */
    static String condition(Indicator indicator) {
        return switch (indicator) {
            case ACCEPTED -> ACCEPTED_IN_PERIOD;
            case CLOSED -> CLOSED_IN_PERIOD;
            case COHORT -> ACCEPTED_IN_PERIOD + " AND c.station_id = c.accepted_station_id";
            case COHORT_CLOSED -> condition(Indicator.COHORT) + " AND c.closed_at IS NOT NULL AND c.closed_at <= :cutoff";
            case OPEN_AT_START -> "c.accepted_at < :from AND (c.closed_at IS NULL OR c.closed_at >= :from)";
            case CLAIMS_CLOSED -> CLOSED_IN_PERIOD + " AND " + CLAIM;
            case RESOLVED -> condition(Indicator.CLAIMS_CLOSED) + " AND c.closure_reason IN (" + RESOLVING + ")";
            case ON_TIME -> CLOSED_IN_PERIOD + " AND c.closed_at <= " + DUE;
            case OVERDUE -> "(c.closed_at IS NULL OR c.closed_at > :cutoff) AND c.accepted_at <= :cutoff AND "
                    + DUE + " < :cutoff";
        };
    }

    public long count(Indicator indicator, Scope scope) {
        long[] count = new long[1];
        try (Connection connection = dataSource.getConnection()) {
            query(connection, "SELECT COUNT(*) FROM case_file c WHERE " + inScope("c.accepted_station_id", false)
                    + condition(indicator), parameters(scope, scope.pathPattern()), rs -> count[0] = rs.getLong(1));
        } catch (SQLException e) {
            throw failed(e);
        }
        return count[0];
    }

    /** The case numbers behind a count, in number order; paged. */
    public List<String> cases(Indicator indicator, Scope scope, int offset, int limit) {
        List<String> numbers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            query(connection, "SELECT c.number FROM case_file c WHERE "
                            + inScope("c.accepted_station_id", false) + condition(indicator) + " ORDER BY c.number OFFSET " + Math.max(0, offset)
                            + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY",
                    parameters(scope, scope.pathPattern()), rs -> numbers.add(rs.getString(1)));
        } catch (SQLException e) {
            throw failed(e);
        }
        return numbers;
    }

    // ---------------------------------------------------------------- the counts, per accepted station

    /** What is counted per station and added up over a row's stations. */
    private enum Sum {
        RECEIVED, ACCEPTED, CLOSED, COHORT, COHORT_CLOSED, OPEN_AT_START, CLAIMS_CLOSED, RESOLVED, ON_TIME, OVERDUE,
        OVERDUE_1_TO_15, OVERDUE_OVER_30, FOLLOW_UPS_DUE, DAYS_COUNTED, REPEAT_VISITS, MEDIATIONS_AGREED,
        MEDIATIONS_CONCLUDED, FOLLOW_UPS_DONE, SATISFIED, ANSWERED, UNREACHABLE, CLOSURES_APPROVED, CLOSURES_REOPENED,
        HIGH_RISK, HIGH_RISK_IN_TIME, AUDITED, AUDIT_PASSED
    }

    /** A station's sums, and the total of its days to close (for the mean, which does add up). */
    private static final class Tally {
        final long[] counts = new long[Sum.values().length];
        BigDecimal days = BigDecimal.ZERO;

        long get(Sum sum) {
            return counts[sum.ordinal()];
        }

        void add(Tally other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            days = days.add(other.days);
        }
    }

    /** The case-based counts, each with its indicator's condition. */
    private static final Map<Sum, String> CASE_COUNTS = caseCounts();

    private static Map<Sum, String> caseCounts() {
        Map<Sum, String> counts = new EnumMap<>(Sum.class);
        counts.put(Sum.ACCEPTED, condition(Indicator.ACCEPTED));
        counts.put(Sum.CLOSED, condition(Indicator.CLOSED));
        counts.put(Sum.COHORT, condition(Indicator.COHORT));
        counts.put(Sum.COHORT_CLOSED, condition(Indicator.COHORT_CLOSED));
        counts.put(Sum.OPEN_AT_START, condition(Indicator.OPEN_AT_START));
        counts.put(Sum.CLAIMS_CLOSED, condition(Indicator.CLAIMS_CLOSED));
        counts.put(Sum.RESOLVED, condition(Indicator.RESOLVED));
        counts.put(Sum.ON_TIME, condition(Indicator.ON_TIME));
        counts.put(Sum.OVERDUE, condition(Indicator.OVERDUE));
        counts.put(Sum.OVERDUE_1_TO_15, condition(Indicator.OVERDUE) + " AND " + DUE + " >= :overdue15");
        counts.put(Sum.OVERDUE_OVER_30, condition(Indicator.OVERDUE) + " AND " + DUE + " < :overdue30");
        // the follow-up visits that fell due in the period: closures of follow-up categories a month before
        counts.put(Sum.FOLLOW_UPS_DUE, "c.closed_at >= :followUpFrom AND c.closed_at < :followUpTo"
                + " AND c.primary_category IN (" + FOLLOWED_UP + ") AND c.closure_reason <> 'WITHDRAWN'");
        counts.put(Sum.DAYS_COUNTED, condition(Indicator.CLOSED) + " AND c.days_to_close IS NOT NULL");
        return counts;
    }

    /** The counts of task records completed in the period. */
    private static final Map<Sum, String> RECORD_COUNTS = recordCounts();

    private static Map<Sum, String> recordCounts() {
        Map<Sum, String> counts = new EnumMap<>(Sum.class);
        // a mediation is concluded by its last session's outcome: an agreement, or a refusal or termination
        counts.put(Sum.MEDIATIONS_AGREED, "r.task_key = 'Task_HoldMediationSession'"
                + " AND r.outcome IN ('WRITTEN_AGREEMENT', 'ORAL_AGREEMENT')");
        counts.put(Sum.MEDIATIONS_CONCLUDED, "r.task_key = 'Task_HoldMediationSession' AND r.outcome <> 'CONTINUE'");
        counts.put(Sum.FOLLOW_UPS_DONE, "r.task_key = 'Task_FollowUpVisit'");
        counts.put(Sum.SATISFIED, "r.task_key = 'Task_FollowUpVisit' AND r.outcome = 'SATISFIED'");
        counts.put(Sum.ANSWERED, "r.task_key = 'Task_FollowUpVisit' AND r.outcome IN ('SATISFIED', 'NOT_SATISFIED')");
        counts.put(Sum.UNREACHABLE, "r.task_key = 'Task_FollowUpVisit' AND r.outcome = 'UNREACHABLE'");
        counts.put(Sum.CLOSURES_APPROVED, "r.task_key = 'Task_ApproveClosure' AND r.outcome = 'APPROVED'");
        counts.put(Sum.HIGH_RISK, "r.task_key = 'Task_AssessRisk' AND r.outcome = 'HIGH'");
        return counts;
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

    private static String filtered(String station, Map<Sum, String> counts) {
        StringBuilder sql = new StringBuilder("SELECT ").append(station);
        counts.values().forEach(condition -> sql.append(", COUNT(*) FILTER (WHERE ").append(condition).append(')'));
        return sql.toString();
    }

    /**
     * One pass over the cases for all the case-based counts. The WHERE clause only leaves out cases that no count
     * can take (accepted outside the period, and closed before the follow-up window and the cut-off), so that the
     * database can skip the other years by index once there are many.
     */
    private static String casesPass(boolean everyStation) {
        return filtered("c.accepted_station_id", CASE_COUNTS) + ", SUM(c.days_to_close) FILTER (WHERE "
                + condition(Indicator.CLOSED) + ") FROM case_file c WHERE " + inScope("c.accepted_station_id", everyStation)
                + "(" + ACCEPTED_IN_PERIOD + " OR c.closed_at IS NULL OR c.closed_at >= :closedSince)"
                + " GROUP BY c.accepted_station_id";
    }

    /** Accepted cases that repeat a case on the same matter from the 12 months before. */
    private static String repeatVisits(boolean everyStation) {
        return "SELECT c.accepted_station_id, COUNT(*) FROM case_file c WHERE "
                + inScope("c.accepted_station_id", everyStation) + ACCEPTED_IN_PERIOD
                + " AND c.repeat_of_contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM contact e JOIN case_file ec"
                + " ON ec.contact_id = e.id WHERE e.id = c.repeat_of_contact_id"
                + " AND e.received_at >= c.accepted_at - INTERVAL '365' DAY) GROUP BY c.accepted_station_id";
    }

    /** Contacts registered in the period, any channel, at the station that has them. */
    private static String received(boolean everyStation) {
        return "SELECT k.station_id, COUNT(*) FROM contact k WHERE " + inScope("k.station_id", everyStation)
                + "k.received_at >= :from AND k.received_at < :to GROUP BY k.station_id";
    }

    /** Task records completed in the period; a record counts to the station that accepted its case. */
    private static String recordsInPeriod(boolean everyStation) {
        return " FROM task_record r WHERE " + inScope("r.accepted_station_id", everyStation)
                + "r.completed_at >= :from AND r.completed_at < :to AND r.completed_at <= :cutoff";
    }

    private static String recordsPass(boolean everyStation) {
        return filtered("r.accepted_station_id", RECORD_COUNTS) + recordsInPeriod(everyStation)
                + " AND r.task_key IN ('Task_HoldMediationSession', 'Task_FollowUpVisit', 'Task_ApproveClosure',"
                + " 'Task_AssessRisk') GROUP BY r.accepted_station_id";
    }

    /**
     * Closures approved in the period after which the case was reopened within 90 days. Reopenings are few: the
     * IN clause (implied by the EXISTS) lets the database look for one only after the approvals of the cases
     * reopened near the period, rather than after every approval.
     */
    private static String closuresReopened(boolean everyStation) {
        return "SELECT r.accepted_station_id, COUNT(*)" + recordsInPeriod(everyStation)
                + " AND r.task_key = 'Task_ApproveClosure' AND r.outcome = 'APPROVED'"
                + " AND r.case_id IN (SELECT e.case_id FROM case_event e WHERE e.type = 'REOPENED'"
                + " AND e.occurred_at > :from AND e.occurred_at <= :reopenedUntil)"
                + " AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = r.case_id AND e.type = 'REOPENED'"
                + " AND e.occurred_at > r.completed_at AND e.occurred_at <= r.completed_at + INTERVAL '90' DAY)"
                + " GROUP BY r.accepted_station_id";
    }

    /** HIGH-risk assessments of the period followed within 24 h by a safety plan or a police/shelter referral. */
    private static String highRiskInTime(boolean everyStation) {
        return "SELECT r.accepted_station_id, COUNT(*)" + recordsInPeriod(everyStation)
                + " AND r.task_key = 'Task_AssessRisk' AND r.outcome = 'HIGH' AND EXISTS (SELECT 1 FROM task_record a"
                + " WHERE a.case_id = r.case_id AND a.task_key IN ('Task_MakeSafetyPlan', 'Task_ReferToPoliceOrShelter')"
                + " AND a.completed_at >= r.completed_at AND a.completed_at <= r.completed_at + INTERVAL '24' HOUR)"
                + " GROUP BY r.accepted_station_id";
    }

    /** Audited closed cases (reviewed in the period), and those that pass the checklist. */
    private static String audits(boolean everyStation) {
        return "SELECT c.accepted_station_id, COUNT(*), COUNT(*) FILTER (WHERE i.passed = TRUE)"
                + " FROM closure_audit_item i JOIN case_file c ON c.id = i.case_id WHERE "
                + inScope("c.accepted_station_id", everyStation) + "i.reviewed_at >= :from AND i.reviewed_at < :to"
                + " AND i.reviewed_at <= :cutoff GROUP BY c.accepted_station_id";
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
        tally(connection, received(every), p, perStation, List.of(Sum.RECEIVED));
        List<Sum> caseCounts = List.copyOf(CASE_COUNTS.keySet());
        query(connection, casesPass(every), p, rs -> {
            Tally t = tally(perStation, rs, caseCounts);
            BigDecimal days = rs.getBigDecimal(caseCounts.size() + 2);
            t.days = days == null ? t.days : t.days.add(days);
        });
        tally(connection, repeatVisits(every), p, perStation, List.of(Sum.REPEAT_VISITS));
        tally(connection, recordsPass(every), p, perStation, List.copyOf(RECORD_COUNTS.keySet()));
        tally(connection, closuresReopened(every), p, perStation, List.of(Sum.CLOSURES_REOPENED));
        tally(connection, highRiskInTime(every), p, perStation, List.of(Sum.HIGH_RISK_IN_TIME));
        tally(connection, audits(every), p, perStation, List.of(Sum.AUDITED, Sum.AUDIT_PASSED));
        BigDecimal[][] percentiles = daysToClosePercentiles(connection, scopes, paths.values(), p);

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
        long accepted = s.get(Sum.ACCEPTED);
        long closed = s.get(Sum.CLOSED);
        long overdue = s.get(Sum.OVERDUE);
        long recent = s.get(Sum.OVERDUE_1_TO_15);
        long old = s.get(Sum.OVERDUE_OVER_30);
        long done = s.get(Sum.FOLLOW_UPS_DONE);
        long counted = s.get(Sum.DAYS_COUNTED);
        BigDecimal mean = counted == 0 ? null : s.days.divide(BigDecimal.valueOf(counted), 1, RoundingMode.HALF_UP);
        return new Counts(s.get(Sum.RECEIVED), accepted, closed,
                new Rate(s.get(Sum.COHORT_CLOSED), s.get(Sum.COHORT)),
                new Rate(closed, s.get(Sum.OPEN_AT_START) + accepted),
                new Rate(s.get(Sum.RESOLVED), s.get(Sum.CLAIMS_CLOSED)),
                new Rate(s.get(Sum.ON_TIME), closed),
                overdue, recent, overdue - recent - old, old, mean, percentiles[0], percentiles[1],
                new Rate(s.get(Sum.MEDIATIONS_AGREED), s.get(Sum.MEDIATIONS_CONCLUDED)),
                // a visit done counts as due, whatever the window said
                new Rate(done, Math.max(done, s.get(Sum.FOLLOW_UPS_DUE))),
                new Rate(s.get(Sum.SATISFIED), s.get(Sum.ANSWERED)), s.get(Sum.UNREACHABLE),
                new Rate(s.get(Sum.CLOSURES_REOPENED), s.get(Sum.CLOSURES_APPROVED)),
                new Rate(s.get(Sum.REPEAT_VISITS), accepted),
                new Rate(s.get(Sum.HIGH_RISK_IN_TIME), s.get(Sum.HIGH_RISK)),
                new Rate(s.get(Sum.AUDIT_PASSED), s.get(Sum.AUDITED)));
    }

    /** Reads rows of (station id, count, count ...) into the stations' sums. */
    private static void tally(Connection connection, String sql, Map<String, Object> p, Map<Long, Tally> perStation,
                              List<Sum> columns) throws SQLException {
        query(connection, sql, p, rs -> tally(perStation, rs, columns));
    }

    private static Tally tally(Map<Long, Tally> perStation, ResultSet rs, List<Sum> columns) throws SQLException {
        Tally t = perStation.computeIfAbsent(rs.getLong(1), x -> new Tally());
        for (int i = 0; i < columns.size(); i++) {
            t.counts[columns.get(i).ordinal()] += rs.getLong(i + 2);
        }
        return t;
    }

    /**
     * Median and P90 of the days to close of each scope's closures, over exactly that scope's cases (they do not
     * add up): one branch per scope, all in one statement.
     */
    private static BigDecimal[][] daysToClosePercentiles(Connection connection, List<Scope> scopes,
                                                         Collection<String> stationPaths, Map<String, Object> p)
            throws SQLException {
        Map<String, Object> params = new HashMap<>(p);
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < scopes.size(); i++) {
            Scope scope = scopes.get(i);
            boolean every = stationPaths.stream().allMatch(scope::covers);
            branches.add("SELECT " + i + ", PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY c.days_to_close),"
                    + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY c.days_to_close) FROM case_file c WHERE "
                    + inScope("c.accepted_station_id", every, "scope" + i)
                    + condition(Indicator.CLOSED));
            params.put("scope" + i, scope.pathPattern());
        }
        BigDecimal[][] percentiles = new BigDecimal[scopes.size()][2];
        query(connection, String.join(" UNION ALL ", branches), params, rs -> {
            percentiles[rs.getInt(1)][0] = scaled(rs.getBigDecimal(2));
            percentiles[rs.getInt(1)][1] = scaled(rs.getBigDecimal(3));
        });
        return percentiles;
    }

    // ---------------------------------------------------------------- the groups

    /** Accepted and closed cases by category, channel and month, from one grouped pass. */
    public Groups groups(Scope scope) {
        try (Connection connection = dataSource.getConnection()) {
            return groups(connection, scope, stations(connection).values());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The cases accepted, then those closed, in the period, grouped by category, channel and month (Beijing time)
     * of acceptance or closure. A case's month is found among the month boundaries, given as parameters, rather
     * than by converting every timestamp to a calendar date.
     */
    private static Groups groups(Connection connection, Scope scope, Collection<String> stationPaths)
            throws SQLException {
        Map<String, Object> p = parameters(scope, scope.pathPattern());
        List<String> months = new ArrayList<>();
        YearMonth month = YearMonth.from(scope.from().atZone(StationTime.ZONE));
        for (int i = 0; start(month).isBefore(scope.to()); i++, month = month.plusMonths(1)) {
            months.add(month.toString());
            p.put("monthEnd" + i, Timestamp.from(start(month.plusMonths(1))));
        }
        boolean every = stationPaths.stream().allMatch(scope::covers);
        Map<String, long[]> byCategory = new TreeMap<>();
        Map<String, long[]> byChannel = new TreeMap<>();
        Map<String, long[]> byMonth = new LinkedHashMap<>();
        months.forEach(m -> byMonth.put(m, new long[2]));
        Indicator[] measures = {Indicator.ACCEPTED, Indicator.CLOSED};
        String[] at = {"c.accepted_at", "c.closed_at"};
        for (int measure = 0; measure < 2; measure++) {
            int column = measure;
            query(connection, "SELECT category, channel, in_month, COUNT(*) FROM (SELECT COALESCE(c.primary_category,"
                    + " 'OTHER') AS category, c.channel AS channel, " + monthIndex(at[measure], months.size())
                    + " AS in_month FROM case_file c WHERE "
                    + inScope("c.accepted_station_id", every) + condition(measures[measure]) + ") x"
                    + " GROUP BY category, channel, in_month", p, rs -> {
                        long n = rs.getLong(4);
                        byCategory.computeIfAbsent(rs.getString(1), x -> new long[2])[column] += n;
                        byChannel.computeIfAbsent(rs.getString(2), x -> new long[2])[column] += n;
                        byMonth.get(months.get(rs.getInt(3)))[column] += n;
                    });
        }
        return new Groups(groups(byCategory), groups(byChannel), groups(byMonth));
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
        counts.forEach((key, n) -> groups.add(new Group(key, n[0], n[1])));
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
                    counts.get(counts.size() - 1), groups(connection, subtree, stations(connection).values()));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static Map<String, Object> parameters(Scope scope, String stations) {
        Map<String, Object> p = new HashMap<>();
        p.put("stations", stations);
        p.put("from", Timestamp.from(scope.from()));
        p.put("to", Timestamp.from(scope.to()));
        p.put("cutoff", Timestamp.from(scope.cutoff()));
        p.put("overdue15", Timestamp.from(scope.cutoff().minus(Duration.ofDays(15))));
        p.put("overdue30", Timestamp.from(scope.cutoff().minus(Duration.ofDays(30))));
        p.put("followUpFrom", Timestamp.from(scope.from().minus(FOLLOW_UP)));
        p.put("followUpTo", Timestamp.from(scope.to().minus(FOLLOW_UP)));
        p.put("reopenedUntil", Timestamp.from(min(scope.to(), scope.cutoff()).plus(REOPENED_WITHIN)));
        // the earliest closure any count looks at: the follow-up window, or the cut-off (overdue)
        p.put("closedSince", Timestamp.from(min(scope.from().minus(FOLLOW_UP), scope.cutoff())));
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

    /** Runs a statement whose named parameters (:from) are bound, in order, from the map. */
    private static void query(Connection connection, String sql, Map<String, Object> values, Row row)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        Matcher m = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                throw new IllegalArgumentException("no value for :" + m.group(1));
            }
            params.add(values.get(m.group(1)));
            m.appendReplacement(positional, "?");
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
