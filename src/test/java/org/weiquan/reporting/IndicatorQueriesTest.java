package org.weiquan.reporting;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicator definitions on a small, hand-built set of cases whose right answers are worked out
 * here, on the real schema (the Flyway migrations on an in-memory H2 database).
 *
 * <p>Period: March 2026 (Beijing time); cut-off 15 April 2026. Station A (sub-district) and B under the
 * county. At A: c1 accepted 2 Mar, closed 20 Mar as MEDIATED_WRITTEN (a marriage dispute); c2 accepted
 * 5 Mar, closed 10 Apr (after the period, before the cut-off); c3 accepted 10 Mar, closed 20 Apr (after
 * the cut-off); c4 accepted 1 Feb, a CLAIM, closed 15 Mar as NOT_SUPPORTED; c5 accepted 1 Jan, still open
 * (due 2 Mar: 44 days overdue at the cut-off); c6 accepted 12 Mar at A and transferred to B (counts to A,
 * out of A's cohort); c7 accepted 20 Jan, closed 25 Mar, after its deadline (19 Mar). At B: c8 accepted
 * 3 Mar, closed 10 Mar as MEDIATED_ORAL (elder support). Two more contacts at A: one in March, one in
 * February.
 */
class IndicatorQueriesTest {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    static IndicatorQueries queries;
    static long ids = 1000;

    static Instant at(int month, int day) {
        return OffsetDateTime.of(2026, month, day, 10, 0, 0, 0, BEIJING).toInstant();
    }

    static final Instant FROM = OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, BEIJING).toInstant();
    static final Instant TO = OffsetDateTime.of(2026, 4, 1, 0, 0, 0, 0, BEIJING).toInstant();
    static final Instant CUTOFF = OffsetDateTime.of(2026, 4, 15, 0, 0, 0, 0, BEIJING).toInstant();

    @BeforeAll
    static void buildTheCases() throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:indicators-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .table("schema_history").load().migrate();
        try (Connection c = ds.getConnection()) {
            station(c, 1, "TQX", null, "/1/", "COUNTY");
            station(c, 2, "TQX-A", 1L, "/1/2/", "SUBDISTRICT");
            station(c, 3, "TQX-B", 1L, "/1/3/", "SUBDISTRICT");
            aCase(c, "A1", 2, 2, at(3, 2), at(3, 20), "MEDIATED_WRITTEN", "MARRIAGE_DISPUTE", null, null);
            aCase(c, "A2", 2, 2, at(3, 5), at(4, 10), "EXPLAINED", "OTHER", null, null);
            aCase(c, "A3", 2, 2, at(3, 10), at(4, 20), "EXPLAINED", "OTHER", null, null);
            aCase(c, "A4", 2, 2, at(2, 1), at(3, 15), "NOT_SUPPORTED", "OTHER", "CLAIM", null);
            aCase(c, "A5", 2, 2, at(1, 1), null, null, "OTHER", null, null);
            aCase(c, "A6", 2, 3, at(3, 12), null, null, "OTHER", null, null);
            aCase(c, "A7", 2, 2, at(1, 20), at(3, 25), "EXPLAINED", "OTHER", null, null);
            aCase(c, "B8", 3, 3, at(3, 3), at(3, 10), "MEDIATED_ORAL", "ELDER_SUPPORT", null, null);
            // at station C: an extension moves the deadline; a reopened case is closed (counted) once, finally
            station(c, 4, "TQX-C", 1L, "/1/4/", "SUBDISTRICT");
            aCase(c, "C9", 4, 4, at(1, 5), at(3, 20), "EXPLAINED", "OTHER", null, at(4, 5));
            aCase(c, "C10", 4, 4, at(1, 6), at(3, 22), "EXPLAINED", "OTHER", null, null);
            record(c, "C10", "Task_ApproveClosure", "APPROVED", at(2, 10));
            event(c, "C10", "REOPENED", at(2, 28));
            record(c, "C10", "Task_ApproveClosure", "APPROVED", at(3, 22));
            contact(c, 2, at(3, 15));
            contact(c, 2, at(2, 10));
            // another county's tree: Y1 accepted half an hour into 1 March, Beijing time (28 February in UTC)
            station(c, 9, "TQY", null, "/9/", "COUNTY");
            aCase(c, "Y1", 9, 9, OffsetDateTime.of(2026, 3, 1, 0, 30, 0, 0, BEIJING).toInstant(), null, null,
                    "OTHER", null, null);
            // task records: two mediations concluded (one agreement), follow-ups, closures, risk assessments
            record(c, "A1", "Task_HoldMediationSession", "CONTINUE", at(3, 8));
            record(c, "A1", "Task_HoldMediationSession", "WRITTEN_AGREEMENT", at(3, 18));
            record(c, "A4", "Task_HoldMediationSession", "TERMINATED", at(3, 10));
            record(c, "A4", "Task_FollowUpVisit", "SATISFIED", at(3, 28));
            record(c, "A7", "Task_FollowUpVisit", "UNREACHABLE", at(3, 29));
            record(c, "A1", "Task_ApproveClosure", "APPROVED", at(3, 20));
            record(c, "A4", "Task_ApproveClosure", "APPROVED", at(3, 15));
            event(c, "A4", "REOPENED", at(4, 1));
            record(c, "A2", "Task_AssessRisk", "HIGH", at(3, 6));
            record(c, "A2", "Task_MakeSafetyPlan", "DONE", at(3, 6).plusSeconds(10 * 3600));
            record(c, "A3", "Task_AssessRisk", "HIGH", at(3, 11));
            record(c, "A3", "Task_MakeSafetyPlan", "DONE", at(3, 13));
            // A3 came back about A1's matter: a repeat visit within 12 months (the case keeps the contact's link)
            for (String table : List.of("contact", "case_file")) {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET repeat_of_contact_id ="
                        + " (SELECT contact_id FROM case_file WHERE number = 'A1')"
                        + " WHERE " + (table.equals("contact") ? "id" : "contact_id")
                        + " = (SELECT contact_id FROM case_file WHERE number = 'A3')")) {
                    s.executeUpdate();
                }
            }
        }
        queries = new IndicatorQueries(ds);
    }

    static void record(Connection c, String caseNumber, String key, String outcome, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO task_record (id, case_id, accepted_station_id, task_id,"
                + " task_key, outcome, completed_at, completed_by, data)"
                + " SELECT ?, id, accepted_station_id, ?, ?, ?, ?, 'test', '{}' FROM case_file WHERE number = ?")) {
            long id = ids++;
            s.setLong(1, id);
            s.setString(2, "t" + id);
            s.setString(3, key);
            s.setString(4, outcome);
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, caseNumber);
            s.executeUpdate();
        }
    }

    static void event(Connection c, String caseNumber, String type, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_event (id, contact_id, case_id, occurred_at, actor,"
                + " type, description) SELECT ?, contact_id, id, ?, 'test', ?, 'x' FROM case_file WHERE number = ?")) {
            s.setLong(1, ids++);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, type);
            s.setString(4, caseNumber);
            s.executeUpdate();
        }
    }

    static void station(Connection c, long id, String code, Long parent, String path, String level) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (?, ?, ?, ?, ?, ?, 1)")) {
            s.setLong(1, id);
            s.setString(2, code);
            s.setString(3, code);
            s.setString(4, level);
            s.setObject(5, parent);
            s.setString(6, path);
            s.executeUpdate();
        }
    }

    static long contact(Connection c, long station, Instant received) throws SQLException {
        return contact(c, station, received, "OTHER", null);
    }

    static long contact(Connection c, long station, Instant received, String category, String petition)
            throws SQLException {
        long id = ids++;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO contact (id, station_id, channel, received_at, summary,"
                + " status, registered_at, registered_by, version, primary_category, petition_type)"
                + " VALUES (?, ?, 'VISIT', ?, 'x', 'ACCEPTED', ?, 'test', 1, ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, station);
            s.setTimestamp(3, Timestamp.from(received));
            s.setTimestamp(4, Timestamp.from(received));
            s.setString(5, category);
            s.setString(6, petition);
            s.executeUpdate();
        }
        return id;
    }

    static void aCase(Connection c, String number, long acceptedAt, long nowAt, Instant accepted, Instant closed,
                      String reason, String category, String petition, Instant extendedDue) throws SQLException {
        long contact = contact(c, acceptedAt, accepted.minusSeconds(86400), category, petition);
        // the case keeps its contact's category, channel and petition type, as the application writes it
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_file (id, number, station_id, accepted_station_id,"
                + " number_year, number_seq, contact_id, accepted_at, accepted_by, status, stage, handling_due,"
                + " extended_due, closed_at, closure_reason, days_to_close, version, primary_category, channel,"
                + " petition_type) VALUES (?, ?, ?, ?, 2026, ?, ?, ?, 'test', ?, ?, ?, ?, ?, ?, ?, 1, ?, 'VISIT', ?)")) {
            long id = ids++;
            s.setLong(1, id);
            s.setString(2, number);
            s.setLong(3, nowAt);
            s.setLong(4, acceptedAt);
            s.setLong(5, id);
            s.setLong(6, contact);
            s.setTimestamp(7, Timestamp.from(accepted));
            s.setString(8, closed == null ? "OPEN" : "CLOSED");
            s.setString(9, closed == null ? "HANDLING" : "CLOSED");
            s.setTimestamp(10, Timestamp.from(accepted.plusSeconds(60L * 86400)));
            s.setTimestamp(11, extendedDue == null ? null : Timestamp.from(extendedDue));
            s.setTimestamp(12, closed == null ? null : Timestamp.from(closed));
            s.setString(13, reason);
            s.setBigDecimal(14, closed == null ? null
                    : BigDecimal.valueOf((closed.getEpochSecond() - accepted.getEpochSecond()) / 864).movePointLeft(2));
            s.setString(15, category);
            s.setString(16, petition);
            s.executeUpdate();
        }
    }

    private static IndicatorQueries.Scope stationA() {
        return new IndicatorQueries.Scope("/1/2/", FROM, TO, CUTOFF);
    }

    @Test
    void receivedCountsEveryContactOfThePeriodAcceptedOrNot() {
        // contacts of A1, A2, A3, A6 (a day before acceptance) and the March consultation
        assertThat(queries.counts(stationA()).received()).isEqualTo(5);
    }

    @Test
    void aCaseCountsToTheStationThatAcceptedItEvenAfterATransfer() {
        assertThat(queries.cases(Indicator.ACCEPTED, stationA(), 0, 100)).containsExactly("A1", "A2", "A3", "A6");
        assertThat(queries.cases(Indicator.ACCEPTED, new IndicatorQueries.Scope("/1/3/", FROM, TO, CUTOFF), 0, 100))
                .containsExactly("B8");
    }

    @Test
    void closedCountsClosuresInThePeriodWhicheverPeriodTheCaseWasAcceptedIn() {
        assertThat(queries.cases(Indicator.CLOSED, stationA(), 0, 100)).containsExactly("A1", "A4", "A7");
    }

    @Test
    void theCohortClosureRateCountsClosuresUpToTheCutOffAndLeavesTransfersOut() {
        IndicatorQueries.Counts counts = queries.counts(stationA());
        // A1, A2, A3 accepted in March and still A's (A6 was transferred); A1 and A2 closed by 15 April
        assertThat(counts.cohortClosureRate()).isEqualTo(new Rate(2, 3));
        assertThat(counts.cohortClosureRate().percent()).isEqualByComparingTo("66.7");
    }

    @Test
    void theFlowClosureRateDividesClosuresByWhatWasOpenAtTheStartPlusWhatCameIn() {
        // closed in March: A1, A4, A7; open on 1 March: A4, A5, A7; accepted in March: A1, A2, A3, A6
        assertThat(queries.counts(stationA()).flowClosureRate()).isEqualTo(new Rate(3, 7));
    }

    @Test
    void theResolutionRateLooksOnlyAtClaimsAndDisputes() {
        // claims/disputes closed in March: A1 (marriage dispute, mediated) and A4 (a CLAIM, not supported)
        assertThat(queries.counts(stationA()).resolutionRate()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void theOnTimeRateComparesTheClosureWithTheSixtyDayDeadline() {
        // A7 was accepted 20 January: due 21 March, closed 25 March
        assertThat(queries.counts(stationA()).onTimeRate()).isEqualTo(new Rate(2, 3));
    }

    @Test
    void overdueCasesAreThoseOpenAtTheCutOffPastTheirDeadlineBandedByDaysOver() {
        IndicatorQueries.Counts counts = queries.counts(stationA());
        assertThat(counts.overdue()).isEqualTo(1);
        assertThat(counts.overdueOver30()).isEqualTo(1);
        assertThat(queries.cases(Indicator.OVERDUE, stationA(), 0, 100)).containsExactly("A5");
    }

    @Test
    void daysToCloseAreMeanMedianAndP90OfTheClosuresInThePeriod() {
        // 18, 42 and 64 days
        IndicatorQueries.Counts counts = queries.counts(stationA());
        assertThat(counts.meanDaysToClose()).isEqualByComparingTo("41.3");
        assertThat(counts.medianDaysToClose()).isEqualByComparingTo("42.0");
        assertThat(counts.p90DaysToClose()).isEqualByComparingTo("59.6");
    }

    @Test
    void theCountyRollUpIsTheSumOfItsStations() {
        IndicatorQueries.Scope county = new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF);
        IndicatorQueries.Scope b = new IndicatorQueries.Scope("/1/3/", FROM, TO, CUTOFF);
        for (Indicator indicator : Indicator.values()) {
            IndicatorQueries.Scope cStation = new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF);
            assertThat(queries.count(indicator, county)).as(indicator.name())
                    .isEqualTo(queries.count(indicator, stationA()) + queries.count(indicator, b)
                            + queries.count(indicator, cStation));
        }
        assertThat(queries.counts(county).accepted()).isEqualTo(5);
    }

    @Test
    void theMediationSuccessRateCountsMediationsEndingInAnAgreementAmongThoseConcluded() {
        // A1: continued, then a written agreement; A4: terminated
        assertThat(queries.counts(stationA()).mediationSuccessRate()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void satisfactionLeavesUnreachableFollowUpsOutAndReportsThemApart() {
        IndicatorQueries.Counts counts = queries.counts(stationA());
        assertThat(counts.satisfaction()).isEqualTo(new Rate(1, 1));
        assertThat(counts.followUpsUnreachable()).isEqualTo(1);
        assertThat(counts.followUpRate()).isEqualTo(new Rate(2, 2));
    }

    @Test
    void theReopenRateCountsClosuresReopenedWithinNinetyDays() {
        // closures approved in March: A1 and A4; A4 reopened on 1 April
        assertThat(queries.counts(stationA()).reopenRate()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void theRepeatVisitRateCountsAcceptedCasesThatRepeatAnEarlierCase() {
        assertThat(queries.counts(stationA()).repeatVisitRate()).isEqualTo(new Rate(1, 4));
    }

    @Test
    void highRiskTimelinessNeedsASafetyPlanOrReferralWithin24Hours() {
        // A2: plan 10 hours after the HIGH assessment; A3: two days after
        assertThat(queries.counts(stationA()).highRiskTimeliness()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void acceptedAndClosedAreBrokenDownByCategoryAndChannel() {
        IndicatorQueries.Groups groups = queries.groups(stationA());
        assertThat(groups.byCategory()).contains(
                new IndicatorQueries.Group("MARRIAGE_DISPUTE", 1, 1), new IndicatorQueries.Group("OTHER", 3, 2));
        assertThat(groups.byChannel()).containsExactly(new IndicatorQueries.Group("VISIT", 4, 3));
    }

    @Test
    void acceptedAndClosedAreBrokenDownByTheirMonthInBeijingTimeEveryMonthOfThePeriodListed() {
        // the first quarter at A: A4 accepted 1 February, A5 1 January, A7 20 January; A1, A2, A3, A6 in March;
        // closed A1, A4, A7 in March (A2 on 10 April, after the quarter)
        Instant january = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, BEIJING).toInstant();
        IndicatorQueries.Scope quarter = new IndicatorQueries.Scope("/1/2/", january, TO, CUTOFF);
        assertThat(queries.groups(quarter).byMonth()).containsExactly(new IndicatorQueries.Group("2026-01", 2, 0),
                new IndicatorQueries.Group("2026-02", 1, 0), new IndicatorQueries.Group("2026-03", 4, 3));
        // Y1, accepted at 00:30 on 1 March Beijing time (still February in UTC), counts to March
        assertThat(queries.groups(new IndicatorQueries.Scope("/9/", january, TO, CUTOFF)).byMonth())
                .containsExactly(new IndicatorQueries.Group("2026-01", 0, 0), new IndicatorQueries.Group("2026-02", 0, 0),
                        new IndicatorQueries.Group("2026-03", 1, 0));
    }

    @Test
    void everyRowOfAReportIsCountedOverItsOwnScopeAsIfAlone() {
        IndicatorQueries.Scope county = new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF);
        List<String> children = List.of("/1/2/", "/1/3/", "/1/4/");
        IndicatorQueries.ReportRows report = queries.report(county, children);
        assertThat(report.station()).isEqualTo(queries.counts(new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF, false)));
        for (int i = 0; i < children.size(); i++) {
            assertThat(report.children().get(i)).as(children.get(i))
                    .isEqualTo(queries.counts(new IndicatorQueries.Scope(children.get(i), FROM, TO, CUTOFF)));
        }
        assertThat(report.total()).isEqualTo(queries.counts(county));
        assertThat(report.groups()).isEqualTo(queries.groups(county));
        // the days to close of the total are over all its closures (7, 18, 42, 64, 74 and 75 days), not made of the
        // rows' figures
        assertThat(report.total().closed()).isEqualTo(6);
        assertThat(report.total().meanDaysToClose()).isEqualByComparingTo("46.7");
        assertThat(report.total().medianDaysToClose()).isEqualByComparingTo("53.0");
        assertThat(report.total().p90DaysToClose()).isEqualByComparingTo("74.5");
    }

    @Test
    void theDrillDownListsExactlyTheCasesBehindEachCountOfEveryRow() {
        List<IndicatorQueries.Scope> scopes = List.of(new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF, false),
                stationA(), new IndicatorQueries.Scope("/1/3/", FROM, TO, CUTOFF),
                new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF), new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF),
                new IndicatorQueries.Scope("/", FROM, TO, CUTOFF));
        List<IndicatorQueries.Counts> rows = queries.counts(scopes);
        for (int i = 0; i < scopes.size(); i++) {
            IndicatorQueries.Scope scope = scopes.get(i);
            IndicatorQueries.Counts counts = rows.get(i);
            java.util.Map<Indicator, Long> shown = java.util.Map.of(Indicator.ACCEPTED, counts.accepted(),
                    Indicator.CLOSED, counts.closed(), Indicator.COHORT_CLOSED, counts.cohortClosureRate().numerator(),
                    Indicator.COHORT, counts.cohortClosureRate().denominator(),
                    Indicator.OPEN_AT_START, counts.flowClosureRate().denominator() - counts.accepted(),
                    Indicator.RESOLVED, counts.resolutionRate().numerator(),
                    Indicator.CLAIMS_CLOSED, counts.resolutionRate().denominator(),
                    Indicator.ON_TIME, counts.onTimeRate().numerator(), Indicator.OVERDUE, counts.overdue());
            for (Indicator indicator : Indicator.values()) {
                assertThat((long) queries.cases(indicator, scope, 0, 100).size()).as(scope + " " + indicator)
                        .isEqualTo(shown.get(indicator)).isEqualTo(queries.count(indicator, scope));
            }
        }
        // the whole tree: both counties
        assertThat(rows.get(5).accepted()).isEqualTo(rows.get(4).accepted() + 1);
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineTheOnTimeRateMeasuresAgainst() {
        // C9: due 6 March, extended to 5 April, closed 20 March: on time; C10: due 7 March, closed 22 March: late
        IndicatorQueries.Scope c = new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF);
        assertThat(queries.cases(Indicator.ON_TIME, c, 0, 100)).containsExactly("C9");
    }

    @Test
    void aReopenedCaseIsClosedOnceAtItsFinalClosure() {
        // C10 was closed in February, reopened, and closed again in March: it counts in March, once
        IndicatorQueries.Scope march = new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF);
        IndicatorQueries.Scope february = new IndicatorQueries.Scope("/1/4/", at(2, 1).minusSeconds(36000), FROM, CUTOFF);
        assertThat(queries.cases(Indicator.CLOSED, march, 0, 100)).containsExactly("C10", "C9");
        assertThat(queries.cases(Indicator.CLOSED, february, 0, 100)).isEmpty();
        // its February closure was reopened within 90 days
        assertThat(queries.counts(february).reopenRate()).isEqualTo(new Rate(1, 1));
    }

    @Test
    void aRateOverNothingHasNoPercentage() {
        assertThat(new Rate(0, 0).percent()).isNull();
        assertThat(new Rate(9, 9).percent()).isEqualByComparingTo("100.0");
    }
}
