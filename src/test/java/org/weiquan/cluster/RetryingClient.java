package org.weiquan.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An API client as a careful integrator writes one: every change carries an Idempotency-Key, and a request that
 * fails for a reason that may pass (no connection, timeout, 5xx, 409 "still running") is sent again with the same
 * key, to the next node, a bounded number of times. Counts every answer by status, and the acknowledged (2xx)
 * requests by the node that answered them.
 */
final class RetryingClient {

    static final int MAX_ATTEMPTS = 25;
    static final Duration MAX_TIME = Duration.ofSeconds(120);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Stats stats;
    private final Rotation rotation;
    private final AtomicInteger next = new AtomicInteger();

    RetryingClient(Stats stats, Rotation rotation) {
        this.stats = stats;
        this.rotation = rotation;
    }

    /**
     * The nodes a load balancer would send to: those whose {@code /health} said UP at the last check (every
     * half second), as HAProxy's health checks do; all of them when none did.
     */
    static final class Rotation implements AutoCloseable {
        private final List<NodeProcess> nodes;
        private final java.util.Set<NodeProcess> up = ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.ScheduledExecutorService checks =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        Rotation(List<NodeProcess> nodes) {
            this.nodes = List.copyOf(nodes);
            up.addAll(nodes);
            checks.scheduleWithFixedDelay(() -> this.nodes.forEach(n -> {
                if (n.isUp()) {
                    up.add(n);
                } else {
                    up.remove(n);
                }
            }), 500, 500, TimeUnit.MILLISECONDS);
        }

        List<NodeProcess> current() {
            List<NodeProcess> live = nodes.stream().filter(up::contains).toList();
            return live.isEmpty() ? nodes : live;
        }

        @Override
        public void close() {
            checks.shutdownNow();
        }
    }

    /** What became of one request after its retries. */
    record Outcome(boolean acknowledged, int status, JsonObject json, String node, int attempts, boolean replayed) {
    }

    /** Everything the clients saw, shared by all of them. */
    static final class Stats {
        final Map<String, LongAdder> answersByStatus = new ConcurrentHashMap<>();
        final Map<String, LongAdder> acknowledgedByNode = new ConcurrentHashMap<>();
        final LongAdder sent = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder gaveUp = new LongAdder();
        final LongAdder replayed = new LongAdder();
        final LongAdder attempts = new LongAdder();
        final LongAdder unavailableWithoutRetryAfter = new LongAdder();
        final LongAdder unavailableNotProblemJson = new LongAdder();
        /** Nanotime of the last 2xx answer, to measure how long a fault kept requests from succeeding. */
        final AtomicLong lastAcknowledgedAt = new AtomicLong();
        final List<Long> acknowledgedAt = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        /** Node, time and path of every answer 500, to find its stack trace in that node's log. */
        final List<String> internalErrors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        void answered(String status) {
            answersByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        long answers(String status) {
            LongAdder a = answersByStatus.get(status);
            return a == null ? 0 : a.sum();
        }
    }

    /**
     * Sends a POST with a fresh Idempotency-Key to the nodes in turn until one acknowledges it, the answer says
     * it can never succeed (4xx but 409 "still running"), or the attempts or time run out.
     */
    Outcome post(String token, String path, String json) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        stats.sent.increment();
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        int status = -1;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && System.nanoTime() < deadline; attempt++) {
            List<NodeProcess> nodes = rotation.current();
            NodeProcess node = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            stats.attempts.increment();
            long pause;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.base().resolve(path))
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                stats.answered(String.valueOf(status));
                if (status >= 200 && status < 300) {
                    boolean replayed = r.headers().firstValue("Idempotent-Replayed").isPresent();
                    if (replayed) {
                        stats.replayed.increment();
                    }
                    stats.acknowledged.increment();
                    stats.acknowledgedByNode.computeIfAbsent(node.name(), n -> new LongAdder()).increment();
                    long now = System.nanoTime();
                    stats.lastAcknowledgedAt.set(now);
                    stats.acknowledgedAt.add(now);
                    JsonObject body = r.body().isBlank() ? null : Json.createReader(new StringReader(r.body())).readObject();
                    return new Outcome(true, status, body, node.name(), attempt, replayed);
                }
                if (status == 503) {
                    if (r.headers().firstValue("Retry-After").isEmpty()) {
                        stats.unavailableWithoutRetryAfter.increment();
                    }
                    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        stats.unavailableNotProblemJson.increment();
                    }
                    // honour Retry-After, but no longer than 2 s: another node may serve sooner
                    pause = Math.min(2000, 1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                } else if (status == 409 && r.body().contains("request-in-progress")) {
                    pause = 1000;
                } else if (status >= 500) {
                    if (status == 500) {
                        stats.internalErrors.add(node.name() + " " + java.time.Instant.now() + " POST " + path);
                    }
                    pause = 500;
                } else if (status == 404 && !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    pause = 500; // not Weiquan's answer: the node's server runs, the application is not deployed yet
                } else {
                    stats.gaveUp.increment();
                    return new Outcome(false, status, null, node.name(), attempt, false);
                }
            } catch (HttpTimeoutException e) {
                stats.answered("timeout");
                pause = 0;
            } catch (IOException e) {
                stats.answered("no connection");
                pause = 300;
            }
            TimeUnit.MILLISECONDS.sleep(pause);
        }
        stats.gaveUp.increment();
        return new Outcome(false, status, null, null, MAX_ATTEMPTS, false);
    }

    /** Logs in through the API of any node that answers; the token is valid on every node. */
    static String token(List<NodeProcess> nodes, String username, String password) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int attempt = 0; attempt < 20; attempt++) {
            URI uri = nodes.get(attempt % nodes.size()).base().resolve("api/auth/token");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("username", username)
                                .add("password", password).build().toString())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Json.createReader(new StringReader(r.body())).readObject().getString("token");
                }
            } catch (IOException e) {
                // the next node
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("no node logs in " + username);
    }
}
