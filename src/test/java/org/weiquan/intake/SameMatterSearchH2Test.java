package org.weiquan.intake;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.weiquan.infrastructure.DatabaseMigrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate search's statements on the H2 schema (the migrations, V83's name keys included): what the
 * PostgreSQL run in IntakeIT does, on the other database Weiquan supports.
 */
class SameMatterSearchH2Test {

    static JdbcDataSource h2;

    @BeforeAll
    static void migrate() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:same-matter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        DatabaseMigrations.configuration(h2, false).load().migrate();
        try (Connection c = h2.getConnection()) {
            update(c, "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (1, 'T', '县', 'COUNTY', NULL, '/1/', 1)");
            update(c, "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (2, 'T-01', '甲村', 'VILLAGE', 1, '/1/2/', 1)");
            update(c, "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES (3, 'T-02', '乙村', 'VILLAGE', 1, '/1/3/', 1)");
            contact(c, 10, 2, "张晓花", "刘建国", "idx-phone-1");
            contact(c, 11, 2, "王芳", "李强", null);
            contact(c, 12, 3, "张晓花", null, "idx-phone-1");
            // a name written before V83, its keys filled by the migration's own statement
            update(c, "UPDATE party SET name_key_head = NULL, name_key_gap = NULL WHERE contact_id = 11");
            // a name and respondent that many hold: one at 甲村, then thirty newer ones at 乙村, then thirty at 甲村
            contact(c, 20, 2, "赵秀英", "钱大勇", null);
            for (long id = 100; id < 130; id++) {
                contact(c, id, 3, "赵秀英", "钱大勇", null);
            }
            for (long id = 200; id < 230; id++) {
                contact(c, id, 2, "赵秀英", "钱大勇", null);
            }
        }
    }

    private static void contact(Connection c, long id, long station, String complainant, String respondent, String phone)
            throws SQLException {
        update(c, "INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at, registered_by,"
                + " version) VALUES (" + id + ", " + station + ", 'VISIT', CURRENT_TIMESTAMP, 's', 'AWAITING_REVIEW',"
                + " CURRENT_TIMESTAMP, 'u', 1)");
        party(c, id * 10, id, station, 0, "COMPLAINANT", complainant);
        if (respondent != null) {
            party(c, id * 10 + 1, id, station, 1, "RESPONDENT", respondent);
        }
        if (phone != null) {
            update(c, "INSERT INTO party_phone (id, party_id, position, number_enc, number_idx, safe_to_contact) VALUES ("
                    + id * 10 + ", " + id * 10 + ", 0, 'enc', '" + phone + "', TRUE)");
        }
    }

    private static void party(Connection c, long id, long contact, long station, int position, String role, String name)
            throws SQLException {
        PersonName.Keys keys = PersonName.keys(name);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO party (id, contact_id, station_id, position, role, name,"
                + " name_pinyin, name_key_head, name_key_gap) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, contact);
            s.setLong(3, station);
            s.setInt(4, position);
            s.setString(5, role);
            s.setString(6, name);
            s.setString(7, PersonName.pinyin(name));
            s.setString(8, keys.head());
            s.setString(9, keys.gap());
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.executeUpdate();
        }
    }

    /** What {@code SameMatterSearch.find} does: the search, the rule's judgement, and the flagged contacts read again. */
    private static List<DuplicateCandidate> find(SameMatterSearch.Probe probe, String scope) throws SQLException {
        List<SameMatterSearch.Judged> judged = SameMatterSearch.judge(probe, rows(probe, scope), LocalDate.of(2026, 12, 5));
        return judged.isEmpty() ? List.of() : SameMatterSearch.candidates(judged, rows(SameMatterSearch.shown(judged)));
    }

    /** The search's rows: one per match, with the earlier contact's id second. */
    private static List<Object[]> rows(SameMatterSearch.Probe probe, String scope) throws SQLException {
        return rows(SameMatterSearch.search(probe, scope, (value, context) -> "idx-" + value));
    }

    private static List<Object[]> rows(SameMatterSearch.Search search) throws SQLException {
        try (Connection c = h2.getConnection()) {
            return SearchRows.of(c, search);
        }
    }

    @Test
    void theMigrationGivesOlderNamesTheirKeys() throws SQLException {
        DatabaseMigrations.configuration(h2, false).load().migrate();
        try (Connection c = h2.getConnection()) {
            // V83 ran before the rows above; run its statement again as Flyway did on a database with names in it
            String sql = new String(SameMatterSearchH2Test.class.getResourceAsStream("/db/migration/h2/V83__party_name_keys.sql")
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String backfill = sql.substring(sql.indexOf("UPDATE party"), sql.indexOf(";", sql.indexOf("UPDATE party")));
            update(c, backfill);
            try (PreparedStatement s = c.prepareStatement("SELECT name_key_head, name_key_gap FROM party WHERE id = 110");
                 ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("王芳*");
                assertThat(r.getString(2)).isEqualTo("王*芳");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHomophoneWithTheSameRespondentIsFoundInScopeOnlyAndANameTwoContactsHoldSaysLittleAlone() throws SQLException {
        var probe = new SameMatterSearch.Probe(Set.of(), Set.of(), Set.of("张小花"), Set.of("刘建国"));
        assertThat(find(probe, "/1/2/")).extracting(DuplicateCandidate::contactId).containsExactly(10L);
        // in the county two contacts hold the name's reading: contact 12 has the name alone and is not a candidate
        // (it was, when a name counted alone whatever its namesakes); contact 10 has the respondent too
        assertThat(find(probe, "/1/")).extracting(DuplicateCandidate::contactId).containsExactly(10L);
        var nameAlone = new SameMatterSearch.Probe(Set.of(), Set.of(), Set.of("张小花"), Set.of());
        assertThat(find(nameAlone, "/1/3/")).extracting(DuplicateCandidate::contactId).containsExactly(12L);
        assertThat(find(nameAlone, "/1/")).isEmpty();
        DuplicateCandidate best = find(probe, "/1/").get(0);
        assertThat(best.reasons()).containsExactlyInAnyOrder(DuplicateCandidate.Reason.SIMILAR_COMPLAINANT_NAME,
                DuplicateCandidate.Reason.SAME_RESPONDENT);
        assertThat(best.complainant()).isEqualTo("张*花");
        assertThat(best.stationCode()).isEqualTo("T-01");
    }

    @Test
    void theSamePhoneIsFoundAndRanksFirst() throws SQLException {
        var probe = new SameMatterSearch.Probe(Set.of("phone-1"), Set.of(), Set.of("某某"), Set.of());
        List<DuplicateCandidate> found = find(probe, "/1/");
        assertThat(found).extracting(DuplicateCandidate::contactId).containsExactlyInAnyOrder(10L, 12L);
        assertThat(found).allSatisfy(d -> assertThat(d.reasons()).containsExactly(DuplicateCandidate.Reason.SAME_PHONE));
    }

    @Test
    void aNameManyHoldReadsItsNewestHoldersInScopeOnly() throws SQLException {
        var probe = new SameMatterSearch.Probe(Set.of(), Set.of(), Set.of("赵秀英"), Set.of("钱大勇"));
        List<Object[]> rows = rows(probe, "/1/2/");
        java.util.Set<Long> read = new java.util.TreeSet<>();
        rows.forEach(r -> read.add(((Number) r[1]).longValue()));
        // each of the six keys (pinyin, head, gap of either party) reads its 25 newest holders at 甲村: not the
        // thirty-one there, nor the newer ones at 乙村, which the scope excludes before the bound counts
        assertThat(read).hasSize(SameMatterSearch.PER_KEY).allSatisfy(id -> assertThat(id).isBetween(205L, 229L));
        assertThat(rows).hasSize(6 * SameMatterSearch.PER_KEY);
        // the common name and respondent together still warn, newest first
        assertThat(find(probe, "/1/2/")).hasSize(SameMatterSearch.LIMIT)
                .allSatisfy(d -> assertThat(d.reasons()).containsExactlyInAnyOrder(
                        DuplicateCandidate.Reason.SIMILAR_COMPLAINANT_NAME, DuplicateCandidate.Reason.SAME_RESPONDENT));
        // at 乙村 the newest holders, all at 甲村, are out of scope: its own are read, the newest 25 of its thirty
        java.util.Set<Long> elsewhere = new java.util.TreeSet<>();
        rows(probe, "/1/3/").forEach(r -> elsewhere.add(((Number) r[1]).longValue()));
        assertThat(elsewhere).hasSize(SameMatterSearch.PER_KEY).allSatisfy(id -> assertThat(id).isBetween(105L, 129L));
    }

    @Test
    void aCommonTwoCharacterNameAloneFindsNothing() throws SQLException {
        var probe = new SameMatterSearch.Probe(Set.of(), Set.of(), Set.of("王芳"), Set.of());
        assertThat(find(probe, "/1/")).isEmpty();
    }
    @Test
    void ofMoreFlaggedContactsThanAreShownTheStrongestAndThenTheNewestAreShown() {
        // thirty earlier contacts with the phone, and contact 5 with the phone and the complainant's name too
        List<Object[]> rows = new ArrayList<>();
        for (long id = 1; id <= 30; id++) {
            rows.add(new Object[] {0, id, "某某", null, null, null, "moumou"});
        }
        rows.add(new Object[] {2, 5L, "张晓花", null, null, null, "zhangxiaohua"});
        var probe = new SameMatterSearch.Probe(Set.of("phone-1"), Set.of(), Set.of("张晓花"), Set.of());
        List<SameMatterSearch.Judged> judged = SameMatterSearch.judge(probe, rows, LocalDate.of(2026, 12, 5));
        // the twenty-nine with the phone alone tie with the twentieth: all are read again, for their dates to decide
        assertThat(judged).hasSize(30);
        assertThat(judged.get(0).contactId()).isEqualTo(5L);
        SameMatterSearch.Search shown = SameMatterSearch.shown(judged);
        assertThat(shown.parameters()).hasSize(32).endsWith(judged.get(29).contactId(), judged.get(29).contactId());
        // contact 3 was received last; the others in the order of their ids
        java.time.Instant day = java.time.Instant.parse("2026-12-01T02:00:00Z");
        List<Object[]> read = new ArrayList<>();
        for (long id = 1; id <= 30; id++) {
            read.add(new Object[] {id, java.sql.Timestamp.from(id == 3 ? day.plusSeconds(86_400) : day.plusSeconds(id)), null,
                    "AWAITING_REVIEW", null, "T-01", "甲村", "张晓花"});
        }
        List<DuplicateCandidate> answer = SameMatterSearch.candidates(judged, read);
        assertThat(answer).hasSize(SameMatterSearch.LIMIT);
        assertThat(answer).extracting(DuplicateCandidate::contactId).startsWith(5L, 3L, 30L, 29L).endsWith(13L);
        assertThat(answer.get(1).complainant()).isEqualTo("张*花");
        assertThat(answer.get(1).stationName()).isEqualTo("甲村");
    }
}
