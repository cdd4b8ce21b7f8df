package org.weiquan.reporting;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.RoundStart;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.infrastructure.TestPostgres;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.shared.Days;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.weiquan.reporting.IndicatorQueriesTest.aCase;
import static org.weiquan.reporting.IndicatorQueriesTest.closeAgain;
import static org.weiquan.reporting.IndicatorQueriesTest.contact;
import static org.weiquan.reporting.IndicatorQueriesTest.reopen;
import static org.weiquan.reporting.IndicatorQueriesTest.session;
import static org.weiquan.reporting.IndicatorQueriesTest.station;
import static org.weiquan.reporting.IndicatorQueriesTest.ts;
import static org.weiquan.reporting.IndicatorQueriesTest.update;
import static org.weiquan.reporting.IndicatorQueriesTest.visit;

/**
 * The indicator counters (PostgreSQL, migrations V90, V95, V96) against the figures computed from the rows: a varied,
 * seeded set of contacts and cases over ten stations and nine months, written and then changed as the application
 * changes them (accepted, decided otherwise, transferred, closed, reopened and closed again, re-categorised, mediated,
 * a session deleted, follow-up visits done, cancelled, moved or deleted later), many on the last second of a Beijing
 * day or month and the first of the next; then every report of many periods and cut-offs read through the counters
 * must equal the report computed from the rows alone, row by row (the station, each child, the total, the groups),
 * and so must the county's figures read alone (from the whole tree's counters). A counter left behind by a change
 * makes them differ: the test shows that too, with a trigger switched off or a counter of the tree set wrong, and
 * that the rebuild puts it right.
 *
 * <p>On PostgreSQL when {@code WEIQUAN_TEST_DB_URL} is set (as CI sets it), in a schema of its own that is dropped
 * afterwards; on H2 only the vocabulary check runs, since H2 keeps no counters (its reports are computed).
 */
class IndicatorCountersTest {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    static DataSource dataSource;
    static DataSource admin;
    static String schema;
    static boolean postgres;
    static final List<String> cases = new ArrayList<>();

