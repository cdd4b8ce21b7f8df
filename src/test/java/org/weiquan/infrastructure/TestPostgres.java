package org.weiquan.infrastructure;

import org.postgresql.ds.PGSimpleDataSource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database the tests run against outside the container: {@code WEIQUAN_TEST_DB_URL}, with
 * {@code WEIQUAN_TEST_DB_USER} and {@code WEIQUAN_TEST_DB_PASSWORD} ({@code weiquan}/{@code weiquan} when unset, as
 * {@code .ci/run} creates it). Each test class works in a schema of its own.
 */
public final class TestPostgres {

    private TestPostgres() {
    }

    /** A data source on {@code url}, working in {@code schema} (or the role's default schema when null). */
    public static PGSimpleDataSource dataSource(String url, String schema) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser(env("WEIQUAN_TEST_DB_USER", "weiquan"));
        pg.setPassword(env("WEIQUAN_TEST_DB_PASSWORD", "weiquan"));
        if (schema != null) {
            pg.setCurrentSchema(schema);
        }
        return pg;
    }

    /** The plan PostgreSQL gives for an {@code EXPLAIN …} statement, one line of it per line. */
    public static String plan(Statement s, String explain) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery(explain)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}
