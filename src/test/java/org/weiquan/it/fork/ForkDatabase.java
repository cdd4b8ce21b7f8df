package org.weiquan.it.fork;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives each integration-test fork a PostgreSQL database of its own, empty at the fork's start. Failsafe runs the
 * test classes in two JVMs side by side, and the pom gives each fork's Payara Micro the database that
 * {@code WEIQUAN_TEST_DB_URL} names with {@code _N} appended (N the fork's number): this makes it, connected to the
 * named one. Separate databases, not schemas, because some tests read PostgreSQL's statistics of their database
 * (commits, table scans), which the other fork's work must not move. On H2 (each fork has a file of its own) and
 * outside the integration tests (no {@code weiquan.it.db.url}) this does nothing. It lives outside
 * {@code org.weiquan.it}, whose classes go into the deployed WAR, because the server has no JUnit launcher.
 */
public final class ForkDatabase implements LauncherSessionListener {

    private static final Pattern FORK = Pattern.compile("^(jdbc:postgresql://[^/?]+/)(\\w+)_(\\d+)$");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = System.getProperty("weiquan.it.db.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return;
        }
        Matcher m = FORK.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("WEIQUAN_TEST_DB_URL must name a database without parameters"
                    + " (jdbc:postgresql://host:port/name); the fork's database is that name with _N appended");
        }
        String named = m.group(1) + m.group(2);
        String fork = m.group(2) + "_" + m.group(3);
        try (Connection c = DriverManager.getConnection(named, System.getProperty("weiquan.it.db.user"),
                System.getProperty("weiquan.it.db.password"));
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + fork + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + fork + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the database " + fork + " for this test fork (the user of"
                    + " WEIQUAN_TEST_DB_URL needs CREATEDB: ALTER ROLE … CREATEDB)", e);
        }
    }
}