    @BeforeAll
    static void database() throws SQLException {
        String url = System.getenv("WEIQUAN_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:counters-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            DatabaseMigrations.configuration(h2, false).load().migrate();
            dataSource = h2;
            return;
        }
        postgres = true;
        schema = "counters_" + ProcessHandle.current().pid();
        admin = TestPostgres.dataSource(url, null);
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute(admin, "CREATE SCHEMA " + schema);
        dataSource = TestPostgres.dataSource(url, schema);
        Flyway flyway = DatabaseMigrations.configuration(dataSource, true).schemas(schema).load();
        flyway.migrate();
        try (Connection c = dataSource.getConnection()) {
            buildAndChange(c);
        }
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (admin != null) {
            execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static Instant bj(int year, int month, int day, int hour, int minute, int second) {
        return OffsetDateTime.of(year, month, day, hour, minute, second, 0, BEIJING).toInstant();
    }

    /**
     * County 1 with sub-districts 2, 3, 4, each with two stations (5 to 10). The instants run from October 2025 to
     * June 2026; a quarter of them are the last or the first second of a Beijing day, half of those of a month.
     */
    static void buildAndChange(Connection c) throws SQLException {
        station(c, 1, "CQX", null, "/1/", "COUNTY");
        for (long s = 2; s <= 4; s++) {
            station(c, s, "CQX-" + s, 1L, "/1/" + s + "/", "SUBDISTRICT");
        }
        for (long s = 5; s <= 10; s++) {
            long parent = 2 + (s - 5) / 2;
            station(c, s, "CQX-" + parent + "-" + s, parent, "/1/" + parent + "/" + s + "/", "COMMUNITY");
        }
        Random random = new Random(20260401);
        String[] categories = {"MARRIAGE_DISPUTE", "DOMESTIC_VIOLENCE", "ELDER_SUPPORT", "OTHER", "INHERITANCE",
                "HARDSHIP_ASSISTANCE"};
        String[] petitions = {"CLAIM", "ACCUSATION", "SUGGESTION", null};
        ClosureReason[] reasons = ClosureReason.values();
        MediationOutcome[] outcomes = MediationOutcome.values();
        for (int i = 0; i < 240; i++) {
            long at = 1 + random.nextInt(10);
            long now = random.nextInt(12) == 0 ? 1 + random.nextInt(10) : at;
            Instant accepted = instant(random);
            Instant closed = random.nextInt(5) == 0 ? null
                    : boundary(random, accepted.plus(Duration.ofHours(1 + random.nextInt(24 * 100))));
            String reason = closed == null ? null : reasons[random.nextInt(reasons.length)].name();
            Instant extended = random.nextInt(8) == 0 ? Days.deadline(accepted, 90) : null;
            String number = "K" + i;
            aCase(c, number, at, now, accepted, closed, reason, categories[random.nextInt(categories.length)],
                    petitions[random.nextInt(petitions.length)], extended);
            cases.add(number);
            for (int k = random.nextInt(3); k > 0; k--) {
                session(c, number, accepted.plus(Duration.ofHours(random.nextInt(24 * 60))),
                        outcomes[random.nextInt(outcomes.length)]);
            }
            if (closed != null && random.nextInt(3) > 0) {
                // its follow-up visit: due some days after the closure, done before or after its due day or not yet,
                // or cancelled, often on the edge of a day or month
                LocalDate closedOn = Days.dateOf(closed);
                LocalDate dueOn = closedOn.plusDays(random.nextInt(50));
                Instant visited = random.nextInt(4) == 0 ? null
                        : boundary(random, Days.startOf(dueOn).plus(Duration.ofHours(random.nextInt(24 * 40) - 24 * 20)));
                FollowUpResult[] results = FollowUpResult.values();
                visit(c, number, closedOn, dueOn, visited, visited == null ? null : results[random.nextInt(results.length)],
                        random.nextInt(6) == 0 ? boundary(random, closed.plus(Duration.ofHours(random.nextInt(24 * 60))))
                                : null);
            }
            if (closed != null && random.nextInt(6) == 0) {
                Instant reopened = closed.plus(Duration.ofDays(1 + random.nextInt(40)));
                reopen(c, number, reopened, RoundStart.REOPENED_AFTER_FOLLOW_UP);
                if (random.nextBoolean()) {
                    closeAgain(c, number, boundary(random, reopened.plus(Duration.ofDays(1 + random.nextInt(50)))),
                            reasons[random.nextInt(reasons.length)]);
                }
            }
        }
        // contacts decided otherwise than accepted: not accepted, answered on the spot, transferred to a station
        for (int i = 0; i < 80; i++) {
            long at = 1 + random.nextInt(10);
            Instant received = instant(random);
            long id = contact(c, at, received, categories[random.nextInt(categories.length)], null);
            int decision = random.nextInt(4);
            Instant decided = boundary(random, received.plus(Duration.ofHours(random.nextInt(24 * 20))));
            if (decision == 1) {
                update(c, "UPDATE contact SET decision = 'NOT_ACCEPTED', decided_at = ? WHERE id = ?", ts(decided), id);
            } else if (decision == 2) {
                update(c, "UPDATE contact SET decision = 'CONSULTATION_ANSWERED', decided_at = ? WHERE id = ?",
                        ts(decided), id);
            } else if (decision == 3) {
                update(c, "UPDATE contact SET decision = 'TRANSFERRED', decided_at = ?, transferred_from_station_id"
                        + " = station_id, station_id = ? WHERE id = ?", ts(decided), 1 + (at % 10), id);
            }
        }
        // later changes: a case re-categorised, a channel corrected, a repeat link added, an extension approved
        // after the closure, a transfer, a session deleted
        for (int i = 0; i < 30; i++) {
            String number = cases.get(random.nextInt(cases.size()));
            switch (i % 6) {
                case 0 -> update(c, "UPDATE case_file SET primary_category = ? WHERE number = ?",
                        categories[random.nextInt(categories.length)], number);
                case 1 -> update(c, "UPDATE case_file SET channel = 'LETTER' WHERE number = ?", number);
                case 2 -> update(c, "UPDATE case_file SET repeat_of_contact_id = (SELECT contact_id FROM case_file"
                        + " WHERE number = ?) WHERE number = ?", cases.get(random.nextInt(cases.size())), number);
                case 3 -> update(c, "UPDATE case_file SET extended_due = handling_due + INTERVAL '30' DAY WHERE number"
                        + " = ?", number);
                case 4 -> update(c, "UPDATE case_file SET station_id = ? WHERE number = ?", 1 + random.nextInt(10),
                        number);
                default -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("DELETE FROM mediation_session WHERE id = (SELECT MIN(id) FROM mediation_session"
                                + " WHERE outcome <> 'CONTINUE' AND id > " + (1000 + i * 37) + ")");
                    }
                }
            }
        }
        // visits done later, cancelled later, moved to another day, one deleted
        for (int i = 0; i < 12; i++) {
            Instant at = instant(random);
            switch (i % 4) {
                case 0 -> update(c, "UPDATE follow_up_visit SET visited_at = ?, result = 'SATISFIED' WHERE id = (SELECT"
                        + " MIN(id) FROM follow_up_visit WHERE visited_at IS NULL AND id > ?)", ts(at), 1000 + i * 20);
                case 1 -> update(c, "UPDATE follow_up_visit SET cancelled_at = ? WHERE id = (SELECT MIN(id) FROM"
                        + " follow_up_visit WHERE cancelled_at IS NULL AND id > ?)", ts(at), 1000 + i * 20);
                case 2 -> update(c, "UPDATE follow_up_visit SET due_on = due_on + 31 WHERE id = (SELECT MIN(id) FROM"
                        + " follow_up_visit WHERE id > ?)", 1000 + i * 20);
                default -> update(c, "DELETE FROM follow_up_visit WHERE id = (SELECT MIN(id) FROM follow_up_visit WHERE"
                        + " id > ?)", 1000 + i * 20);
            }
        }
        // closure requests asked for and decided later, as the application writes them: sent back, or approved
        for (int i = 0; i < 20; i++) {
            String number = cases.get(random.nextInt(cases.size()));
            long id = 900_000 + i;
            update(c, "INSERT INTO closure_request (id, round_id, case_id, accepted_station_id, reason, requested_at,"
                    + " requested_by, recorded_at) SELECT ?, (SELECT MAX(h.id) FROM handling_round h WHERE h.case_id"
                    + " = k.id), k.id, k.accepted_station_id, 'EXPLAINED', k.accepted_at, 'test', k.accepted_at FROM"
                    + " case_file k WHERE k.number = ?", id, number);
            update(c, "UPDATE closure_request SET decision = ?, decided_at = requested_at + INTERVAL '9' DAY, decided_by"
                    + " = 'test' WHERE id = ?", i % 3 == 0 ? "APPROVED" : "SENT_BACK", id);
        }
        // an open case closed, so that the test of a missed counter below has one to close
        aCase(c, "OPEN-1", 5, 5, bj(2026, 2, 10, 9, 0, 0), null, null, "MARRIAGE_DISPUTE", "CLAIM", null);
        // a case closed in January whose follow-up visit is not done yet, for the test of a missed visit
        aCase(c, "VISIT-1", 6, 6, bj(2026, 1, 5, 9, 0, 0), bj(2026, 1, 20, 9, 0, 0), ClosureReason.values()[0].name(),
                "MARRIAGE_DISPUTE", "CLAIM", null);
        visit(c, "VISIT-1", LocalDate.of(2026, 1, 20), LocalDate.of(2026, 2, 3), null, null, null);
    }

