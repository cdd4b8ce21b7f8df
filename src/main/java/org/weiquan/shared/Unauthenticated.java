package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

/**
 * Who is asking is not known (or the login failed); {@code retryAfterSeconds} > 0 when throttled.
 * Like every business exception here it rolls the transaction back and is no system error (the EJB
 * container neither logs it nor wraps it); a failed login is counted in a transaction of its own.
 */
@ApplicationException(rollback = true)
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
