package org.weiquan.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * CPU time spent by a process and by PostgreSQL, read from Linux's {@code /proc}: what an operation costs the
 * machine, which a shared machine's rates hide. A rate falls when the load generator or another process takes the
 * cores; the CPU the server spends on each operation does not.
 */
final class CpuTime {

    /** Linux's clock ticks per second ({@code getconf CLK_TCK}), 100 on every kernel this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTime() {
    }

    /** The user and system CPU time of process {@code pid} so far, in nanoseconds; -1 when it cannot be read. */
    static long ofProcess(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The part of {@link #ofProcess} spent by the JVM's JIT compiler threads (C1 and C2), in nanoseconds; -1 when it
     * cannot be read. A node that has run for minutes still compiles: Payara, Jersey, Weld, EclipseLink and the engine
     * are far more code than a bare engine, so the JIT's share says how far the figures are from a warmed-up node's.
     */
    static long ofCompilers(long pid) {
        // Linux keeps 15 characters of a thread's name: "C2 CompilerThread0" is "C2 CompilerThre"
        return sum(Path.of("/proc/" + pid + "/task"), name -> name.matches("C[12] CompilerThre.*"), CpuTime::ticks);
    }

    /**
     * The CPU time of PostgreSQL's processes so far, in nanoseconds: of every one running now (the server, its
     * connections' backends, its writers), and of those that ended, which the server (their parent) counts as its
     * children's once it has reaped them. Without the latter, a backend that ended during a burst took its time with
     * it, and the burst's figure came out too low or below zero: the node's pool closes connections it no longer needs
     * while the load goes on.
     */
    static long ofPostgres() {
        return sum(Path.of("/proc"), "postgres"::equals, CpuTime::ticksWithChildren);
    }

    /**
     * The CPU time of the entries of {@code dir} (processes in {@code /proc}, threads in {@code /proc/PID/task})
     * whose name passes {@code named}, in nanoseconds; -1 when {@code dir} cannot be read. An entry that ends while
     * the list is read no longer counts on either side of a burst.
     */
    private static long sum(Path dir, Predicate<String> named, ToLongFunction<String> ticksOfStat) {
        long sum = 0;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))::iterator) {
                try {
                    if (named.test(Files.readString(p.resolve("comm")).strip())) {
                        sum += ticksOfStat.applyAsLong(Files.readString(p.resolve("stat")));
                    }
                } catch (IOException | RuntimeException e) {
                    // ended between the list and the read: its time went with it (a reaped process counts with its parent)
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum * NANOS_PER_TICK;
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat, counted after the command's closing parenthesis. */
    static long ticks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {@link #ticks} plus cutime + cstime (fields 16 and 17): the children that ended and were waited for. */
    static long ticksWithChildren(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
