package org.weiquan.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured burst: {@code threads} workers each repeat an operation until the time is up (or the work runs
 * out); every operation's latency is kept, and so is what it answered (e.g. HTTP 201 or 409). The rate is the
 * operations finished divided by the time from the common start to the last worker's end.
 */
final class Burst {

    /** One operation of a worker; answers a short outcome label ("201", "ok"), or null when no work is left. */
    @FunctionalInterface
    interface Op {
        String run(int worker) throws Exception;
    }

    final String name;
    final int threads;
    final long[] latenciesNanos;
    final double seconds;
    final Map<String, Long> outcomes;
    final long failures;
    final String firstFailure;
    /** CPU nanoseconds the measured Java process (the server, or this JVM for a bare engine) and PostgreSQL spent; -1 unknown. */
    long javaCpuNanos = -1;
    long dbCpuNanos = -1;
    /** Of {@link #javaCpuNanos}, what the JIT compiler threads spent; -1 unknown. */
    long jitCpuNanos = -1;
    /**
     * CPU nanoseconds this JVM spent meanwhile when the measured process is the server: the load generator's own
     * share of the two cores (its HTTP clients), which the server's rate pays for and its CPU figures leave out; -1
     * when the work ran in this JVM or the time is unknown.
     */
    long clientCpuNanos = -1;

    private Burst(String name, int threads, long[] latenciesNanos, double seconds, Map<String, Long> outcomes,
                  long failures, String firstFailure) {
        this.name = name;
        this.threads = threads;
        this.latenciesNanos = latenciesNanos;
        this.seconds = seconds;
        this.outcomes = outcomes;
        this.failures = failures;
        this.firstFailure = firstFailure;
    }

    /** Runs {@code op} on {@code threads} workers for at most {@code millis} and at most {@code maxOps} in all. */
    static Burst run(String name, int threads, long millis, long maxOps, Op op) throws InterruptedException {
        List<long[]> perWorker = new ArrayList<>();
        int[] counts = new int[threads];
        Map<String, Long> outcomes = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        AtomicLong budget = new AtomicLong(maxOps);
        String[] firstFailure = new String[1];
        long[] ends = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] start = new long[1];
        for (int w = 0; w < threads; w++) {
            long[] lat = new long[1024];
            perWorker.add(lat);
            final int worker = w;
            Thread t = new Thread(() -> {
                long[] mine = perWorker.get(worker);
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long deadline = start[0] + millis * 1_000_000L;
                while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    String outcome;
                    try {
                        outcome = op.run(worker);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        synchronized (firstFailure) {
                            if (firstFailure[0] == null) {
                                firstFailure[0] = e.toString();
                            }
                        }
                        continue;
                    }
                    long took = System.nanoTime() - t0;
                    if (outcome == null) {
                        break;
                    }
                    outcomes.merge(outcome, 1L, Long::sum);
                    if (counts[worker] == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                        perWorker.set(worker, mine);
                    }
                    mine[counts[worker]++] = took;
                }
                ends[worker] = System.nanoTime();
            }, name + "-" + w);
            workers.add(t);
            t.start();
        }
        ready.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread t : workers) {
            t.join();
        }
        long end = Arrays.stream(ends).max().orElse(start[0]);
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < threads; w++) {
            System.arraycopy(perWorker.get(w), 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return new Burst(name, threads, all, (end - start[0]) / 1e9, new TreeMap<>(outcomes), failures.get(),
                firstFailure[0]);
    }

    /** What one worker measured elsewhere (in the server): its seconds, each operation's latency, its outcomes. */
    record Worker(double seconds, long[] latenciesNanos, Map<String, Long> outcomes) {
    }

    /** A burst whose workers ran elsewhere, side by side: its time is the longest worker's. */
    static Burst of(String name, List<Worker> workers) {
        long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latenciesNanos())).sorted().toArray();
        Map<String, Long> outcomes = new TreeMap<>();
        workers.forEach(w -> w.outcomes().forEach((k, v) -> outcomes.merge(k, v, Long::sum)));
        double seconds = workers.stream().mapToDouble(Worker::seconds).max().orElse(0);
        return new Burst(name, workers.size(), all, seconds, outcomes, 0, null);
    }

    /** Operations per second. */
    double rate() {
        return seconds <= 0 ? 0 : latenciesNanos.length / seconds;
    }

    int count() {
        return latenciesNanos.length;
    }

    /** The q-quantile (nearest rank) of sorted values, in milliseconds. */
    static double quantileMs(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s x%d: %d ops in %.1f s = %.1f/s, median %.1f ms, p90 %.1f ms%s%s",
                name, threads, count(), seconds, rate(), quantileMs(latenciesNanos, 0.5),
                quantileMs(latenciesNanos, 0.9), outcomes, failures == 0 ? "" : ", " + failures + " failed: " + firstFailure);
    }
}
