package org.weiquan.notification;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's rows, each change in a transaction of its own (committed before anything is sent, and after):
 * a row is claimed under a row lock, so that of several nodes exactly one sends it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxStore {

    /** How long a claimed row is this node's: a send never takes this long, so an older claim was interrupted. */
    static final Duration LEASE = Duration.ofMinutes(5);

    @PersistenceContext
    EntityManager em;

    /** A claimed message, with what is needed to send it outside any transaction. */
    public record Claimed(OutboxMessage message, Notification notification, String email) {
    }

    /** The rows due now, oldest first. */
    public List<Long> due(Instant now, int limit) {
        return em.createQuery("SELECT m.id FROM OutboxMessage m WHERE m.state = :s AND m.notBefore <= :now ORDER BY m.id",
                        Long.class).setParameter("s", OutboxMessage.State.PENDING).setParameter("now", now)
                .setMaxResults(limit).getResultList();
    }

    /** Claims the row if it is still pending and due; empty when another node has it or it is no longer to send. */
    public Optional<Claimed> claim(long id, Instant now) {
        OutboxMessage m = em.find(OutboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || m.state() != OutboxMessage.State.PENDING || m.notBefore().isAfter(now)) {
            return Optional.empty();
        }
        String email = null;
        if (m.channel() == Channel.EMAIL) {
            NotificationPreference choice = em.find(NotificationPreference.class, m.recipient());
            if (choice == null || !choice.wantsEmail()) {
                m.dropped("no-email", now);
                return Optional.empty();
            }
            email = choice.email();
        }
        m.claim(now, LEASE);
        Notification n = m.notification();
        n.taskName(); // loaded while the transaction is open
        return Optional.of(new Claimed(m, n, email));
    }

    public void sent(long id, Instant now) {
        em.find(OutboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE).sent(now);
    }

    public void failed(long id, String why, Instant now, Duration backOff, int maxAttempts) {
        em.find(OutboxMessage.class, id, LockModeType.PESSIMISTIC_WRITE).failed(why, now, backOff, maxAttempts);
    }

    /** Claims older than the lease belong to a node that stopped mid-send: into the dead-letter list. */
    public int expireClaims(Instant now) {
        List<OutboxMessage> stale = em.createQuery("SELECT m FROM OutboxMessage m WHERE m.state = :s AND m.claimedUntil < :now",
                OutboxMessage.class).setParameter("s", OutboxMessage.State.SENDING).setParameter("now", now).getResultList();
        stale.forEach(m -> m.interrupted(now));
        return stale.size();
    }

    /** In-app notifications older than 90 days go, with their outbox rows. */
    public int purge(Instant now) {
        Instant before = now.minus(Duration.ofDays(90));
        em.createQuery("DELETE FROM OutboxMessage m WHERE m.createdAt < :b").setParameter("b", before).executeUpdate();
        return em.createQuery("DELETE FROM Notification n WHERE n.createdAt < :b").setParameter("b", before).executeUpdate();
    }
}
