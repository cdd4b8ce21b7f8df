package org.weiquan.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, loopback only, its own port), so that a
 * test may stop, crash and restart it without touching the machine's PostgreSQL that the rest of the suite and
 * other builds use. Runs the server as the {@code postgres} user when the test runs as root (initdb refuses
 * root). Stopped and removed by {@link #close()}, and by a shutdown hook if the test JVM ends first.
 */
final class LocalPostgres implements AutoCloseable {

    static final String ROLE = "weiquan";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final Thread cleanup;
    private boolean closed;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.cleanup = new Thread(this::removeQuietly, "local-postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** The folder with initdb and pg_ctl: WEIQUAN_TEST_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
    static Optional<Path> binaries() {
        String configured = System.getenv("WEIQUAN_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(p -> Files.isExecutable(p.resolve("initdb")));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Creates and starts a server with a role {@value #ROLE} (password the same) that may create databases. */
    static LocalPostgres start(Path bin) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("weiquan-pg-");
        LocalPostgres pg = new LocalPostgres(bin, dir, freePort());
        try {
            if (asRoot()) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            pg.server("initdb", "-D", pg.data.toString(), "--auth=trust", "-U", "postgres", "-E", "UTF8",
                    "--locale=C.UTF-8", "-N");
            pg.startServer();
            pg.sql("postgres", "CREATE ROLE " + ROLE + " LOGIN CREATEDB PASSWORD '" + ROLE + "'");
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) {
        sql("postgres", "CREATE DATABASE " + name + " OWNER " + ROLE + " ENCODING 'UTF8' TEMPLATE template0");
    }

    /** Kills the server as a crash would (immediate shutdown, recovery at the next start), then starts it again. */
    void crashAndRestart(Duration down) throws IOException, InterruptedException {
        server("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
        TimeUnit.MILLISECONDS.sleep(down.toMillis());
        startServer();
    }

    boolean isRunning() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@code pg_dump -Fc} of a database into a file, as an operator would back it up. */
    void dump(String database, Path file) throws IOException, InterruptedException {
        client("pg_dump", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", ROLE, "-Fc", "-f", file.toString(),
                database);
    }

    /** {@code pg_restore} of such a file into a new, empty database. */
    void restore(Path file, String database) throws IOException, InterruptedException {
        client("pg_restore", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", ROLE, "--no-owner", "-d", database,
                "--exit-on-error", file.toString());
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), database.equals("postgres") ? "postgres" : ROLE, ROLE);
    }

    void sql(String database, String statement) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    long count(String database, String query) {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    List<String> strings(String database, String query) {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings a contact's review deadline forward so that it falls due at {@code due}. The 15-day deadline ends
     * at 24:00 Beijing time of the fifteenth day after receipt (DESIGN §3), hours away whatever the receipt
     * time, so a test that must watch it fire moves the engine's timer job. The shift is relative to the
     * deadline, so it holds whatever time zone the nodes store their timestamps in. Retried for a while: the
     * server may be restarting under the test's faults.
     */
    void bringReviewDeadlineForward(String database, long contactId, Instant receivedAt, Instant due) throws InterruptedException {
        ZoneId beijing = ZoneId.of("Asia/Shanghai");
        Instant deadline = receivedAt.atZone(beijing).toLocalDate().plusDays(16).atStartOfDay(beijing).toInstant();
        String update = "UPDATE act_ru_job SET duedate_ = duedate_ + make_interval(secs => ?) "
                + "WHERE handler_type_ = 'timer-transition' AND handler_cfg_ LIKE 'Timer_ReviewDeadline%' "
                + "AND process_instance_id_ IN (SELECT proc_inst_id_ FROM act_ru_execution WHERE business_key_ = ?)";
        SQLException last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(update)) {
                s.setDouble(1, Duration.between(deadline, due).toMillis() / 1000.0);
                s.setString(2, String.valueOf(contactId));
                int moved = s.executeUpdate();
                if (moved != 1) {
                    throw new IllegalStateException("contact " + contactId + " has " + moved + " review deadline timers");
                }
                return;
            } catch (SQLException e) {
                last = e;
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        throw new IllegalStateException("the review deadline of contact " + contactId + " could not be moved", last);
    }

    /** A two-column query (text key, count) as a map. */
    Map<String, Long> counts(String database, String query) {
        return twoColumns(database, query, rs -> rs.getLong(2));
    }

    /** A two-column query (text key, text value) as a map. */
    Map<String, String> texts(String database, String query) {
        return twoColumns(database, query, rs -> rs.getString(2));
    }

    private interface Column<V> {
        V of(ResultSet rs) throws SQLException;
    }

    private <V> Map<String, V> twoColumns(String database, String query, Column<V> value) {
        Map<String, V> values = new HashMap<>();
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.put(rs.getString(1), value.of(rs));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(query + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    private void startServer() throws IOException, InterruptedException {
        server("pg_ctl", "-D", data.toString(), "-w", "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=120", "start");
    }

    /** Runs a server program (as postgres when we are root). */
    private void server(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private void client(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("weiquan-pg-command", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + COMMAND_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        removeQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void removeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                server("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("[local-postgres] could not stop the server in " + dir + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[local-postgres] could not remove " + dir);
        }
    }
}
