package org.weiquan.intake;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.infrastructure.TestPostgres;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The duplicate search's statement on PostgreSQL, where its cost at a province's size is decided: a name's holders are
 * read from the name key's index alone (V98), not looked up again one by one by their key, and the rows are those the
 * rule needs (the newest holders of each key in scope). Runs when {@code WEIQUAN_TEST_DB_URL} is set (as CI sets it),
 * in a schema of its own that is dropped afterwards.
 */
class SameMatterSearchPostgresTest {

    static PGSimpleDataSource admin;
    static PGSimpleDataSource db;
    static String schema;

    /** 张晓花 complains of 刘建国 at 甲村 in 3,000 contacts, and at 乙村 in 1,000; other names fill 6,000 more. */
    @BeforeAll
    static void database() throws SQLException {
        String url = System.getenv("WEIQUAN_TEST_DB_URL");
        assumeTrue(url != null && !url.isBlank(), "WEIQUAN_TEST_DB_URL is not set");
        schema = "same_matter_" + ProcessHandle.current().pid();
        admin = TestPostgres.dataSource(url, null);
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        db = TestPostgres.dataSource(url, schema);
        DatabaseMigrations.configuration(db, true).schemas(schema).load().migrate();
        PersonName.Keys mine = PersonName.keys("张晓花");
        PersonName.Keys theirs = PersonName.keys("刘建国");
        execute(db,
                "INSERT INTO station (id, code, name, level, parent_id, path, version) VALUES"
                        + " (1, 'T', '县', 'COUNTY', NULL, '/1/', 1), (2, 'T-01', '甲村', 'VILLAGE', 1, '/1/2/', 1),"
                        + " (3, 'T-02', '乙村', 'VILLAGE', 1, '/1/3/', 1)",
                // contacts 1..10,000: the first 1,000 at 乙村, the rest at 甲村
                "INSERT INTO contact (id, station_id, channel, received_at, summary, status, registered_at, registered_by,"
                        + " version) SELECT g, CASE WHEN g <= 1000 THEN 3 ELSE 2 END, 'VISIT', now(), 's',"
                        + " 'AWAITING_REVIEW', now(), 'u', 1 FROM generate_series(1, 10000) g",
                // every contact's complainant; of the contacts at 甲村 one in three is 张晓花's (the newest of them
                // contact 9,998), the others hold names of their own
                "INSERT INTO party (id, contact_id, station_id, position, role, name, name_pinyin, name_key_head,"
                        + " name_key_gap, gender, age) SELECT g * 10, g, c.station_id, 0, 'COMPLAINANT',"
                        + " CASE WHEN g <= 1000 OR g % 3 = 2 THEN '张晓花' ELSE '王' || g END,"
                        + " CASE WHEN g <= 1000 OR g % 3 = 2 THEN 'zhangxiaohua' ELSE 'wang' || g END,"
                        + " CASE WHEN g <= 1000 OR g % 3 = 2 THEN '" + mine.head() + "' ELSE '王' || g || '*' END,"
                        + " CASE WHEN g <= 1000 OR g % 3 = 2 THEN '" + mine.gap() + "' ELSE '王*' || g END,"
                        + " 'FEMALE', 30 + g % 40 FROM contact c JOIN generate_series(1, 10000) g ON g = c.id",
                "INSERT INTO party (id, contact_id, station_id, position, role, name, name_pinyin, name_key_head,"
                        + " name_key_gap) SELECT g * 10 + 1, g, c.station_id, 1, 'RESPONDENT', '刘建国', 'liujianguo', '"
                        + theirs.head() + "', '" + theirs.gap() + "' FROM contact c JOIN generate_series(1, 10000) g"
                        + " ON g = c.id WHERE g <= 1000 OR g % 3 = 2",
                // as autovacuum leaves a table some time after a load: its statistics and its visibility map
                "VACUUM ANALYZE contact, party, party_phone, station");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (admin != null) {
            execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static SameMatterSearch.Search search(String scope) {
        SameMatterSearch.Probe probe = new SameMatterSearch.Probe(Set.of(), Set.of(), Set.of("张晓花"), Set.of("刘建国"));
        return SameMatterSearch.search(probe, scope, (value, context) -> "idx-" + value);
    }

    @Test
    void eachNameKeyGivesItsNewestHoldersInScopeWithWhatTheRuleJudges() throws SQLException {
        List<Object[]> rows = rows(search("/1/2/"));

        // three keys of each role, 25 newest holders each: the same 25 contacts of 甲村, none of 乙村
        assertThat(rows).hasSize(6 * SameMatterSearch.PER_KEY);
        assertThat(rows).extracting(r -> ((Number) r[1]).longValue())
                .allMatch(contact -> contact > 1000 && contact % 3 == 2)
                .contains(9998L, 9926L).doesNotContain(9923L);
        Object[] newest = rows.get(0);
        assertThat(newest).containsExactly(2, 9998L, "张晓花", "FEMALE", 30 + 9998 % 40, null, "zhangxiaohua");
    }

    @Test
    void aNamesHoldersAreReadFromTheKeysIndexAloneNotLookedUpAgainOneByOne() throws SQLException {
        SameMatterSearch.Search search = search("/1/2/");
        List<JsonObject> scans = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            String plan = String.valueOf(SearchRows.of(c, new SameMatterSearch.Search("EXPLAIN (ANALYZE, FORMAT JSON) "
                    + search.sql(), search.parameters())).get(0)[0]);
            collectScans(Json.createReader(new StringReader(plan)).readArray().getJsonObject(0).getJsonObject("Plan"),
                    scans);
        }

        assertThat(scans).filteredOn(n -> "party".equals(n.getString("Relation Name", "")))
                .extracting(n -> n.getString("Node Type") + " using " + n.getString("Index Name", "-"))
                .containsExactlyInAnyOrder(
                        "Index Only Scan using party_pinyin_role_ix", "Index Only Scan using party_name_key_head_role_ix",
                        "Index Only Scan using party_name_key_gap_role_ix", "Index Only Scan using party_pinyin_role_ix",
                        "Index Only Scan using party_name_key_head_role_ix", "Index Only Scan using party_name_key_gap_role_ix");
    }

    /**
     * The plan the driver keeps for the search once a connection has run it five times is generic: made without the
     * values, so without knowing how many stations the scope holds or how many parties hold the key. Joined to the
     * scope's stations, that plan read every holder of a common key, hashed them with the stations and sorted them,
     * to give 25: 2,490 rows for one key at 1,000,000 contacts, growing with the station (twenty-eighth session); in a
     * network of 300 stations the first runs' plans, made for the values, read them all too. Each name branch must
     * read no more than its bound, whatever the plan.
     */
    @Test
    void aCommonNamesHoldersAreReadOnlyToTheBoundWhateverThePlan() throws SQLException {
        SameMatterSearch.Search search = search("/1/2/");
        Map<String, List<JsonObject>> scans = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // a county's network of 300 stations, as the reports' benchmark has it: a plan guesses a key's holders
            // in scope as its holders over the stations, too few for the bound to stop a scan
            s.execute("INSERT INTO station (id, code, name, level, parent_id, path, version) SELECT g, 'T-' || g,"
                    + " '村' || g, 'VILLAGE', 1, '/1/' || g || '/', 1 FROM generate_series(4, 300) g");
            // and the other names held by many too, as realistic names are (a key held by 300 on average, not by
            // one): the generic plan's guess of a key's holders is the parties by the distinct keys
            s.execute("UPDATE party SET name_pinyin = 'wang' || id % 20, name_key_head = '王' || id % 20 || '*',"
                    + " name_key_gap = '王*' || id % 20 WHERE name LIKE '王%'");
            s.execute("ANALYZE station, party");
            s.execute("PREPARE same_matter(" + String.join(", ", Collections.nCopies(search.parameters().size(),
                    "text")) + ") AS " + search.sql().replaceAll("\\?(\\d+)", "\\$$1"));
            StringBuilder values = new StringBuilder();
            for (Object p : search.parameters()) {
                values.append(values.length() == 0 ? "" : ", ").append('\'')
                        .append(String.valueOf(p).replace("'", "''")).append('\'');
            }
            // the plan made for the values (a statement's first runs) and the one the driver keeps
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                s.execute("SET LOCAL plan_cache_mode = " + mode);
                try (ResultSet plan = s.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE same_matter(" + values
                        + ")")) {
                    plan.next();
                    collectScans(Json.createReader(new StringReader(plan.getString(1))).readArray().getJsonObject(0)
                            .getJsonObject("Plan"), scans.computeIfAbsent(mode, m -> new ArrayList<>()));
                }
            }
            c.rollback();
            // ANALYZE's count of a table's rows outlives the rollback: the other tests' plans are made on the real one
            c.setAutoCommit(true);
            s.execute("ANALYZE station, party");
        }

