package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address: after 20 in 15 minutes the address waits until the oldest falls
 * out of the window. Kept in memory per node (each node throttles on its own); the per-account lock
 * is in the database and holds across nodes.
 */
@ApplicationScoped
public class AddressThrottle {

    static final int LIMIT = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    /** How long the address must wait, or null when it may try. */
    public Duration waitFor(String address) {
        Deque<Instant> times = failures.get(key(address));
        if (times == null) {
            return null;
        }
        synchronized (times) {
            Instant now = clock.instant();
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() < LIMIT) {
                return null;
            }
            return Duration.between(now, times.peekFirst().plus(WINDOW));
        }
    }

    public void recordFailure(String address) {
        Deque<Instant> times = failures.computeIfAbsent(key(address), a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.instant());
            while (times.size() > LIMIT) {
                times.pollFirst();
            }
        }
    }

    private static String key(String address) {
        return address == null ? "unknown" : address;
    }
}
