package org.weiquan.workflow.engine;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the tests of the inbox's table share: Weiquan's tables it is filled from, as far as it reads them, with its
 * own migration (V93: the table and the H2 triggers that keep it in step) on an in-memory H2; and a DataSource that
 * keeps every statement sent through it.
 */
final class InboxFixture {

    private InboxFixture() {
    }

    /** Stations, cases and contacts with the columns the inbox reads, then V93. */
    static void weiquanTables(DataSource h2) throws SQLException {
        sql(h2, "CREATE TABLE station (id BIGINT PRIMARY KEY, name VARCHAR(100), path VARCHAR(1000))");
        sql(h2, "CREATE TABLE case_file (id BIGINT PRIMARY KEY, number VARCHAR(48), station_id BIGINT, risk_level VARCHAR(8))");
        sql(h2, "CREATE TABLE contact (id BIGINT PRIMARY KEY, station_id BIGINT)");
        script(h2, "db/migration/h2/V93__inbox_read_model.sql");
    }

    /** A migration's statements, as Flyway would run them (no statement here holds a semicolon of its own). */
    static void script(DataSource h2, String resource) throws SQLException {
        String text;
        try (InputStream in = InboxFixture.class.getClassLoader().getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(resource, e);
        }
        String code = text.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"));
        for (String statement : code.split(";")) {
            if (!statement.isBlank()) {
                sql(h2, statement);
            }
        }
    }

    static void sql(DataSource h2, String statement) throws SQLException {
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /**
     * The DataSource with every statement prepared or created on its connections added to {@code statements}: its
     * text in lower case on one line ("(statement)" for one created without text).
     */
    static DataSource recording(DataSource real, List<String> statements) {
        ClassLoader loader = InboxFixture.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = method.invoke(real, args);
            if (!(result instanceof Connection connection)) {
                return result;
            }
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                    statements.add(sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
                } else if (m.getName().equals("createStatement")) {
                    statements.add("(statement)");
                }
                return m.invoke(connection, a);
            });
        });
    }
}
