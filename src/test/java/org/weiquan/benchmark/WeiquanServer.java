package org.weiquan.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Weiquan node run the way production runs it: {@code bin/weiquan-node} (Payara Micro with target/weiquan.war, or
 * the WAR that WEIQUAN_WAR names), configured by WEIQUAN_* variables. The script replaces itself with the JVM, so the process started here is the
 * server's, and its /proc status gives its resident memory.
 */
final class WeiquanServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final URI base;
    final Path log;
    private final Process process;
    /** Seconds from the start of the process to the first /health answer that says UP. */
    final double secondsToUp;

    private WeiquanServer(URI base, Path log, Process process, double secondsToUp) {
        this.base = base;
        this.log = log;
        this.process = process;
        this.secondsToUp = secondsToUp;
    }

    static WeiquanServer start(Path projectDir, Path nodeDir, int port, String javaOpts, Map<String, String> env,
                               Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(nodeDir);
        // beside the node's folder, which the next run empties: every start's log is kept
        Path logs = Files.createDirectories(nodeDir.resolveSibling("logs"));
        Path log = logs.resolve("server-" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", projectDir.resolve("bin/weiquan-node").toString())
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("WEIQUAN_HTTP_PORT", String.valueOf(port));
        builder.environment().put("WEIQUAN_NODE_DIR", nodeDir.toString());
        builder.environment().put("JAVA_OPTS", javaOpts);
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        long t0 = System.nanoTime();
        Process process = builder.start();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server ended with " + process.exitValue() + " before /health was UP; see " + log);
            }
            if (up(base)) {
                return new WeiquanServer(base, log, process, (System.nanoTime() - t0) / 1e9);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("/health not UP within " + timeout + "; see " + log);
    }

    private static boolean up(URI base) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /** A figure of /proc/PID/status in kB (VmRSS: resident now; VmHWM: the most resident so far). */
    long procStatusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The server log's own timings of its start: Payara's, Flyway's, the engine's, the demo data's. */
    List<String> startTimings() throws IOException {
        Pattern wanted = Pattern.compile("(started in|ready in|loaded in|Successfully applied|Successfully validated|"
                + "Migrating schema|Current version of schema|Demo data|Process engine started|Loading application|"
                + "deployed in|Initializing Mojarra|Running PrimeFaces|Deploying|ENGINE-08046|ENGINE-07015)");
        Pattern stamp = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT[^\\]]+)\\]");
        Pattern message = Pattern.compile("\\[levelValue: \\d+\\]\\s*(.*)$");
        List<String> out = new ArrayList<>();
        String current = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher s = stamp.matcher(line);
            if (s.find()) {
                current = s.group(1);
            }
            if (wanted.matcher(line).find()) {
                Matcher m = message.matcher(line);
                String text = m.find() ? m.group(1) : line;
                out.add((current == null ? "" : current.substring(11, 23)) + "  " + (text.length() > 140 ? text.substring(0, 140) : text));
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
