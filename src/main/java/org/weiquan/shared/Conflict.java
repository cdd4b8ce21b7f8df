package org.weiquan.shared;

import jakarta.ejb.ApplicationException;

/** The request contradicts the current state (already decided, edited meanwhile); nothing was written. */
@ApplicationException(rollback = true)
public class Conflict extends RuntimeException {

    private final Long currentVersion;

    public Conflict(String message) {
        this(message, null);
    }

    public Conflict(String message, Long currentVersion) {
        super(message);
        this.currentVersion = currentVersion;
    }

    /** The version the client should reload, when the conflict is a stale edit. */
    public Long currentVersion() {
        return currentVersion;
    }
}
