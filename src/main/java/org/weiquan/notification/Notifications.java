package org.weiquan.notification;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a user does with her notifications — reads them (newest first, with the unread count), marks them read or
 * unread, chooses her e-mail — and what an administrator does with the dead letters of her subtree's users.
 * Each user sees only her own notifications: another's is not found.
 */
@Stateless
public class Notifications {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    @PersistenceContext
    EntityManager em;

    @Inject
    CurrentActor current;

    @Inject
    Clock clock;

    /** A page of her notifications, newest first, and how many are unread in all. */
    public record Inbox(List<Notification> items, long unread) {
    }

    public Inbox mine(int size) {
        String me = current.get().username();
        List<Notification> items = em.createQuery("SELECT n FROM Notification n WHERE n.recipient = :r"
                        + " ORDER BY n.createdAt DESC, n.id DESC", Notification.class).setParameter("r", me)
                .setMaxResults(Math.max(1, Math.min(size, 200))).getResultList();
        return new Inbox(items, unreadCount());
    }

    public long unreadCount() {
        return em.createQuery("SELECT COUNT(n) FROM Notification n WHERE n.recipient = :r AND n.readAt IS NULL", Long.class)
                .setParameter("r", current.get().username()).getSingleResult();
    }

    public Notification markRead(long id, boolean read) {
        Notification n = em.find(Notification.class, id);
        if (n == null || !n.recipient().equals(current.get().username())) {
            throw new NotFound("notification " + id);
        }
        if (read) {
            n.read(clock.instant());
        } else {
            n.unread();
        }
        return n;
    }

    public int markAllRead() {
        return em.createQuery("UPDATE Notification n SET n.readAt = :now WHERE n.recipient = :r AND n.readAt IS NULL")
                .setParameter("now", clock.instant()).setParameter("r", current.get().username()).executeUpdate();
    }

    /** Her choice; the default (no address yet) when she never chose. */
    public NotificationPreference preference() {
        String me = current.get().username();
        NotificationPreference p = em.find(NotificationPreference.class, me);
        return p == null ? new NotificationPreference(me) : p;
    }

    public NotificationPreference choose(String email, EmailMode mode) {
        String me = current.get().username();
        String address = email == null || email.isBlank() ? null : email.trim();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (address != null && (address.length() > 254 || !EMAIL.matcher(address).matches())) {
            errors.add("email", "must be an e-mail address like name@example.org");
        }
        if (mode == null) {
            errors.add("emailMode", "must be one of URGENT_AND_DIGEST, DIGEST_ONLY, OFF");
        }
        errors.throwIfAny();
        NotificationPreference p = em.find(NotificationPreference.class, me);
        if (p == null) {
            p = new NotificationPreference(me);
            em.persist(p);
        }
        p.choose(address, mode);
        return p;
    }

    /** A dead letter, as the administrator sees it (no content: whom, which channel, why, when). */
    public record DeadLetter(long id, String recipient, Channel channel, String caseNumber, String taskName,
                             int attempts, String lastError, java.time.Instant createdAt, java.time.Instant failedAt) {
    }

    /** The dead letters of the users of the administrator's subtree, newest first. */
    public List<DeadLetter> deadLetters() {
        Actor admin = current.get().require(Role.ADMIN);
        return em.createQuery("SELECT m FROM OutboxMessage m, User u WHERE u.username = m.recipient AND u.station.path LIKE :p"
                        + " AND m.state = :s ORDER BY m.doneAt DESC, m.id DESC", OutboxMessage.class)
                .setParameter("p", admin.stationPath() + "%").setParameter("s", OutboxMessage.State.DEAD)
                .setMaxResults(500).getResultList().stream()
                .map(m -> new DeadLetter(m.id(), m.recipient(), m.channel(), m.notification().caseNumber(),
                        m.notification().taskName(), m.attempts(), m.lastError(), m.createdAt(), m.doneAt()))
                .toList();
    }

    /** The administrator sends a dead letter once more (after the gateway or the mail server is fixed). */
    public void resend(long id) {
        Actor admin = current.get().require(Role.ADMIN);
        OutboxMessage m = em.find(OutboxMessage.class, id);
        boolean inScope = m != null && !em.createQuery("SELECT u.id FROM User u WHERE u.username = :r AND u.station.path LIKE :p",
                        Long.class).setParameter("r", m.recipient()).setParameter("p", admin.stationPath() + "%")
                .getResultList().isEmpty();
        if (!inScope || m.state() != OutboxMessage.State.DEAD) {
            throw new NotFound("dead letter " + id);
        }
        m.retry(clock.instant());
    }
}
