package org.weiquan.reporting;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicator SQL, portable between PostgreSQL and H2, over plain JDBC so that it can be tested on a
 * small database of hand-made rows. A case counts to the station that accepted it; a subtree is a
 * station path prefix.
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

    private static final String CASES = " FROM case_file c JOIN station s ON s.id = c.accepted_station_id"
            + " JOIN contact k ON k.id = c.contact_id WHERE s.path LIKE ?";

    /** The WHERE condition (after the subtree) of each drill-down indicator, with its parameter kinds. */
    static String condition(Indicator indicator) {
        return switch (indicator) {
            case ACCEPTED -> " AND c.accepted_at >= ? AND c.accepted_at < ?";
            case CLOSED -> " AND c.closed_at >= ? AND c.closed_at < ? AND c.closed_at <= ?";
            case COHORT -> " AND c.accepted_at >= ? AND c.accepted_at < ? AND c.station_id = c.accepted_station_id";
            case COHORT_CLOSED -> " AND c.accepted_at >= ? AND c.accepted_at < ? AND c.station_id = c.accepted_station_id"
                    + " AND c.closed_at IS NOT NULL AND c.closed_at <= ?";
            case OPEN_AT_START -> " AND c.accepted_at < ? AND (c.closed_at IS NULL OR c.closed_at >= ?)";
            case CLAIMS_CLOSED -> " AND c.closed_at >= ? AND c.closed_at < ? AND c.closed_at <= ?"
                    + " AND (k.petition_type = 'CLAIM' OR k.primary_category IN (" + DISPUTES + "))";
            case RESOLVED -> " AND c.closed_at >= ? AND c.closed_at < ? AND c.closed_at <= ?"
                    + " AND (k.petition_type = 'CLAIM' OR k.primary_category IN (" + DISPUTES + "))"
                    + " AND c.closure_reason IN (" + RESOLVING + ")";
            case ON_TIME -> " AND c.closed_at >= ? AND c.closed_at < ? AND c.closed_at <= ?"
                    + " AND c.closed_at <= COALESCE(c.extended_due, c.handling_due)";
            case OVERDUE -> " AND c.accepted_at <= ? AND (c.closed_at IS NULL OR c.closed_at > ?)"
                    + " AND COALESCE(c.extended_due, c.handling_due) < ?";
        };
    }

    static List<Object> parameters(Indicator indicator, Scope scope) {
        Timestamp from = Timestamp.from(scope.from());
        Timestamp to = Timestamp.from(scope.to());
        Timestamp cutoff = Timestamp.from(scope.cutoff());
        List<Object> p = new ArrayList<>();
        p.add(scope.pathPattern());
        switch (indicator) {
            case ACCEPTED, COHORT -> {
                p.add(from);
                p.add(to);
            }
            case CLOSED, CLAIMS_CLOSED, RESOLVED, ON_TIME -> {
                p.add(from);
                p.add(to);
                p.add(cutoff);
            }
            case COHORT_CLOSED -> {
                p.add(from);
                p.add(to);
                p.add(cutoff);
            }
            case OPEN_AT_START -> {
                p.add(from);
                p.add(from);
            }
            case OVERDUE -> {
                p.add(cutoff);
                p.add(cutoff);
                p.add(cutoff);
            }
        }
        return p;
    }

    public long count(Indicator indicator, Scope scope) {
        return single("SELECT COUNT(*)" + CASES + condition(indicator), parameters(indicator, scope));
    }

    /** The case numbers behind a count, in number order; paged. */
    public List<String> cases(Indicator indicator, Scope scope, int offset, int limit) {
        List<Object> params = parameters(indicator, scope);
        String sql = "SELECT c.number" + CASES + condition(indicator) + " ORDER BY c.number"
                + " OFFSET " + Math.max(0, offset) + " ROWS FETCH NEXT " + Math.max(1, limit) + " ROWS ONLY";
        List<String> numbers = new ArrayList<>();
        query(sql, params, rs -> numbers.add(rs.getString(1)));
        return numbers;
    }

    public long received(Scope scope) {
        return single("SELECT COUNT(*) FROM contact k JOIN station s ON s.id = k.station_id WHERE s.path LIKE ?"
                        + " AND k.received_at >= ? AND k.received_at < ?",
                List.of(scope.pathPattern(), Timestamp.from(scope.from()), Timestamp.from(scope.to())));
    }

    public Counts counts(Scope scope) {
        long accepted = count(Indicator.ACCEPTED, scope);
        long closed = count(Indicator.CLOSED, scope);
        long openAtStart = count(Indicator.OPEN_AT_START, scope);
        Rate cohort = new Rate(count(Indicator.COHORT_CLOSED, scope), count(Indicator.COHORT, scope));
        Rate flow = new Rate(closed, openAtStart + accepted);
        Rate resolution = new Rate(count(Indicator.RESOLVED, scope), count(Indicator.CLAIMS_CLOSED, scope));
        Rate onTime = new Rate(count(Indicator.ON_TIME, scope), closed);
        Timestamp cutoff = Timestamp.from(scope.cutoff());
        long[] bands = new long[3];
        List<Object> p = new ArrayList<>(parameters(Indicator.OVERDUE, scope));
        p.add(Timestamp.from(scope.cutoff().minus(Duration.ofDays(15))));
        p.add(Timestamp.from(scope.cutoff().minus(Duration.ofDays(30))));
        query("SELECT SUM(CASE WHEN COALESCE(c.extended_due, c.handling_due) >= ? THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN COALESCE(c.extended_due, c.handling_due) < ? THEN 1 ELSE 0 END), COUNT(*)"
                        + CASES + condition(Indicator.OVERDUE),
                prepend(List.of(p.get(4), p.get(5)), p.subList(0, 4)), rs -> {
                    bands[0] = rs.getLong(1);
                    bands[2] = rs.getLong(2);
                    bands[1] = rs.getLong(3) - bands[0] - bands[2];
                });
        BigDecimal[] days = new BigDecimal[3];
        query("SELECT AVG(c.days_to_close), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY c.days_to_close),"
                        + " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY c.days_to_close)" + CASES
                        + condition(Indicator.CLOSED),
                parameters(Indicator.CLOSED, scope), rs -> {
                    days[0] = scaled(rs.getBigDecimal(1));
                    days[1] = scaled(rs.getBigDecimal(2));
                    days[2] = scaled(rs.getBigDecimal(3));
                });
        return new Counts(received(scope), accepted, closed, cohort, flow, resolution, onTime,
                bands[0] + bands[1] + bands[2], bands[0], bands[1], bands[2], days[0], days[1], days[2],
                mediationSuccess(scope), followUpRate(scope), satisfaction(scope), unreachable(scope),
                reopenRate(scope), repeatVisitRate(scope), highRiskTimeliness(scope), closureQuality(scope));
    }

    private static final String RECORDS = " FROM task_record r JOIN case_file c ON c.id = r.case_id"
            + " JOIN station s ON s.id = c.accepted_station_id WHERE s.path LIKE ? AND r.completed_at >= ?"
            + " AND r.completed_at < ? AND r.completed_at <= ?";

    private List<Object> recordParams(Scope scope) {
        return List.of(scope.pathPattern(), Timestamp.from(scope.from()), Timestamp.from(scope.to()),
                Timestamp.from(scope.cutoff()));
    }

    /** Mediations ending in an agreement ÷ mediations concluded in the period (the last session's outcome). */
    Rate mediationSuccess(Scope scope) {
        return new Rate(single("SELECT COUNT(*)" + RECORDS + " AND r.task_key = 'Task_HoldMediationSession'"
                        + " AND r.outcome IN ('WRITTEN_AGREEMENT', 'ORAL_AGREEMENT')", recordParams(scope)),
                single("SELECT COUNT(*)" + RECORDS + " AND r.task_key = 'Task_HoldMediationSession'"
                        + " AND r.outcome <> 'CONTINUE'", recordParams(scope)));
    }

    /** Follow-up visits done in the period ÷ follow-up visits that came due in it (a visit task was created). */
    Rate followUpRate(Scope scope) {
        long done = single("SELECT COUNT(*)" + RECORDS + " AND r.task_key = 'Task_FollowUpVisit'", recordParams(scope));
        // due: closures of follow-up categories whose visit fell due in the period
        List<Object> p = new ArrayList<>();
        p.add(scope.pathPattern());
        p.add(Timestamp.from(scope.from().minus(FOLLOW_UP)));
        p.add(Timestamp.from(scope.to().minus(FOLLOW_UP)));
        long due = single("SELECT COUNT(*)" + CASES + " AND c.closed_at >= ? AND c.closed_at < ?"
                + " AND k.primary_category IN (" + FOLLOWED_UP + ") AND c.closure_reason <> 'WITHDRAWN'", p);
        return new Rate(done, Math.max(done, due));
    }

    /** Satisfied ÷ answered follow-ups (unreachable ones are reported apart). */
    Rate satisfaction(Scope scope) {
        return new Rate(single("SELECT COUNT(*)" + RECORDS + " AND r.task_key = 'Task_FollowUpVisit'"
                        + " AND r.outcome = 'SATISFIED'", recordParams(scope)),
                single("SELECT COUNT(*)" + RECORDS + " AND r.task_key = 'Task_FollowUpVisit'"
                        + " AND r.outcome IN ('SATISFIED', 'NOT_SATISFIED')", recordParams(scope)));
    }

    long unreachable(Scope scope) {
        return single("SELECT COUNT(*)" + RECORDS + " AND r.task_key = 'Task_FollowUpVisit'"
                + " AND r.outcome = 'UNREACHABLE'", recordParams(scope));
    }

    /** Closures approved in the period after which the case was reopened within 90 days ÷ closures approved. */
    Rate reopenRate(Scope scope) {
        String approved = RECORDS + " AND r.task_key = 'Task_ApproveClosure' AND r.outcome = 'APPROVED'";
        return new Rate(single("SELECT COUNT(*)" + approved + " AND EXISTS (SELECT 1 FROM case_event e"
                        + " WHERE e.case_id = c.id AND e.type = 'REOPENED' AND e.occurred_at > r.completed_at"
                        + " AND e.occurred_at <= r.completed_at + INTERVAL '90' DAY)", recordParams(scope)),
                single("SELECT COUNT(*)" + approved, recordParams(scope)));
    }

    /** Cases accepted in the period that repeat a case on the same matter from the 12 months before ÷ accepted. */
    Rate repeatVisitRate(Scope scope) {
        List<Object> p = parameters(Indicator.ACCEPTED, scope);
        return new Rate(single("SELECT COUNT(*)" + CASES + condition(Indicator.ACCEPTED)
                        + " AND EXISTS (SELECT 1 FROM contact e JOIN case_file ec ON ec.contact_id = e.id"
                        + " WHERE e.id = k.repeat_of_contact_id AND e.received_at >= c.accepted_at - INTERVAL '365' DAY)", p),
                single("SELECT COUNT(*)" + CASES + condition(Indicator.ACCEPTED), p));
    }

    /** HIGH-risk assessments of the period followed within 24 h by a safety plan or a police/shelter referral. */
    Rate highRiskTimeliness(Scope scope) {
        String high = RECORDS + " AND r.task_key = 'Task_AssessRisk' AND r.outcome = 'HIGH'";
        return new Rate(single("SELECT COUNT(*)" + high + " AND EXISTS (SELECT 1 FROM task_record a"
                        + " WHERE a.case_id = r.case_id AND a.task_key IN ('Task_MakeSafetyPlan', 'Task_ReferToPoliceOrShelter')"
                        + " AND a.completed_at >= r.completed_at AND a.completed_at <= r.completed_at + INTERVAL '24' HOUR)",
                recordParams(scope)), single("SELECT COUNT(*)" + high, recordParams(scope)));
    }

    /** Audited closed cases (reviewed in the period) that pass the checklist ÷ audited. */
    Rate closureQuality(Scope scope) {
        String reviewed = " FROM closure_audit_item i JOIN case_file c ON c.id = i.case_id"
                + " JOIN station s ON s.id = c.accepted_station_id WHERE s.path LIKE ? AND i.reviewed_at >= ?"
                + " AND i.reviewed_at < ? AND i.reviewed_at <= ?";
        return new Rate(single("SELECT COUNT(*)" + reviewed + " AND i.passed = TRUE", recordParams(scope)),
                single("SELECT COUNT(*)" + reviewed, recordParams(scope)));
    }

    /** Accepted and closed cases by primary category, channel or month (Beijing time) of acceptance/closure. */
    public List<Group> groups(Scope scope, String by) {
        String key = switch (by) {
            case "category" -> "COALESCE(k.primary_category, 'OTHER')";
            case "channel" -> "k.channel";
            default -> throw new IllegalArgumentException(by);
        };
        java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
        query("SELECT " + key + ", COUNT(*)" + CASES + condition(Indicator.ACCEPTED) + " GROUP BY " + key,
                parameters(Indicator.ACCEPTED, scope), rs -> counts.computeIfAbsent(rs.getString(1), x -> new long[2])[0] = rs.getLong(2));
        query("SELECT " + key + ", COUNT(*)" + CASES + condition(Indicator.CLOSED) + " GROUP BY " + key,
                parameters(Indicator.CLOSED, scope), rs -> counts.computeIfAbsent(rs.getString(1), x -> new long[2])[1] = rs.getLong(2));
        List<Group> groups = new ArrayList<>();
        counts.forEach((k, v) -> groups.add(new Group(k, v[0], v[1])));
        return groups;
    }

    private static List<Object> prepend(List<Object> first, List<Object> rest) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(rest);
        return all;
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value == null ? null : value.setScale(1, java.math.RoundingMode.HALF_UP);
    }

    private long single(String sql, List<Object> params) {
        long[] result = new long[1];
        query(sql, params, rs -> result[0] = rs.getLong(1));
        return result[0];
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, List<Object> params, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("indicator query failed [SQLState " + e.getSQLState() + "]", e);
        }
    }
}
