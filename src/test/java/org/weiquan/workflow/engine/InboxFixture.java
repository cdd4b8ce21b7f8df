package org.weiquan.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the tests of the inbox's table share: Weiquan's tables it is filled from, as far as it reads them, with its
 * own migration (V93: the table and the H2 triggers that keep it in step) on an in-memory H2; a DataSource that
 * keeps every statement sent through it; and an engine on both.
 */
final class InboxFixture {

    private InboxFixture() {
    }

    /** A new in-memory H2 database with {@link #weiquanTables}. */
    static JdbcDataSource database(String name) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        weiquanTables(h2);
        return h2;
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
     * A real engine on {@code h2} (history ACTIVITY, no job executor), every statement it sends added to
     * {@code statements}, with these parse listeners added to every model as {@code ProcessEngineBootstrap} adds them.
     */
    static ProcessEngine engine(DataSource h2, List<String> statements, BpmnParseListener... listeners) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(recording(h2, statements));
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setJobExecutorActivate(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        configuration.setProcessEngineName("inbox-" + UUID.randomUUID());
        configuration.setCustomPreBPMNParseListeners(new ArrayList<>(List.of(listeners)));
        return configuration.buildProcessEngine();
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
