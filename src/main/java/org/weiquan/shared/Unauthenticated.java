package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

/**
 * Who is asking is not known (or the login failed); {@code retryAfterSeconds} > 0 when throttled.
 * The transaction commits: the failed attempt must be counted.
 */
@ApplicationException(rollback = false)
public class Unauthenticated extends RuntimeException {

    private final long retryAfterSeconds;

    public Unauthenticated(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
