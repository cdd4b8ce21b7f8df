package org.weiquan.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the application's tables up to date before anything else runs. Checks first that the
 * database can be reached and, when it cannot, says in one line which setting to fix; the
 * application then stays up with {@code /health} DOWN instead of failing with a page of stack traces.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    // static: read by the health check without calling this bean, which would start it on the probe's thread
    private static volatile boolean ready;
    private static volatile String product = "unknown";

    @PostConstruct
    void migrate() {
        DatabaseSettings settings = DatabaseSettings.fromConfig();
        if (!probe(settings)) {
            return;
        }
        configuration(dataSource, settings.isPostgres()).load().migrate();
        ready = true;
        LOG.info("Database ready: " + product + " at " + settings.safeUrl());
        if (settings.isPostgres()) {
            warnWhenStatisticsAreNotKept();
        }
    }

    /**
     * PostgreSQL plans every statement from table statistics, and autovacuum is what keeps them as the tables grow.
     * Without it the plans are made for tables of a few rows: measured with none, a registration read every task still
     * awaiting review (7 ms at 124,000) and a claim + complete every variable of every open process (two reads of
     * 84 ms), until V100 and the engine's V101 gave those reads one index each; other plans of the engine cannot be
     * fixed so. A setting of the server, so the node only says so, once at start.
     */
    private void warnWhenStatisticsAreNotKept() {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(STATISTICS_SETTINGS)) {
            rs.next();
            statisticsWarning(rs.getString(1), rs.getString(2)).ifPresent(LOG::warning);
        } catch (SQLException e) {
            LOG.warning("Could not read PostgreSQL's autovacuum and track_counts settings: " + e.getMessage());
        }
    }

    static final String STATISTICS_SETTINGS = "SELECT current_setting('autovacuum'), current_setting('track_counts')";

    /** The warning for PostgreSQL's {@code autovacuum} and {@code track_counts} settings, when they are not both on. */
    static Optional<String> statisticsWarning(String autovacuum, String trackCounts) {
        if ("on".equals(autovacuum) && "on".equals(trackCounts)) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL keeps no table statistics by itself (autovacuum = " + autovacuum
                + ", track_counts = " + trackCounts + "): queries are planned as for small tables and slow down as the"
                + " data grows. Turn both on, or run ANALYZE at least daily (README, \"Running on PostgreSQL\").");
    }

    /**
     * The application's migrations: the SQL ones of {@code db/migration} (common, and the database's own) and the
     * Java ones, registered here because Flyway would look for them in the package {@code db.migration} only.
     */
    public static FluentConfiguration configuration(DataSource dataSource, boolean postgres) {
        return Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/common",
                        postgres ? "classpath:db/migration/postgresql" : "classpath:db/migration/h2")
                .javaMigrations(new V13__CaseWorkAsRecords())
                .table("schema_history");
    }

    /**
     * The migrations of the engine's own tables (indexes the engine lacks, {@code db/migration/engine}, V80 on),
     * with their own history table: Weiquan's migrations run before the engine creates its tables on an empty
     * database, these after it (called by the engine's start-up once its schema is current). A database that
     * already has tables gets a baseline at version 79 first.
     */
    public static FluentConfiguration engineTables(DataSource dataSource) {
        return Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/engine")
                .table("engine_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("79");
    }

    /** Connects once outside the pool, so that the reason for a failure is the driver's own, in one line. */
    private boolean probe(DatabaseSettings settings) {
        try (Connection c = ConfiguredDataSource.create(settings).getConnection()) {
            product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "database probe failed", e);
            LOG.severe(settings.unreachableMessage(e));
            return false;
        }
    }

    /** True once the database answered and its schema is current. */
    public boolean isReady() {
        return ready;
    }

    /** The same, for callers that must not touch this bean before it has started (health checks). */
    public static boolean migrated() {
        return ready;
    }

    /** {@link #product()}, likewise. */
    public static String productName() {
        return product;
    }

    /** Which database this is, e.g. "PostgreSQL 15.20"; shown in the health check and test output. */
    public String product() {
        return product;
    }
}
