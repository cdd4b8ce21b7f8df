package org.weiquan.infrastructure;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The connection factory behind the container's pool: picks the PostgreSQL or H2 driver from
 * {@code WEIQUAN_DB_URL}, so that one setting is enough to move from H2 to PostgreSQL.
 * The container pools and enlists its connections in JTA transactions.
 */
public class ConfiguredDataSource implements DataSource {

    private static final Logger LOG = Logger.getLogger(ConfiguredDataSource.class.getName());
    private static volatile long lastLogged;

    private volatile DataSource target;
    private PrintWriter logWriter;
    private int loginTimeout;

    private DataSource target() throws SQLException {
        DataSource t = target;
        if (t == null) {
            synchronized (this) {
                if (target == null) {
                    target = create(DatabaseSettings.fromConfig());
                }
                t = target;
            }
        }
        return t;
    }

    static DataSource create(DatabaseSettings settings) throws SQLException {
        if (settings.isPostgres()) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(settings.url());
            pg.setUser(settings.user());
            pg.setPassword(settings.password());
            // bounded waits: a database that is down or cut off answers the request with 503, never hangs it
            pg.setConnectTimeout(5);
            pg.setLoginTimeout(5);
            pg.setSocketTimeout(120);
            pg.setTcpKeepAlive(true);
            // a batch of inserts into one table goes as one multi-row INSERT: an intake's eight variables, eight
            // activity rows and three executions are one statement each instead of nineteen. The engine needs no
            // row count of an insert (Camunda's BatchDbSqlSession names this setting), and EclipseLink checks row
            // counts only for updates and deletes
            pg.setReWriteBatchedInserts(true);
            return pg;
        }
        if (settings.isEmbedded()) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + settings.dataDir()
                        + " (WEIQUAN_DATA_DIR)", e);
            }
            ownerOnly(settings.dataDir());
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        throw new SQLException("WEIQUAN_DB_URL must start with jdbc:postgresql: or jdbc:h2: (was "
                + settings.safeUrl() + ")");
    }

    /**
     * The embedded database holds case files: its folder and files are for the server's user alone
     * (rwx------ / rw-------), whatever the umask made of them. Where the file system has no POSIX
     * permissions, or they cannot be changed, the log says so and the start goes on.
     */
    static void ownerOnly(java.nio.file.Path dataDir) {
        try (var files = Files.list(dataDir)) {
            Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (UnsupportedOperationException | IOException | SecurityException e) {
            java.util.logging.Logger.getLogger(ConfiguredDataSource.class.getName()).warning(
                    "Cannot make the data directory " + dataDir + " private to this user (" + e.getClass().getSimpleName()
                            + "): check its permissions.");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return target().getConnection();
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try {
            return target().getConnection(username, password);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    /** One line that says which setting to fix, logged at most once a minute; the pool adds no more. */
    private static SQLException unreachable(SQLException e) {
        String message = DatabaseSettings.fromConfig().unreachableMessage(e);
        long now = System.currentTimeMillis();
        if (now - lastLogged > 60_000) {
            lastLogged = now;
            LOG.severe(message);
        }
        return new SQLException(message, e.getSQLState(), e);
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target().isWrapperFor(iface);
    }
}
