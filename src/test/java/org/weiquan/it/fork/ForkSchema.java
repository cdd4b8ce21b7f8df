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
 * Gives each integration-test fork a PostgreSQL schema of its own, empty at the fork's start. Failsafe runs the test
 * classes in two JVMs side by side, and the pom gives each fork's Payara Micro the database URL with
 * {@code currentSchema=weiquan_it_N}: the forks then share the database but not one row, as the classes of one fork
 * share theirs one after the other. On H2 (each fork has a file of its own) and outside the integration tests (no
 * {@code weiquan.it.db.url}) this does nothing. It lives outside {@code org.weiquan.it}, whose classes go into the
 * deployed WAR, because the server has no JUnit launcher.
 */
public final class ForkSchema implements LauncherSessionListener {

    private static final Pattern SCHEMA = Pattern.compile("^(jdbc:postgresql:[^?]*)\\?currentSchema=(weiquan_it_\\d+)$");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String url = System.getProperty("weiquan.it.db.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            return;
        }
        Matcher m = SCHEMA.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("the integration tests' database URL must be WEIQUAN_TEST_DB_URL without"
                    + " parameters, followed by the fork's schema (pom.xml): " + url.replaceAll("password=[^&]*", "password=…"));
        }
        try (Connection c = DriverManager.getConnection(m.group(1), System.getProperty("weiquan.it.db.user"),
                System.getProperty("weiquan.it.db.password"));
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + m.group(2) + " CASCADE");
            s.execute("CREATE SCHEMA " + m.group(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the schema " + m.group(2) + " for this test fork", e);
        }
    }
}
