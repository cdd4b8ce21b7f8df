package org.weiquan.intake;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Scopes;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds registered contacts again, within the user's scope: by contact or case number, received dates,
 * status, category, channel and station. Lists show no personal data but the complainant's masked name;
 * names and phones are not searched here (they are encrypted or personal: the case search finds a phone by
 * its blind index). Opening one goes through {@link IntakeService#find}, which checks the scope and records
 * the opening in the access log.
 */
@Stateless
public class ContactSearch {

    public static final int MAX_PAGE_SIZE = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Stations stations;

    @Inject
    CurrentActor currentActor;

    /** The filters, every one optional; {@code number} is a contact's id (digits) or a case number. */
    public record Criteria(String number, String stationCode, String status, String category, String channel,
                           Instant receivedFrom, Instant receivedTo, int page, int size) {
    }

    public record Item(long id, String caseNumber, String stationName, Channel channel, Category primaryCategory,
                       ContactStatus status, Instant receivedAt, String complainant) {
    }

    public record Page(List<Item> items, int page, int size, long total) {
    }

    public Page search(Criteria q) {
        Actor actor = currentActor.get().requireCaseRole();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (q.page() < 0) {
            errors.add("page", "must be 0 or more");
        }
        if (q.size() < 1 || q.size() > MAX_PAGE_SIZE) {
            errors.add("size", "must be between 1 and 100");
        }
        StringBuilder where = new StringBuilder(" WHERE ");
        Map<String, Object> params = new HashMap<>();
        String scope = actor.stationPath();
        if (q.stationCode() != null && !q.stationCode().isBlank()) {
            Station s = stations.byCode(q.stationCode().strip()).filter(st -> actor.sees(st.path())).orElse(null);
            if (s == null) {
                errors.add("stationCode", "no station in your scope has this code");
            } else {
                scope = s.path();
            }
        }
        where.append(Scopes.within("k.station.path", scope));
        if (q.number() != null && !q.number().isBlank()) {
            String number = q.number().strip();
            if (number.chars().allMatch(Character::isDigit) && number.length() <= 18) {
                where.append(" AND k.id = :id");
                params.put("id", Long.parseLong(number));
            } else {
                where.append(" AND k.caseNumber = :number");
                params.put("number", number);
            }
        }
        if (q.status() != null) {
            where.append(" AND k.status = :status");
            params.put("status", Fields.enumValue(errors, "status", q.status(), ContactStatus.class));
        }
        if (q.category() != null) {
            where.append(" AND (k.primaryCategory = :category OR EXISTS (SELECT k2 FROM Contact k2 JOIN k2.otherCategories o"
                    + " WHERE k2 = k AND o = :category))");
            params.put("category", Fields.enumValue(errors, "category", q.category(), Category.class));
        }
        if (q.channel() != null) {
            where.append(" AND k.channel = :channel");
            params.put("channel", Fields.enumValue(errors, "channel", q.channel(), Channel.class));
        }
        if (q.receivedFrom() != null) {
            where.append(" AND k.receivedAt >= :from");
            params.put("from", q.receivedFrom());
        }
        if (q.receivedTo() != null) {
            where.append(" AND k.receivedAt < :to");
            params.put("to", q.receivedTo());
        }
        if (q.receivedFrom() != null && q.receivedTo() != null && !q.receivedTo().isAfter(q.receivedFrom())) {
            errors.add("receivedTo", "must lie after from");
        }
        errors.throwIfAny();

        // the station, which the scope's join reads from the contact's station index, not the contact's id (CaseSearch)
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(k.station) FROM Contact k" + where, Long.class);
        TypedQuery<Contact> select = em.createQuery("SELECT k FROM Contact k" + where
                + " ORDER BY k.receivedAt DESC, k.id DESC", Contact.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<Item> items = select.setFirstResult(q.page() * q.size()).setMaxResults(q.size()).getResultList().stream()
                .map(k -> new Item(k.id(), k.caseNumber(), k.station().name(), k.channel(), k.primaryCategory(),
                        k.status(), k.receivedAt(), k.parties().stream().filter(p -> p.role() == PartyRole.COMPLAINANT)
                        .map(Party::name).findFirst().map(PersonName::mask).orElse("")))
                .toList();
        return new Page(items, q.page(), q.size(), total);
    }
}
