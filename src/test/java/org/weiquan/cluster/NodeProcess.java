package org.weiquan.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Weiquan node as an operator runs it: {@code bin/weiquan-node} (Payara Micro with target/weiquan.war), a
 * real process on loopback ports of its own, configured by environment variables; killed with SIGKILL or
 * stopped with SIGTERM.
 */
final class NodeProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Path logs;
    private Process process;
    private int starts;

    NodeProcess(String name, int httpPort, Map<String, String> environment, Path logs) {
        this.name = name;
        this.httpPort = httpPort;
        this.environment = Map.copyOf(environment);
        this.logs = logs;
    }

    String name() {
        return name;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    /** Starts the process; {@link #awaitUp} waits for it. */
    void start() throws IOException {
        starts++;
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "bin/weiquan-node"))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + "-" + starts + ".log").toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> kept = new HashMap<>();
        for (String k : List.of("PATH", "HOME", "JAVA_HOME", "LANG", "TMPDIR")) {
            if (env.containsKey(k)) {
                kept.put(k, env.get(k));
            }
        }
        env.clear();
        env.putAll(kept);
        env.putAll(environment);
        env.put("WEIQUAN_NODE_NAME", name);
        env.put("WEIQUAN_HTTP_PORT", String.valueOf(httpPort));
        process = builder.start();
    }

    /** Waits until {@code /health} answers UP; false when the process ends or the time runs out. */
    boolean awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null || !process.isAlive()) {
                return false;
            }
            if (isUp()) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    boolean isUp() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(base().resolve("health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().startsWith("{\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the JVM ends at once, mid-request, without closing anything. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** The last lines of the node's current log, to explain a failure. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logs.resolve(name + "-" + starts + ".log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The SEVERE records of every start of this node, each with the lines that follow it (its stack), so that a
     * failure seen only on CI names its cause in the test's own output. The engine's own records of a failed command
     * (logger org.camunda.bpm.engine.context) are left out: while the database is away every command logs one.
     */
    String severe(int linesAfter) {
        StringBuilder found = new StringBuilder();
        for (int start = 1; start <= starts; start++) {
            try {
                List<String> all = Files.readAllLines(logs.resolve(name + "-" + start + ".log"));
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).contains("SEVERE") && !all.get(i).contains("org.camunda.bpm.engine.context")) {
                        found.append(name).append('-').append(start).append(": ")
                                .append(String.join("\n", all.subList(i, Math.min(all.size(), i + 1 + linesAfter))))
                                .append('\n');
                    }
                }
            } catch (IOException e) {
                found.append(name).append('-').append(start).append(": (no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return found.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
