package org.weiquan.infrastructure;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A database as Weiquan left it before the typed records (schema V11), for the migration tests: Weiquan's tables made
 * by the application's own migrations up to V11, the engine's tables made by Camunda's own create scripts, and the
 * rows of {@code src/test/resources/migration/v11-fixture.sql.gz} (see the README next to it). On PostgreSQL when
 * {@code WEIQUAN_TEST_DB_URL} is set, in a schema of its own that {@link #close()} drops; in memory on H2 otherwise.
 */
final class OldDatabase implements AutoCloseable {

    static final String FIXTURE = "migration/v11-fixture.sql.gz";
    private static final AtomicInteger NUMBER = new AtomicInteger();

    final DataSource dataSource;
    final boolean postgres;
    private final String schema;
    private final DataSource admin;

    private OldDatabase(DataSource dataSource, boolean postgres, String schema, DataSource admin) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.schema = schema;
        this.admin = admin;
    }

    /** An empty database: PostgreSQL (a fresh schema) when the tests are given one, H2 in memory otherwise. */
    static OldDatabase empty() {
        String url = System.getenv("WEIQUAN_TEST_DB_URL");
        String name = "v13_" + ProcessHandle.current().pid() + "_" + NUMBER.incrementAndGet();
        if (url == null || url.isBlank()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            h2.setUser("weiquan");
            return new OldDatabase(h2, false, null, null);
        }
        PGSimpleDataSource admin = TestPostgres.dataSource(url, null);
        execute(admin, "CREATE SCHEMA " + name);
        PGSimpleDataSource own = TestPostgres.dataSource(url, name);
        return new OldDatabase(own, true, name, admin);
    }

    /** The old database with the fixture's rows: Weiquan's tables at V11, and the engine's when asked for. */
    static OldDatabase withFixture(boolean engine) {
        OldDatabase db = empty();
        try {
            DatabaseMigrations.configuration(db.dataSource, db.postgres).target("11").load().migrate();
            if (engine) {
                db.engineTables();
            }
            db.load(engine);
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The engine's tables as Camunda 7.24 creates them (engine and history). */
    private void engineTables() {
        String product = postgres ? "postgres" : "h2";
        for (String part : new String[]{"engine", "history"}) {
            String script = read(getClass().getClassLoader().getResourceAsStream(
                    "org/camunda/bpm/engine/db/create/activiti." + product + ".create." + part + ".sql"), false);
            StringBuilder sql = new StringBuilder();
            for (String line : script.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                for (String statement : sql.toString().split(";")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The fixture's INSERT statements (one a line) and its sequences' next values. */
    private void load(boolean engine) {
        String fixture = read(getClass().getClassLoader().getResourceAsStream(FIXTURE), true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            int n = 0;
            for (String line : fixture.split("\n")) {
                boolean engineRow = line.toLowerCase(Locale.ROOT).startsWith("insert into act_");
                if (line.startsWith("--") || line.isBlank() || (engineRow && !engine)) {
                    continue;
                }
                s.addBatch(line.substring(0, line.length() - 1));
                if (++n % 500 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getNextException() != null ? e.getNextException() : e);
        }
    }

    private static String read(InputStream in, boolean gzipped) {
        if (in == null) {
            throw new IllegalStateException("a resource of the migration test is missing");
        }
        try (InputStream source = gzipped ? new GZIPInputStream(in) : in;
             BufferedReader reader = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8))) {
            StringBuilder text = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                text.append(line).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Brings the database to the newest version, as the application does at start-up. */
    void migrate() {
        DatabaseMigrations.configuration(dataSource, postgres).load().migrate();
    }

    String product() {
        return postgres ? "PostgreSQL (schema " + schema + ")" : "H2 in memory";
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (postgres) {
            execute(admin, "DROP SCHEMA " + schema + " CASCADE");
        } else {
            execute(dataSource, "SHUTDOWN");
        }
    }
}