        SoftAssertions each = new SoftAssertions();
        scans.forEach((mode, nodes) -> each.assertThat(nodes).as(mode)
                .filteredOn(n -> "party".equals(n.getString("Relation Name", ""))).hasSize(6)
                .allSatisfy(scan -> assertThat(scan.getJsonNumber("Actual Rows").longValue()
                                + (scan.containsKey("Rows Removed by Filter")
                                ? scan.getJsonNumber("Rows Removed by Filter").longValue() : 0))
                        .as("%s: rows read by %s (%s)", mode, scan.getString("Index Name", "-"),
                                scan.getString("Node Type"))
                        .isLessThanOrEqualTo(SameMatterSearch.PER_KEY)));
        each.assertAll();
    }

    private static void collectScans(JsonObject node, List<JsonObject> into) {
        if (node.containsKey("Relation Name")) {
            into.add(node);
        }
        for (JsonValue child : node.getJsonArray("Plans") == null ? List.<JsonValue>of() : node.getJsonArray("Plans")) {
            collectScans(child.asJsonObject(), into);
        }
    }

    private static List<Object[]> rows(SameMatterSearch.Search search) throws SQLException {
        try (Connection c = db.getConnection()) {
            return SearchRows.of(c, search);
        }
    }

    private static void execute(PGSimpleDataSource ds, String... statements) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
