package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Scopes;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The access log (ASVS 16): every opening of a case file, every export and every change, with user,
 * station, case, action, time and client address. Written in the caller's transaction, so a change
 * and its log entry stand or fall together. Services and resources inject it with {@code @EJB}: through Weld's
 * proxy of an enterprise bean, Payara's EJB container throws and catches an exception at every call (it asks the
 * no-interface view for a {@code java.lang.reflect.Proxy} handler it does not have), and every change writes an
 * entry. A page keeps {@code @Inject}: a view-scoped page is serialized with its session, and Weld's proxy is.
 */
@Stateless
public class AccessLog {

    public static final int MAX_PAGE = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public void record(Actor actor, AccessAction action, Long contactId, String caseNumber, String detail) {
        em.persist(new AccessLogEntry(clock.instant(), actor, action, contactId, caseNumber, detail));
    }

    /** The entries of one contact and its case, newest first. */
    public List<AccessLogEntry> ofContact(long contactId) {
        return em.createQuery("SELECT e FROM AccessLogEntry e WHERE e.contactId = :c ORDER BY e.occurredAt DESC, e.id DESC",
                AccessLogEntry.class).setParameter("c", contactId).setMaxResults(MAX_PAGE).getResultList();
    }

    /** The admin's search: any of user, case number, action, period; newest first. */
    /**
     * The entries of users of the stations within {@code scopePath} (an administrator's subtree): the
     * log says who opened which case from where, and that stays inside the stations, like the cases.
     */
    public List<AccessLogEntry> search(String scopePath, String username, String caseNumber, String action,
                                       Instant from, Instant to, int page, int size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (size < 1 || size > MAX_PAGE) {
            errors.add("size", "must be between 1 and " + MAX_PAGE);
        }
        if (page < 0) {
            errors.add("page", "must be 0 or more");
        }
        AccessAction parsed = null;
        if (action != null && !action.isBlank()) {
            try {
                parsed = AccessAction.valueOf(action.strip());
            } catch (IllegalArgumentException e) {
                errors.add("action", "must be one of OPEN, EXPORT, CHANGE");
            }
        }
        errors.throwIfAny();
        StringBuilder jpql = new StringBuilder("SELECT e FROM AccessLogEntry e WHERE e.stationCode IN "
                + "(SELECT s.code FROM Station s WHERE " + Scopes.within("s.path", scopePath) + ")");
        Map<String, Object> params = new HashMap<>();
        if (username != null && !username.isBlank()) {
            jpql.append(" AND e.username = :u");
            params.put("u", username.strip());
        }
        if (caseNumber != null && !caseNumber.isBlank()) {
            jpql.append(" AND e.caseNumber = :n");
            params.put("n", caseNumber.strip());
        }
        if (parsed != null) {
            jpql.append(" AND e.action = :a");
            params.put("a", parsed);
        }
        if (from != null) {
            jpql.append(" AND e.occurredAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            jpql.append(" AND e.occurredAt < :to");
            params.put("to", to);
        }
        TypedQuery<AccessLogEntry> q = em.createQuery(jpql + " ORDER BY e.occurredAt DESC, e.id DESC", AccessLogEntry.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(page * size).setMaxResults(size).getResultList();
    }
}
