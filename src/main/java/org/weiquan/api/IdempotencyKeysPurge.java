package org.weiquan.api;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.logging.Logger;

/** Forgets Idempotency-Keys after 24 hours, every quarter of an hour; each node does it, which is harmless. */
@Singleton
public class IdempotencyKeysPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeysPurge.class.getName());

    @Inject
    IdempotentRequests keys;

    @Schedule(minute = "*/15", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void purge() {
        try {
            int removed = keys.purge();
            if (removed > 0) {
                LOG.fine("Idempotency-Keys older than 24 hours removed: " + removed);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warning("Idempotency-Keys were not purged this time: " + e.getClass().getSimpleName());
        }
    }
}