    /** An instant between October 2025 and June 2026, often on the edge of a Beijing day or month. */
    static Instant instant(Random random) {
        return boundary(random, bj(2025, 10, 1, 0, 0, 0).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 270))));
    }

    static Instant boundary(Random random, Instant instant) {
        LocalDate day = Days.dateOf(instant);
        return switch (random.nextInt(8)) {
            case 0 -> Days.startOf(day.plusDays(1)).minusSeconds(1);
            case 1 -> Days.startOf(day);
            case 2 -> Days.startOf(day.withDayOfMonth(1).plusMonths(1)).minusSeconds(1);
            case 3 -> Days.startOf(day.withDayOfMonth(1));
            default -> instant;
        };
    }

    /** The periods and cut-offs the reports are read for: whole months, a quarter, years, odd dates, odd cut-offs. */
    static List<IndicatorQueries.Scope> periods(String path) {
        List<IndicatorQueries.Scope> scopes = new ArrayList<>();
        Instant[][] periods = {
                {bj(2026, 1, 1, 0, 0, 0), bj(2026, 2, 1, 0, 0, 0)},
                {bj(2026, 2, 1, 0, 0, 0), bj(2026, 3, 1, 0, 0, 0)},
                {bj(2026, 1, 1, 0, 0, 0), bj(2026, 4, 1, 0, 0, 0)},
                {bj(2025, 1, 1, 0, 0, 0), bj(2026, 1, 1, 0, 0, 0)},
                {bj(2026, 1, 1, 0, 0, 0), bj(2027, 1, 1, 0, 0, 0)},
                {bj(2025, 11, 15, 0, 0, 0), bj(2026, 3, 10, 0, 0, 0)},
                {bj(2026, 3, 3, 0, 0, 0), bj(2026, 3, 20, 0, 0, 0)},
        };
        for (Instant[] p : periods) {
            // the end of the period, a cut-off long after, one inside the period (mid-day, on a day's and on a
            // month's edge), and one just after the period's first month
            Set<Instant> cutoffs = new TreeSet<>(List.of(p[1], p[1].plus(Duration.ofDays(75)),
                    p[0].plus(Duration.ofDays(40)).plus(Duration.ofHours(13)),
                    Days.startOf(Days.dateOf(p[0]).plusDays(45)),
                    Days.startOf(Days.dateOf(p[0]).withDayOfMonth(1).plusMonths(1)),
                    bj(2026, 5, 17, 15, 30, 0)));
            for (Instant cutoff : cutoffs) {
                if (!cutoff.isBefore(p[0])) {
                    scopes.add(new IndicatorQueries.Scope(path, p[0], p[1], cutoff));
                }
            }
        }
        return scopes;
    }

    static Map<String, IndicatorQueries.ReportRows> reports(IndicatorQueries queries) {
        Map<String, IndicatorQueries.ReportRows> reports = new HashMap<>();
        for (IndicatorQueries.Scope scope : periods("/1/")) {
            reports.put("county " + scope, queries.report(scope, List.of("/1/2/", "/1/3/", "/1/4/")));
        }
        for (IndicatorQueries.Scope scope : periods("/1/3/")) {
            reports.put("sub-district " + scope, queries.report(scope, List.of("/1/3/7/", "/1/3/8/")));
        }
        return reports;
    }

    /**
     * The county's figures alone for every period (a scope of every station: its median and P90 of the days to close
     * come from the tree's histogram, V95), and the sub-district's.
     */
    static Map<String, IndicatorQueries.Counts> counts(IndicatorQueries queries) {
        Map<String, IndicatorQueries.Counts> counts = new HashMap<>();
        for (IndicatorQueries.Scope scope : periods("/1/")) {
            counts.put("county " + scope, queries.counts(scope));
        }
        for (IndicatorQueries.Scope scope : periods("/1/3/")) {
            counts.put("sub-district " + scope, queries.counts(scope));
        }
        return counts;
    }

    @Test
    void theCountersGiveEveryFigureOfEveryReportAsTheRowsDo() {
        assumeTrue(postgres, "H2 keeps no counters: its reports are computed from the rows");
        Map<String, IndicatorQueries.ReportRows> counted = reports(new IndicatorQueries(dataSource));
        Map<String, IndicatorQueries.ReportRows> computed = reports(IndicatorQueries.computedOnly(dataSource));
        assertThat(counted).hasSize(computed.size());
        computed.forEach((report, rows) -> assertThat(counted.get(report)).as(report).isEqualTo(rows));
        Map<String, IndicatorQueries.Counts> countedAlone = counts(new IndicatorQueries(dataSource));
        counts(IndicatorQueries.computedOnly(dataSource)).forEach((report, figures) ->
                assertThat(countedAlone.get(report)).as(report).isEqualTo(figures));
        // the data are varied enough to say something: every kind of figure is there
        IndicatorQueries.Counts quarter = IndicatorQueries.computedOnly(dataSource).counts(new IndicatorQueries.Scope(
                "/1/", bj(2026, 1, 1, 0, 0, 0), bj(2026, 4, 1, 0, 0, 0), bj(2026, 4, 1, 0, 0, 0)));
        assertThat(quarter.accepted()).isGreaterThan(50);
        assertThat(quarter.closed()).isGreaterThan(30);
        assertThat(quarter.flowClosureRate().denominator()).isGreaterThan(quarter.accepted());
        assertThat(quarter.resolutionRate().numerator()).isPositive();
        assertThat(quarter.mediationSuccessRate().numerator()).isPositive();
        assertThat(quarter.notAccepted() + quarter.transferred() + quarter.consultations()).isPositive();
        assertThat(quarter.overdue()).isPositive();
        assertThat(quarter.repeatVisitRate().numerator()).isPositive();
        assertThat(quarter.reopenRate().numerator()).isPositive();
        assertThat(quarter.followUpRate().numerator()).isPositive();
        assertThat(quarter.followUpRate().denominator()).isGreaterThan(quarter.followUpRate().numerator());
        assertThat(quarter.satisfaction().denominator()).isGreaterThan(quarter.satisfaction().numerator());
        assertThat(quarter.followUpsUnreachable()).isPositive();
    }

    @Test
    void aChangeTheCountersMissMakesTheReportsDifferAndTheRebuildPutsThemRight() throws SQLException {
        assumeTrue(postgres, "H2 keeps no counters");
        IndicatorQueries.Scope february = new IndicatorQueries.Scope("/1/", bj(2026, 2, 1, 0, 0, 0),
                bj(2026, 3, 1, 0, 0, 0), bj(2026, 3, 1, 0, 0, 0));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE case_file DISABLE TRIGGER indicator_case_update");
            try {
                update(c, "UPDATE case_file SET closed_at = ?, closure_reason = 'MEDIATED_WRITTEN', days_to_close = ?,"
                        + " status = 'CLOSED', stage = 'CLOSED' WHERE number = 'OPEN-1'", ts(bj(2026, 2, 20, 10, 0, 0)),
                        BigDecimal.TEN);
            } finally {
                s.execute("ALTER TABLE case_file ENABLE TRIGGER indicator_case_update");
            }
            assertThat(new IndicatorQueries(dataSource).counts(february))
                    .isNotEqualTo(IndicatorQueries.computedOnly(dataSource).counts(february));
            s.execute("SELECT indicator_counts_rebuild()");
            // a visit recorded as done with the visits' trigger off: the follow-up rate of its months is wrong
            IndicatorQueries.Scope winter = new IndicatorQueries.Scope("/1/", bj(2026, 1, 1, 0, 0, 0),
                    bj(2026, 3, 1, 0, 0, 0), bj(2026, 6, 1, 0, 0, 0));
            s.execute("ALTER TABLE follow_up_visit DISABLE TRIGGER indicator_visit_counts");
            try {
                update(c, "UPDATE follow_up_visit SET visited_at = ?, result = 'SATISFIED' WHERE case_id = (SELECT id"
                        + " FROM case_file WHERE number = 'VISIT-1')", ts(bj(2026, 3, 15, 10, 0, 0)));
            } finally {
                s.execute("ALTER TABLE follow_up_visit ENABLE TRIGGER indicator_visit_counts");
            }
            assertThat(new IndicatorQueries(dataSource).counts(winter).followUpRate())
                    .isNotEqualTo(IndicatorQueries.computedOnly(dataSource).counts(winter).followUpRate());
            s.execute("SELECT indicator_counts_rebuild()");
            assertThat(new IndicatorQueries(dataSource).counts(winter))
                    .isEqualTo(IndicatorQueries.computedOnly(dataSource).counts(winter));
        }
        assertThat(new IndicatorQueries(dataSource).counts(february))
                .isEqualTo(IndicatorQueries.computedOnly(dataSource).counts(february));
        assertThat(reports(new IndicatorQueries(dataSource))).isEqualTo(reports(IndicatorQueries.computedOnly(dataSource)));
    }

    @Test
    void aWrongCounterOfTheTreeMakesTheCountyReportDifferAndTheRebuildPutsItRight() throws SQLException {
        assumeTrue(postgres, "H2 keeps no counters");
        IndicatorQueries.Scope february = new IndicatorQueries.Scope("/1/", bj(2026, 2, 1, 0, 0, 0),
                bj(2026, 3, 1, 0, 0, 0), bj(2026, 4, 1, 0, 0, 0));
        IndicatorQueries counted = new IndicatorQueries(dataSource);
        IndicatorQueries computed = IndicatorQueries.computedOnly(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // one closure of February left out of the tree's groups, by channel
            assertThat(s.executeUpdate("UPDATE indicator_tree_group_month SET closed = closed - 1 WHERE month = DATE"
                    + " '2026-02-01' AND dimension = 'channel' AND name = (SELECT MIN(name) FROM"
                    + " indicator_tree_group_month WHERE month = DATE '2026-02-01' AND dimension = 'channel'"
                    + " AND closed > 0)")).isEqualTo(1);
            assertThat(counted.groups(february).byChannel()).isNotEqualTo(computed.groups(february).byChannel());
            assertThat(counted.groups(february).byCategory()).isEqualTo(computed.groups(february).byCategory());
            s.execute("SELECT indicator_counts_rebuild()");
            assertThat(counted.groups(february)).isEqualTo(computed.groups(february));

            // a hundred closures of February too many in the tree's days to close, at the longest: median, P90 move
            assertThat(s.executeUpdate("UPDATE indicator_tree_days SET cases = cases + 100 WHERE month = DATE"
                    + " '2026-02-01' AND days = (SELECT MAX(days) FROM indicator_tree_days WHERE month = DATE"
                    + " '2026-02-01' AND cases > 0)")).isEqualTo(1);
            IndicatorQueries.Counts wrong = counted.counts(february);
            IndicatorQueries.Counts right = computed.counts(february);
            assertThat(wrong.p90DaysToClose()).isGreaterThanOrEqualTo(right.p90DaysToClose());
            assertThat(wrong).isNotEqualTo(right);
            s.execute("SELECT indicator_counts_rebuild()");
        }
        assertThat(counted.counts(february)).isEqualTo(computed.counts(february));
    }

    @Test
    void theCountersCompareWithTheSameWordsAsTheIndicatorSql() throws SQLException {
        Map<String, List<String>> terms = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT term, name FROM indicator_term ORDER BY term, name")) {
            while (rs.next()) {
                terms.computeIfAbsent(rs.getString(1), x -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, List<String>> expected = new HashMap<>();
        expected.put("claim", IndicatorVocabulary.CLAIM.takenNames());
        expected.put("dispute", IndicatorVocabulary.DISPUTE.takenNames());
        expected.put("resolving", IndicatorVocabulary.RESOLVING.takenNames());
        expected.put("concluding", IndicatorVocabulary.names(IndicatorVocabulary.CONCLUDING));
        expected.put("agreement", IndicatorVocabulary.names(IndicatorVocabulary.AGREEMENTS));
        expected.put("notAccepting", List.of(org.weiquan.intake.ReviewDecision.NOT_ACCEPTED.name()));
        expected.put("transferring", List.of(org.weiquan.intake.ReviewDecision.TRANSFERRED.name()));
        expected.put("consulting", List.of(org.weiquan.intake.ReviewDecision.CONSULTATION_ANSWERED.name()));
        expected.put("approving", IndicatorVocabulary.APPROVING.takenNames());
        expected.put("answered", IndicatorVocabulary.ANSWERED.takenNames());
        expected.put("unanswered", IndicatorVocabulary.ANSWERED.leftOutNames());
        expected.put("satisfied", IndicatorVocabulary.SATISFIED.takenNames());
        assertThat(terms).isEqualTo(expected);
    }
}
