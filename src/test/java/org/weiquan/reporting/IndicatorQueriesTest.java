package org.weiquan.reporting;

import org.flywaydb.core.Flyway;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.casefile.RoundStart;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.shared.Days;
import org.weiquan.station.AgencyKind;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicator definitions on a small, hand-built set of cases and records of their work whose right answers
 * are worked out here, on the real schema (the Flyway migrations on an in-memory H2 database). Every case gets
 * its first handling round, and every closure its approved closure request, as the application writes them;
 * deadlines are 24:00 of the 60th day after acceptance (or reopening).
 *
 * <p>Period: March 2026 (Beijing time); cut-off 15 April 2026 00:00 (the report sees up to 14 April). Station A
 * (sub-district) and B and C under county 1. At A: A1 accepted 2 Mar, closed 20 Mar as MEDIATED_WRITTEN (a
 * marriage dispute); A2 accepted 5 Mar, closed 10 Apr (after the period, before the cut-off); A3 accepted 10 Mar,
 * closed 20 Apr (after the cut-off); A4 accepted 1 Feb, a CLAIM, closed 15 Mar as NOT_SUPPORTED; A5 accepted 1 Jan,
 * still open (its deadline passed at the end of 2 March: 43 days overdue at the cut-off); A6 accepted 12 Mar at A
 * and transferred to B (counts to A, out of A's cohort); A7 accepted 20 Jan, closed 25 Mar, after its deadline
 * (the end of 21 Mar). At B: B8 accepted 3 Mar, closed 10 Mar as MEDIATED_ORAL (elder support). At C: C9 extended,
 * C10 closed in February, reopened and closed again in March. Two more contacts at A: one in March, one in February.
 * County 7 holds the cases of the finer points (follow-ups, reopenings, high-risk timeliness, deadlines to the
 * second), county 9 one case accepted just after midnight.
 */
class IndicatorQueriesTest {

    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    static IndicatorQueries queries;
    static long ids = 1000;

    static Instant at(int month, int day) {
        return bj(2026, month, day, 10, 0);
    }

    static Instant bj(int year, int month, int day, int hour, int minute) {
        return OffsetDateTime.of(year, month, day, hour, minute, 0, 0, BEIJING).toInstant();
    }

    static LocalDate day(int month, int day) {
        return LocalDate.of(2026, month, day);
    }

    static final Instant FROM = bj(2026, 3, 1, 0, 0);
    static final Instant TO = bj(2026, 4, 1, 0, 0);
    static final Instant CUTOFF = bj(2026, 4, 15, 0, 0);

    /**
     * An in-memory H2 database; or, with {@code -Dweiquan.indicators.db.url=jdbc:postgresql://…}, that PostgreSQL
     * database, emptied first (give one that holds nothing else).
     */
    static DataSource database() {
        String url = System.getProperty("weiquan.indicators.db.url");
        if (url == null || url.isBlank()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:indicators-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            DatabaseMigrations.configuration(h2, false).load().migrate();
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser(System.getProperty("weiquan.indicators.db.user", "weiquan"));
        pg.setPassword(System.getProperty("weiquan.indicators.db.password", "weiquan"));
        Flyway flyway = DatabaseMigrations.configuration(pg, true).cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
        return pg;
    }

    @BeforeAll
    static void buildTheCases() throws SQLException {
        DataSource ds = database();
        try (Connection c = ds.getConnection()) {
            station(c, 1, "TQX", null, "/1/", "COUNTY");
            station(c, 2, "TQX-A", 1L, "/1/2/", "SUBDISTRICT");
            station(c, 3, "TQX-B", 1L, "/1/3/", "SUBDISTRICT");
            station(c, 4, "TQX-C", 1L, "/1/4/", "SUBDISTRICT");
            station(c, 7, "TQZ", null, "/7/", "COUNTY");
            station(c, 9, "TQY", null, "/9/", "COUNTY");
            agency(c, "PS-1", AgencyKind.POLICE);
            agency(c, "CT-1", AgencyKind.COURT);
            agency(c, "SH-1", AgencyKind.CIVIL_AFFAIRS);

            aCase(c, "A1", 2, 2, at(3, 2), at(3, 20), "MEDIATED_WRITTEN", "MARRIAGE_DISPUTE", null, null);
            aCase(c, "A2", 2, 2, at(3, 5), at(4, 10), "EXPLAINED", "OTHER", null, null);
            aCase(c, "A3", 2, 2, at(3, 10), at(4, 20), "EXPLAINED", "OTHER", null, null);
            aCase(c, "A4", 2, 2, at(2, 1), at(3, 15), "NOT_SUPPORTED", "OTHER", "CLAIM", null);
            aCase(c, "A5", 2, 2, at(1, 1), null, null, "OTHER", null, null);
            aCase(c, "A6", 2, 3, at(3, 12), null, null, "OTHER", null, null);
            aCase(c, "A7", 2, 2, at(1, 20), at(3, 25), "EXPLAINED", "OTHER", null, null);
            aCase(c, "B8", 3, 3, at(3, 3), at(3, 10), "MEDIATED_ORAL", "ELDER_SUPPORT", null, null);
            // at C: an extension moves the deadline; a reopened case has its new round's deadline, and is closed
            // (counted) once, finally
            aCase(c, "C9", 4, 4, at(1, 5), at(3, 20), "EXPLAINED", "OTHER", null, Days.endOf(day(4, 5)));
            aCase(c, "C10", 4, 4, at(1, 6), at(2, 10), "EXPLAINED", "OTHER", null, null);
            reopen(c, "C10", at(2, 28), RoundStart.REOPENED_AFTER_FOLLOW_UP);
            closeAgain(c, "C10", at(3, 22), ClosureReason.EXPLAINED);
            contact(c, 2, at(3, 15));
            contact(c, 2, at(2, 10));
            // another county's tree: Y1 accepted half an hour into 1 March, Beijing time (28 February in UTC)
            aCase(c, "Y1", 9, 9, bj(2026, 3, 1, 0, 30), null, null, "OTHER", null, null);
            // A3 came back about A1's matter: a repeat visit within 12 months (the case keeps the contact's link)
            for (String table : List.of("contact", "case_file")) {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET repeat_of_contact_id ="
                        + " (SELECT contact_id FROM case_file WHERE number = 'A1')"
                        + " WHERE " + (table.equals("contact") ? "id" : "contact_id")
                        + " = (SELECT contact_id FROM case_file WHERE number = 'A3')")) {
                    s.executeUpdate();
                }
            }

            // A's work: two mediations concluded (one agreement, one terminated), one after the period
            session(c, "A1", at(3, 8), MediationOutcome.CONTINUE);
            session(c, "A1", at(3, 18), MediationOutcome.WRITTEN_AGREEMENT);
            session(c, "A4", at(3, 10), MediationOutcome.TERMINATED);
            session(c, "A3", at(4, 2), MediationOutcome.ORAL_AGREEMENT);
            // follow-ups of A's March closures: A4 satisfied, A7 unreachable (visited before it was due),
            // A1 due on 19 April (after the cut-off's day) and not made yet
            visit(c, "A4", day(3, 15), day(4, 14), at(3, 28), FollowUpResult.SATISFIED, null);
            visit(c, "A7", day(3, 25), day(4, 24), at(3, 29), FollowUpResult.UNREACHABLE, null);
            visit(c, "A1", day(3, 20), day(4, 19), null, null, null);
            // A1's written reply: a review asked for on 10 March, a re-review on 25 March; A4's review after March
            reply(c, "A1", day(3, 5));
            review(c, "A1", "REVIEW", day(3, 10));
            review(c, "A1", "RE_REVIEW", day(3, 25));
            reply(c, "A4", day(3, 20));
            review(c, "A4", "REVIEW", day(4, 2));
            // a closure-quality audit at A reviewed in March: A4 passed, A7 failed; A1 reviewed after the period
            update(c, "INSERT INTO closure_audit (id, station_id, period_from, period_to, seed, sample_size, drawn_at,"
                    + " drawn_by) VALUES (?, 2, ?, ?, 1, 3, ?, 'test')", 9001L, day(3, 1), day(3, 31), ts(at(3, 26)));
            auditItem(c, "A4", at(3, 27), true);
            auditItem(c, "A7", at(3, 28), false);
            auditItem(c, "A1", at(4, 3), true);
            // HIGH risk: A2 got a safety plan 10 hours after the assessment, A3 two days after
            assessment(c, "A2", at(3, 6), RiskLevel.HIGH);
            safetyPlan(c, "A2", at(3, 6).plus(Duration.ofHours(10)));
            assessment(c, "A3", at(3, 11), RiskLevel.HIGH);
            safetyPlan(c, "A3", at(3, 13));

            buildCounty7(c);
        }
        queries = new IndicatorQueries(ds);
    }

    /** County 7: the cases behind the finer points, each test saying what it looks at. */
    static void buildCounty7(Connection c) throws SQLException {
        // deadlines to the second: Z1's passed at the very instant it was closed, Z2 closed a second before its own
        aCase(c, "Z1", 7, 7, at(1, 7), bj(2026, 3, 9, 0, 0), "EXPLAINED", "OTHER", null, null);
        aCase(c, "Z2", 7, 7, at(1, 7), bj(2026, 3, 8, 23, 59).plusSeconds(59), "EXPLAINED", "OTHER", null, null);
        // open at the cut-off: Z3's deadline passes at the cut-off itself (the end of 14 April), Z4's a day before
        aCase(c, "Z3", 7, 7, at(2, 13), null, null, "OTHER", null, null);
        aCase(c, "Z4", 7, 7, at(2, 12), null, null, "OTHER", null, null);

        // reopenings: Z5 was closed twice in March and reopened after each closure; Z6 reopened on the 90th day
        // after its closure (later in the day than the closure), Z7 on the 91st; both after the cut-off
        aCase(c, "Z5", 7, 7, at(1, 5), at(3, 3), "EXPLAINED", "DOMESTIC_VIOLENCE", null, null);
        visit(c, "Z5", day(3, 3), day(4, 2), null, null, at(3, 10));
        reopen(c, "Z5", at(3, 10), RoundStart.REOPENED_AFTER_AUDIT);
        closeAgain(c, "Z5", at(3, 24), ClosureReason.EXPLAINED);
        visit(c, "Z5", day(3, 24), day(4, 23), null, null, at(4, 2));
        reopen(c, "Z5", at(4, 2), RoundStart.REOPENED_AFTER_FOLLOW_UP);
        aCase(c, "Z6", 7, 7, at(1, 8), at(3, 5), "EXPLAINED", "OTHER", null, null);
        reopen(c, "Z6", bj(2026, 6, 3, 23, 0), RoundStart.REOPENED_IN_LEDGER);
        aCase(c, "Z7", 7, 7, at(1, 9), at(3, 6), "EXPLAINED", "OTHER", null, null);
        reopen(c, "Z7", bj(2026, 6, 5, 9, 0), RoundStart.REOPENED_IN_LEDGER);
        // Z25 was reopened in March after a February closure, and closed again in March
        aCase(c, "Z25", 7, 7, at(1, 10), at(2, 25), "EXPLAINED", "OTHER", null, null);
        reopen(c, "Z25", at(3, 3), RoundStart.REOPENED_AFTER_AUDIT);
        closeAgain(c, "Z25", at(3, 20), ClosureReason.EXPLAINED);
        // Z24 was closed in January and reopened in June (too late to count), closed again and reopened a week later
        aCase(c, "Z24", 7, 7, at(1, 2), at(1, 5), "EXPLAINED", "OTHER", null, null);
        reopen(c, "Z24", at(6, 1), RoundStart.REOPENED_AFTER_AUDIT);
        closeAgain(c, "Z24", at(6, 20), ClosureReason.EXPLAINED);
        reopen(c, "Z24", at(6, 27), RoundStart.REOPENED_AFTER_FOLLOW_UP);

        // follow-ups of March closures: Z8 done and satisfied; Z9 due on 14 April (its day over at the cut-off), not
        // done; Z10 due on 15 April (not yet due); Z11 done early, not satisfied; Z12 cancelled (withdrawn) on
        // 5 April; Z13 done after the cut-off
        closedWithVisit(c, "Z8", at(3, 2), day(4, 1), at(3, 30), FollowUpResult.SATISFIED, null);
        closedWithVisit(c, "Z9", at(3, 15), day(4, 14), null, null, null);
        closedWithVisit(c, "Z10", at(3, 16), day(4, 15), null, null, null);
        closedWithVisit(c, "Z11", at(3, 20), day(4, 19), at(4, 13), FollowUpResult.NOT_SATISFIED, null);
        closedWithVisit(c, "Z12", at(3, 12), day(4, 11), null, null, at(4, 5));
        closedWithVisit(c, "Z13", at(3, 25), day(4, 24), at(4, 20), FollowUpResult.UNREACHABLE, null);
        // December closures, January visits: Z14 visited on 16 January, Z15 due on 27 January and not visited
        aCase(c, "Z14", 7, 7, bj(2025, 11, 10, 10, 0), bj(2025, 12, 20, 10, 0), "MEDIATED_WRITTEN", "MARRIAGE_DISPUTE",
                null, null);
        visit(c, "Z14", LocalDate.of(2025, 12, 20), day(1, 19), at(1, 16), FollowUpResult.SATISFIED, null);
        aCase(c, "Z15", 7, 7, bj(2025, 11, 12, 10, 0), bj(2025, 12, 28, 10, 0), "EXPLAINED", "ELDER_SUPPORT", null,
                null);
        visit(c, "Z15", LocalDate.of(2025, 12, 28), day(1, 27), null, null, null);

        // high risk, each case assessed HIGH in March (10:00) and what followed: a police referral 23 h later (Z16),
        // another 25 h later (Z17), a court referral 2 h later (Z18), only a shelter referral 1 h later (Z19), a
        // protection-order application 20 h later (Z20), a safety plan exactly 24 h later (Z21); Z22 was assessed
        // MEDIUM; Z23 HIGH twice, with a safety plan 5 h after the first
        highRisk(c, "Z16", at(3, 4));
        referral(c, "Z16", "PS-1", at(3, 4).plus(Duration.ofHours(23)));
        highRisk(c, "Z17", at(3, 6));
        referral(c, "Z17", "PS-1", at(3, 6).plus(Duration.ofHours(25)));
        highRisk(c, "Z18", at(3, 8));
        referral(c, "Z18", "CT-1", at(3, 8).plus(Duration.ofHours(2)));
        highRisk(c, "Z19", at(3, 9));
        referral(c, "Z19", "SH-1", at(3, 9).plus(Duration.ofHours(1)));
        highRisk(c, "Z20", at(3, 11));
        protectionOrder(c, "Z20", at(3, 11).plus(Duration.ofHours(20)));
        highRisk(c, "Z21", at(3, 12));
        safetyPlan(c, "Z21", at(3, 12).plus(Duration.ofHours(24)));
        aCase(c, "Z22", 7, 7, at(3, 12), null, null, "DOMESTIC_VIOLENCE", null, null);
        assessment(c, "Z22", at(3, 12), RiskLevel.MEDIUM);
        safetyPlan(c, "Z22", at(3, 12).plus(Duration.ofHours(1)));
        highRisk(c, "Z23", at(3, 13));
        safetyPlan(c, "Z23", at(3, 13).plus(Duration.ofHours(5)));
        assessment(c, "Z23", at(3, 20), RiskLevel.HIGH);
    }

    // ---------------------------------------------------------------- rows as the application writes them

    static void station(Connection c, long id, String code, Long parent, String path, String level) throws SQLException {
        update(c, "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (?, ?, ?, ?, ?, ?, 1)",
                id, code, code, level, parent, path);
    }

    static void agency(Connection c, String code, AgencyKind kind) throws SQLException {
        update(c, "INSERT INTO partner_agency (code, name, kind) VALUES (?, ?, ?)", code, code, kind.name());
    }

    static long contact(Connection c, long station, Instant received) throws SQLException {
        return contact(c, station, received, "OTHER", null);
    }

    static long contact(Connection c, long station, Instant received, String category, String petition)
            throws SQLException {
        long id = ids++;
        update(c, "INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at,"
                        + " registered_by, version, primary_category, petition_type)"
                        + " VALUES (?, ?, 'VISIT', ?, 'x', 'ACCEPTED', ?, 'test', 1, ?, ?)",
                id, station, ts(received), ts(received), category, petition);
        return id;
    }

    /**
     * A case with its first handling round (deadline: 24:00 of the 60th day after acceptance, or the extended
     * one) and, when closed, the approved closure request of that round.
     */
    static void aCase(Connection c, String number, long acceptedAt, long nowAt, Instant accepted, Instant closed,
                      String reason, String category, String petition, Instant extendedDue) throws SQLException {
        long contact = contact(c, acceptedAt, accepted.minusSeconds(86400), category, petition);
        long id = ids++;
        Instant due = Days.deadline(accepted, 60);
        // the case keeps its contact's category, channel and petition type, as the application writes it
        update(c, "INSERT INTO case_file (id, number, station_id, accepted_station_id, number_year, number_seq,"
                        + " contact_id, accepted_at, accepted_by, status, stage, handling_due, extended_due, closed_at,"
                        + " closure_reason, days_to_close, version, primary_category, channel, petition_type)"
                        + " VALUES (?, ?, ?, ?, 2026, ?, ?, ?, 'test', ?, ?, ?, ?, ?, ?, ?, 1, ?, 'VISIT', ?)",
                id, number, nowAt, acceptedAt, id, contact, ts(accepted), closed == null ? "OPEN" : "CLOSED",
                closed == null ? "HANDLING" : "CLOSED", ts(due), ts(extendedDue), ts(closed), reason,
                closed == null ? null : BigDecimal.valueOf(Days.between(accepted, closed)), category, petition);
        update(c, "INSERT INTO handling_round (id, case_id, round_no, started_at, start_reason, due_at, extended_due_at,"
                        + " recorded_at, recorded_by) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 'test')",
                ids++, id, ts(accepted), RoundStart.ACCEPTED.name(), ts(due), ts(extendedDue), ts(accepted));
        if (closed != null) {
            approveClosure(c, number, closed, reason);
        }
    }

    /** A closed case of county 7 with the follow-up visit of its closure. */
    static void closedWithVisit(Connection c, String number, Instant closed, LocalDate dueOn, Instant visitedAt,
                                FollowUpResult result, Instant cancelledAt) throws SQLException {
        aCase(c, number, 7, 7, closed.minus(Duration.ofDays(20)), closed, "MEDIATED_ORAL", "MARRIAGE_DISPUTE", null,
                null);
        visit(c, number, Days.dateOf(closed), dueOn, visitedAt, result, cancelledAt);
    }

    /** The supervisor approves the closure requested in the case's current round; the round ends. */
    static void approveClosure(Connection c, String number, Instant at, String reason) throws SQLException {
        update(c, "INSERT INTO closure_request (id, round_id, case_id, accepted_station_id, reason, requested_at,"
                        + " requested_by, decision, approved_round_id, decided_at, decided_by, recorded_at)"
                        + " SELECT ?, h.id, k.id, k.accepted_station_id, ?, ?, 'test', 'APPROVED', h.id, ?, 'test', ?"
                        + " FROM case_file k JOIN handling_round h ON h.case_id = k.id WHERE k.number = ?"
                        + " AND h.round_no = (SELECT MAX(round_no) FROM handling_round WHERE case_id = k.id)",
                ids++, reason, ts(at.minus(Duration.ofDays(1))), ts(at), ts(at), number);
        update(c, "UPDATE handling_round SET ended_at = ? WHERE case_id = (SELECT id FROM case_file WHERE number = ?)"
                + " AND ended_at IS NULL", ts(at), number);
    }

    /** 重新办理: a new round with its own deadline; the case is open again and keeps that round's deadline. */
    static void reopen(Connection c, String number, Instant at, RoundStart why) throws SQLException {
        Instant due = Days.deadline(at, 60);
        update(c, "INSERT INTO handling_round (id, case_id, round_no, started_at, start_reason, due_at, recorded_at,"
                        + " recorded_by) SELECT ?, k.id, (SELECT MAX(round_no) + 1 FROM handling_round WHERE case_id = k.id),"
                        + " ?, ?, ?, ?, 'test' FROM case_file k WHERE k.number = ?",
                ids++, ts(at), why.name(), ts(due), ts(at), number);
        update(c, "UPDATE case_file SET status = 'OPEN', stage = 'HANDLING', closed_at = NULL, closure_reason = NULL,"
                + " days_to_close = NULL, handling_due = ?, extended_due = NULL, reopen_count = reopen_count + 1"
                + " WHERE number = ?", ts(due), number);
    }

    static void closeAgain(Connection c, String number, Instant at, ClosureReason reason) throws SQLException {
        approveClosure(c, number, at, reason.name());
        update(c, "UPDATE case_file SET status = 'CLOSED', stage = 'CLOSED', closed_at = ?, closure_reason = ?,"
                        + " days_to_close = ? WHERE number = ?", ts(at), reason.name(),
                BigDecimal.valueOf(Days.between(acceptedAt(c, number), at)), number);
    }

    static void visit(Connection c, String number, LocalDate closedOn, LocalDate dueOn, Instant visitedAt,
                      FollowUpResult result, Instant cancelledAt) throws SQLException {
        update(c, "INSERT INTO follow_up_visit (id, case_id, round_id, accepted_station_id, closed_on, due_on,"
                        + " visited_at, result, visited_by, recorded_at, cancelled_at)"
                        + " SELECT ?, k.id, (SELECT MAX(h.id) FROM handling_round h WHERE h.case_id = k.id),"
                        + " k.accepted_station_id, ?, ?, ?, ?, ?, ?, ? FROM case_file k WHERE k.number = ?",
                ids++, closedOn, dueOn, ts(visitedAt), result == null ? null : result.name(),
                visitedAt == null ? null : "test", ts(visitedAt), ts(cancelledAt), number);
    }

    static void auditItem(Connection c, String number, Instant reviewedAt, boolean passed) throws SQLException {
        update(c, "INSERT INTO closure_audit_item (id, audit_id, case_id, passed, reviewed_at, reviewed_by, version)"
                + " SELECT ?, 9001, k.id, ?, ?, 'test', 1 FROM case_file k WHERE k.number = ?",
                ids++, passed, ts(reviewedAt), number);
    }

    static void reply(Connection c, String number, LocalDate sentOn) throws SQLException {
        update(c, "INSERT INTO written_reply (id, case_id, round_no, sent_on, sent_by_means, summary, recorded_at,"
                + " recorded_by) SELECT ?, k.id, 1, ?, 'LETTER', 'x', ?, 'test' FROM case_file k WHERE k.number = ?",
                ids++, sentOn, ts(FROM), number);
    }

    static void review(Connection c, String number, String kind, LocalDate requestedOn) throws SQLException {
        update(c, "INSERT INTO reply_review (id, case_id, kind, reply_id, reviewing_station_id, accepted_station_id,"
                        + " requested_on, reason, answer_due_at, recorded_at, recorded_by) SELECT ?, k.id, ?,"
                        + " (SELECT MAX(w.id) FROM written_reply w WHERE w.case_id = k.id), k.accepted_station_id,"
                        + " k.accepted_station_id, ?, 'x', ?, ?, 'test' FROM case_file k WHERE k.number = ?",
                ids++, kind, requestedOn, ts(TO), ts(FROM), number);
    }

    static void session(Connection c, String number, Instant heldAt, MediationOutcome outcome) throws SQLException {
        update(c, "INSERT INTO mediation_session (id, case_id, accepted_station_id, round_no, session_no, held_at,"
                        + " mediator, attendees, outcome, recorded_at, recorded_by)"
                        + " SELECT ?, k.id, k.accepted_station_id, 1,"
                        + " (SELECT COUNT(*) + 1 FROM mediation_session m WHERE m.case_id = k.id), ?, 'test', 'both',"
                        + " ?, ?, 'test' FROM case_file k WHERE k.number = ?",
                ids++, ts(heldAt), outcome.name(), ts(heldAt), number);
    }

    /** An open domestic-violence case of county 7, accepted the day before it was assessed HIGH. */
    static void highRisk(Connection c, String number, Instant assessedAt) throws SQLException {
        aCase(c, number, 7, 7, assessedAt.minus(Duration.ofDays(1)), null, null, "DOMESTIC_VIOLENCE", null, null);
        assessment(c, number, assessedAt, RiskLevel.HIGH);
    }

    static void assessment(Connection c, String number, Instant at, RiskLevel level) throws SQLException {
        update(c, "INSERT INTO risk_assessment (id, case_id, accepted_station_id, instrument_id, score, level,"
                        + " assessed_at, assessed_by, recorded_at) SELECT ?, k.id, k.accepted_station_id, 'test', 0, ?, ?,"
                        + " 'test', ? FROM case_file k WHERE k.number = ?",
                ids++, level.name(), ts(at), ts(at), number);
    }

    static void safetyPlan(Connection c, String number, Instant at) throws SQLException {
        update(c, "INSERT INTO safety_plan (id, case_id, plan, made_at, made_by, recorded_at)"
                + " SELECT ?, k.id, 'plan', ?, 'test', ? FROM case_file k WHERE k.number = ?", ids++, ts(at), ts(at), number);
    }

    static void referral(Connection c, String number, String agency, Instant sentAt) throws SQLException {
        update(c, "INSERT INTO referral (id, case_id, case_number, referral_no, agency_code, urgent, consent_recorded_at,"
                        + " sent_at, sent_by, answer_due_at, status, recorded_at)"
                        + " SELECT ?, k.id, k.number, (SELECT COUNT(*) + 1 FROM referral r WHERE r.case_id = k.id), ?,"
                        + " TRUE, ?, ?, 'test', ?, 'REQUESTED', ? FROM case_file k WHERE k.number = ?",
                ids++, agency, ts(sentAt), ts(sentAt), ts(sentAt.plus(Duration.ofDays(1))), ts(sentAt), number);
    }

    static void protectionOrder(Connection c, String number, Instant appliedAt) throws SQLException {
        update(c, "INSERT INTO protection_order (id, case_id, status, offered_at, applied_at, urgent, ruling_due_at,"
                        + " recorded_at, recorded_by) SELECT ?, k.id, 'APPLIED', ?, ?, TRUE, ?, ?, 'test'"
                        + " FROM case_file k WHERE k.number = ?",
                ids++, ts(appliedAt), ts(appliedAt), ts(appliedAt.plus(Duration.ofHours(24))), ts(appliedAt), number);
    }

    static Instant acceptedAt(Connection c, String number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT accepted_at FROM case_file WHERE number = ?")) {
            s.setString(1, number);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            assertThat(s.executeUpdate()).as(sql).isEqualTo(1);
        }
    }

    private static IndicatorQueries.Scope stationA() {
        return new IndicatorQueries.Scope("/1/2/", FROM, TO, CUTOFF);
    }

    private static IndicatorQueries.Scope county7(Instant from, Instant to, Instant cutoff) {
        return new IndicatorQueries.Scope("/7/", from, to, cutoff);
    }

    private static IndicatorQueries.Scope county7() {
        return county7(FROM, TO, CUTOFF);
    }

    // ---------------------------------------------------------------- the cases

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
        assertThat(queries.cases(Indicator.RESOLVED, stationA(), 0, 100)).containsExactly("A1");
        assertThat(queries.cases(Indicator.CLAIMS_CLOSED, stationA(), 0, 100)).containsExactly("A1", "A4");
    }

    @Test
    void theOnTimeRateComparesTheClosureWithTheDeadline() {
        // A7 was accepted 20 January: its deadline passed at the end of 21 March, it was closed 25 March
        assertThat(queries.counts(stationA()).onTimeRate()).isEqualTo(new Rate(2, 3));
        assertThat(queries.cases(Indicator.ON_TIME, stationA(), 0, 100)).containsExactly("A1", "A4");
    }

    @Test
    void aClosureAtTheInstantTheDeadlinePassesIsLateOneSecondBeforeItIsOnTime() {
        // Z1 and Z2 accepted 7 January: the deadline passes at 24:00 of 8 March; Z1 closed at that instant, Z2 at 23:59:59
        assertThat(queries.cases(Indicator.CLOSED, county7(), 0, 100)).contains("Z1", "Z2");
        assertThat(queries.cases(Indicator.ON_TIME, county7(), 0, 100)).contains("Z2").doesNotContain("Z1");
    }

    @Test
    void overdueCasesAreThoseOpenAtTheCutOffPastTheirDeadlineBandedByDaysOver() {
        IndicatorQueries.Counts counts = queries.counts(stationA());
        assertThat(counts.overdue()).isEqualTo(1);
        assertThat(counts.overdueOver30()).isEqualTo(1);
        assertThat(queries.cases(Indicator.OVERDUE, stationA(), 0, 100)).containsExactly("A5");
    }

    @Test
    void aCaseIsOverdueOnceItsDeadlinePassedBeforeTheCutOffNotWhenItPassesAtTheCutOff() {
        // Z3's deadline passes at 24:00 of 14 April, which is the cut-off; Z4's passed a day earlier: 1 day over.
        // The reopened Z5 runs against its new round's deadline (2 April + 60 days), not its first one (5 January's).
        assertThat(queries.cases(Indicator.OVERDUE, county7(), 0, 100)).containsExactly("Z4");
        IndicatorQueries.Counts counts = queries.counts(county7());
        assertThat(counts.overdue()).isEqualTo(1);
        assertThat(counts.overdue1To15()).isEqualTo(1);
        assertThat(counts.overdue16To30()).isZero();
        assertThat(counts.overdueOver30()).isZero();
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
        IndicatorQueries.Scope cStation = new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF);
        for (Indicator indicator : Indicator.values()) {
            assertThat(queries.count(indicator, county)).as(indicator.name())
                    .isEqualTo(queries.count(indicator, stationA()) + queries.count(indicator, b)
                            + queries.count(indicator, cStation));
        }
        assertThat(queries.counts(county).accepted()).isEqualTo(5);
    }

    @Test
    void theRepeatVisitRateCountsAcceptedCasesThatRepeatAnEarlierCase() {
        assertThat(queries.counts(stationA()).repeatVisitRate()).isEqualTo(new Rate(1, 4));
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineTheOnTimeRateMeasuresAgainst() {
        // C9: due at the end of 6 March, extended to the end of 5 April, closed 20 March: on time
        IndicatorQueries.Scope c = new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF);
        assertThat(queries.cases(Indicator.ON_TIME, c, 0, 100)).contains("C9");
    }

    @Test
    void aReopenedCaseIsClosedOnceAtItsFinalClosureAgainstItsNewRoundsDeadline() {
        // C10 was closed in February, reopened on 28 February, and closed again on 22 March: it counts in March,
        // once, and on time against the reopened round's 60 days (its first deadline passed on 7 March)
        IndicatorQueries.Scope march = new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF);
        IndicatorQueries.Scope february = new IndicatorQueries.Scope("/1/4/", bj(2026, 2, 1, 0, 0), FROM, CUTOFF);
        assertThat(queries.cases(Indicator.CLOSED, march, 0, 100)).containsExactly("C10", "C9");
        assertThat(queries.cases(Indicator.ON_TIME, march, 0, 100)).containsExactly("C10", "C9");
        assertThat(queries.cases(Indicator.CLOSED, february, 0, 100)).isEmpty();
        // its February closure was reopened within 90 days; its March closure was not
        assertThat(queries.counts(february).reopenRate()).isEqualTo(new Rate(1, 1));
        assertThat(queries.cases(Indicator.CLOSURES_REOPENED, february, 0, 100)).containsExactly("C10");
        assertThat(queries.counts(march).reopenRate()).isEqualTo(new Rate(0, 2));
    }

    // ---------------------------------------------------------------- the case's work

    @Test
    void theMediationSuccessRateCountsMediationsEndingInAnAgreementAmongThoseConcluded() {
        // A1: continued, then a written agreement; A4: terminated; A3's agreement of 2 April is April's
        assertThat(queries.counts(stationA()).mediationSuccessRate()).isEqualTo(new Rate(1, 2));
        assertThat(queries.cases(Indicator.MEDIATIONS_CONCLUDED, stationA(), 0, 100)).containsExactly("A1", "A4");
        assertThat(queries.cases(Indicator.MEDIATIONS_AGREED, stationA(), 0, 100)).containsExactly("A1");
    }

    @Test
    void satisfactionLeavesUnreachableFollowUpsOutAndReportsThemApart() {
        // A4 satisfied, A7 unreachable; A1's visit is due on 19 April, after the cut-off's day
        IndicatorQueries.Counts counts = queries.counts(stationA());
        assertThat(counts.satisfaction()).isEqualTo(new Rate(1, 1));
        assertThat(counts.followUpsUnreachable()).isEqualTo(1);
        assertThat(counts.followUpRate()).isEqualTo(new Rate(2, 2));
        assertThat(queries.cases(Indicator.FOLLOW_UPS_UNREACHABLE, stationA(), 0, 100)).containsExactly("A7");
    }

    @Test
    void theFollowUpRateCountsTheVisitsOfThePeriodsClosuresDueByTheCutOff() {
        // due: Z8 (done), Z9 (its day, 14 April, is over at the cut-off; not done), Z11 (done before it was due);
        // not due: Z10 (15 April), Z12 (cancelled when the case was withdrawn), Z13 (due and done after the
        // cut-off), Z5's two visits (cancelled by its reopenings)
        IndicatorQueries.Counts counts = queries.counts(county7());
        assertThat(counts.followUpRate()).isEqualTo(new Rate(2, 3));
        assertThat(queries.cases(Indicator.FOLLOW_UPS_DUE, county7(), 0, 100)).containsExactly("Z11", "Z8", "Z9");
        assertThat(queries.cases(Indicator.FOLLOW_UPS_DONE, county7(), 0, 100)).containsExactly("Z11", "Z8");
        // Z8 satisfied, Z11 not
        assertThat(counts.satisfaction()).isEqualTo(new Rate(1, 2));
        assertThat(counts.followUpsUnreachable()).isZero();
        // a week later Z10 is due too, and Z13's visit (20 April) is done and due
        IndicatorQueries.Counts later = queries.counts(county7(FROM, TO, bj(2026, 4, 22, 0, 0)));
        assertThat(later.followUpRate()).isEqualTo(new Rate(3, 5));
        assertThat(later.followUpsUnreachable()).isEqualTo(1);
    }

    @Test
    void aDecemberClosuresJanuaryFollowUpBelongsToDecember() {
        Instant december = bj(2025, 12, 1, 0, 0);
        Instant january = bj(2026, 1, 1, 0, 0);
        Instant february = bj(2026, 2, 1, 0, 0);
        Instant cutoff = bj(2026, 2, 15, 0, 0);
        // Z14 (closed 20 December) visited on 16 January; Z15 (closed 28 December) due on 27 January, not visited
        IndicatorQueries.Counts decemberCounts = queries.counts(county7(december, january, cutoff));
        assertThat(decemberCounts.followUpRate()).isEqualTo(new Rate(1, 2));
        assertThat(decemberCounts.satisfaction()).isEqualTo(new Rate(1, 1));
        assertThat(queries.cases(Indicator.FOLLOW_UPS_DUE, county7(december, january, cutoff), 0, 100))
                .containsExactly("Z14", "Z15");
        // January's report has no closure to follow up, though both visits fell in January
        assertThat(queries.counts(county7(january, february, cutoff)).followUpRate()).isEqualTo(new Rate(0, 0));
        // cut off at the end of December, nothing of December was due yet
        assertThat(queries.counts(county7(december, january, january)).followUpRate()).isEqualTo(new Rate(0, 0));
    }

    @Test
    void theReopenRateCountsEachCaseOnceAndOnlyReopeningsWithinNinetyDaysByTheCutOff() {
        // closures approved in March at county 7: Z5 (twice, reopened after each), Z6, Z7, Z1, Z2, Z8 ... Z13, and Z25
        // (reopened in March, but before its March closure, not after it); by 15 April only Z5 was reopened after a
        // March closure: once in the numerator, once in the denominator
        IndicatorQueries.Counts counts = queries.counts(county7());
        List<String> approved = queries.cases(Indicator.CLOSURES_APPROVED, county7(), 0, 100);
        assertThat(approved).containsExactly("Z1", "Z10", "Z11", "Z12", "Z13", "Z2", "Z25", "Z5", "Z6", "Z7", "Z8", "Z9");
        assertThat(counts.reopenRate()).isEqualTo(new Rate(1, 12));
        assertThat(queries.cases(Indicator.CLOSURES_REOPENED, county7(), 0, 100)).containsExactly("Z5");
        // cut off on 1 July: Z6 reopened on the 90th day after its closure (5 March → 3 June, by dates) counts,
        // Z7 on the 91st (6 March → 5 June) does not
        IndicatorQueries.Scope july = county7(FROM, TO, bj(2026, 7, 1, 0, 0));
        assertThat(queries.cases(Indicator.CLOSURES_REOPENED, july, 0, 100)).containsExactly("Z5", "Z6");
        assertThat(queries.counts(july).reopenRate()).isEqualTo(new Rate(2, 12));
    }

    @Test
    void aCaseCountsAsReopenedWhenAnyOfItsClosuresInThePeriodWasReopenedWithinNinetyDays() {
        // the first half of 2026: Z24's January closure was reopened after 147 days, its June closure after 7
        IndicatorQueries.Scope half = county7(bj(2026, 1, 1, 0, 0), bj(2026, 7, 1, 0, 0), bj(2026, 7, 10, 0, 0));
        List<String> reopened = queries.cases(Indicator.CLOSURES_REOPENED, half, 0, 100);
        assertThat(reopened).contains("Z24", "Z5", "Z6").doesNotContain("Z7");
        assertThat(queries.counts(half).reopenRate().numerator()).isEqualTo(reopened.size());
        assertThat(queries.counts(half).reopenRate().denominator())
                .isEqualTo(queries.cases(Indicator.CLOSURES_APPROVED, half, 0, 100).size());
        // in January alone (cut off on 10 July) it was not reopened within 90 days of that closure
        assertThat(queries.cases(Indicator.CLOSURES_REOPENED,
                county7(bj(2026, 1, 1, 0, 0), bj(2026, 2, 1, 0, 0), bj(2026, 7, 10, 0, 0)), 0, 100)).isEmpty();
    }

    @Test
    void highRiskTimelinessNeedsASafetyPlanOrReferralWithin24Hours() {
        // A2: plan 10 hours after the HIGH assessment; A3: two days after
        assertThat(queries.counts(stationA()).highRiskTimeliness()).isEqualTo(new Rate(1, 2));
    }

    @Test
    void highRiskTimelinessTakesAPoliceOrCourtReferralOrAnApplicationWithin24HoursAfterTheAssessment() {
        // in time: Z16 (police, 23 h), Z18 (court, 2 h), Z20 (protection order, 20 h), Z21 (plan, 24 h), Z23 (plan
        // 5 h after the first of its two HIGH assessments); late: Z17 (police, 25 h); Z19 only went to a shelter;
        // Z22 was not HIGH
        IndicatorQueries.Counts counts = queries.counts(county7());
        assertThat(counts.highRiskTimeliness()).isEqualTo(new Rate(5, 7));
        assertThat(queries.cases(Indicator.HIGH_RISK, county7(), 0, 100))
                .containsExactly("Z16", "Z17", "Z18", "Z19", "Z20", "Z21", "Z23");
        assertThat(queries.cases(Indicator.HIGH_RISK_IN_TIME, county7(), 0, 100))
                .containsExactly("Z16", "Z18", "Z20", "Z21", "Z23");
    }

    // ---------------------------------------------------------------- groups, rows and drill-down

    @Test
    void receivedAcceptedAndClosedAreBrokenDownByCategoryAndChannel() {
        IndicatorQueries.Groups groups = queries.groups(stationA());
        assertThat(groups.byCategory()).contains(
                new IndicatorQueries.Group("MARRIAGE_DISPUTE", 1, 1, 1), new IndicatorQueries.Group("OTHER", 3, 2, 4));
        assertThat(groups.byChannel()).extracting(IndicatorQueries.Group::key, IndicatorQueries.Group::accepted,
                IndicatorQueries.Group::closed).contains(org.assertj.core.groups.Tuple.tuple("VISIT", 4L, 3L));
        assertThat(groups.byChannel().stream().mapToLong(IndicatorQueries.Group::received).sum())
                .as("every contact received in one channel's cell").isEqualTo(queries.counts(stationA()).received());
    }

    @Test
    void acceptedAndClosedAreBrokenDownByTheirMonthInBeijingTimeEveryMonthOfThePeriodListed() {
        // the first quarter at A: A4 accepted 1 February, A5 1 January, A7 20 January; A1, A2, A3, A6 in March;
        // closed A1, A4, A7 in March (A2 on 10 April, after the quarter)
        Instant january = bj(2026, 1, 1, 0, 0);
        IndicatorQueries.Scope quarter = new IndicatorQueries.Scope("/1/2/", january, TO, CUTOFF);
        assertThat(queries.groups(quarter).byMonth()).containsExactly(new IndicatorQueries.Group("2026-01", 2, 0, 2),
                new IndicatorQueries.Group("2026-02", 1, 0, 1), new IndicatorQueries.Group("2026-03", 4, 3, 5));
        // Y1, accepted at 00:30 on 1 March Beijing time (still February in UTC), counts to March
        assertThat(queries.groups(new IndicatorQueries.Scope("/9/", january, TO, CUTOFF)).byMonth())
                .extracting(IndicatorQueries.Group::key, IndicatorQueries.Group::accepted, IndicatorQueries.Group::closed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-01", 0L, 0L),
                        org.assertj.core.groups.Tuple.tuple("2026-02", 0L, 0L),
                        org.assertj.core.groups.Tuple.tuple("2026-03", 1L, 0L));
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

    /** The figure a report shows for an indicator, read from its row. */
    static long shown(IndicatorQueries.Counts counts, Indicator indicator) {
        return switch (indicator) {
            case ACCEPTED -> counts.accepted();
            case CLOSED -> counts.closed();
            case COHORT_CLOSED -> counts.cohortClosureRate().numerator();
            case COHORT -> counts.cohortClosureRate().denominator();
            case OPEN_AT_START -> counts.flowClosureRate().denominator() - counts.accepted();
            case RESOLVED -> counts.resolutionRate().numerator();
            case CLAIMS_CLOSED -> counts.resolutionRate().denominator();
            case ON_TIME -> counts.onTimeRate().numerator();
            case OVERDUE -> counts.overdue();
            case MEDIATIONS_CONCLUDED -> counts.mediationSuccessRate().denominator();
            case MEDIATIONS_AGREED -> counts.mediationSuccessRate().numerator();
            case FOLLOW_UPS_DUE -> counts.followUpRate().denominator();
            case FOLLOW_UPS_DONE -> counts.followUpRate().numerator();
            case FOLLOW_UPS_ANSWERED -> counts.satisfaction().denominator();
            case FOLLOW_UPS_SATISFIED -> counts.satisfaction().numerator();
            case FOLLOW_UPS_UNREACHABLE -> counts.followUpsUnreachable();
            case CLOSURES_APPROVED -> counts.reopenRate().denominator();
            case CLOSURES_REOPENED -> counts.reopenRate().numerator();
            case HIGH_RISK -> counts.highRiskTimeliness().denominator();
            case HIGH_RISK_IN_TIME -> counts.highRiskTimeliness().numerator();
            case REPEAT_VISITS -> counts.repeatVisitRate().numerator();
            case AUDITED -> counts.closureQuality().denominator();
            case AUDIT_PASSED -> counts.closureQuality().numerator();
            case REVIEWS -> counts.reviews();
            case RE_REVIEWS -> counts.reReviews();
        };
    }

    @Test
    void theDrillDownListsExactlyTheCasesBehindEachCountOfEveryRow() {
        // (no case here has two mediations concluded or two visits due in one period, so each list is as long as
        // its count)
        List<IndicatorQueries.Scope> scopes = List.of(new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF, false),
                stationA(), new IndicatorQueries.Scope("/1/3/", FROM, TO, CUTOFF),
                new IndicatorQueries.Scope("/1/4/", FROM, TO, CUTOFF), new IndicatorQueries.Scope("/1/", FROM, TO, CUTOFF),
                county7(), new IndicatorQueries.Scope("/", FROM, TO, CUTOFF));
        List<IndicatorQueries.Counts> rows = queries.counts(scopes);
        for (int i = 0; i < scopes.size(); i++) {
            IndicatorQueries.Scope scope = scopes.get(i);
            for (Indicator indicator : Indicator.values()) {
                assertThat((long) queries.cases(indicator, scope, 0, 100).size()).as(scope + " " + indicator)
                        .isEqualTo(shown(rows.get(i), indicator)).isEqualTo(queries.count(indicator, scope));
            }
        }
        // the whole tree: the three counties
        assertThat(rows.get(6).accepted()).isEqualTo(rows.get(4).accepted() + rows.get(5).accepted() + 1);
        // every indicator has something to list somewhere, so that none of these comparisons is of nothing
        for (Indicator indicator : Indicator.values()) {
            assertThat(shown(rows.get(6), indicator)).as(indicator.name()).isPositive();
        }
    }

    @Test
    void theClosureQualityCountsTheAuditsReviewedInThePeriodAndListsTheirCases() {
        assertThat(queries.counts(stationA()).closureQuality()).isEqualTo(new Rate(1, 2));
        assertThat(queries.cases(Indicator.AUDITED, stationA(), 0, 10)).containsExactly("A4", "A7");
        assertThat(queries.cases(Indicator.AUDIT_PASSED, stationA(), 0, 10)).containsExactly("A4");
    }

    @Test
    void reviewsAndReReviewsCountInTheMonthTheyWereAskedFor() {
        assertThat(queries.counts(stationA()).reviews()).isEqualTo(1);
        assertThat(queries.counts(stationA()).reReviews()).isEqualTo(1);
        assertThat(queries.cases(Indicator.REVIEWS, stationA(), 0, 10)).containsExactly("A1");
    }

    @Test
    void theDrillDownPagesThroughTheCasesInNumberOrder() {
        assertThat(queries.cases(Indicator.HIGH_RISK, county7(), 2, 3)).containsExactly("Z18", "Z19", "Z20");
    }

    @Test
    void aRateOverNothingHasNoPercentage() {
        assertThat(new Rate(0, 0).percent()).isNull();
        assertThat(new Rate(9, 9).percent()).isEqualByComparingTo("100.0");
    }
}
