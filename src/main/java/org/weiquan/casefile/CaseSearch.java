package org.weiquan.casefile;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.Party;
import org.weiquan.intake.PartyRole;
import org.weiquan.intake.PersonName;
import org.weiquan.intake.PhoneNumber;
import org.weiquan.privacy.BlindIndex;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Scopes;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches cases within the actor's scope. Names are masked in the results (张*花); a phone number is
 * found through its blind index, never by decrypting.
 */
@Stateless
public class CaseSearch {

    public static final int MAX_PAGE_SIZE = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    Stations stations;

    @Inject
    BlindIndex blindIndex;

    @Inject
    CurrentActor currentActor;

    @Inject
    Clock clock;

    /** The filters; every one optional. Dates are instants; sort is number, receivedAt, acceptedAt or handlingDue. */
    public record Criteria(String number, String stationCode, String status, String category, String channel,
                           Instant receivedFrom, Instant receivedTo, Instant acceptedFrom, Instant acceptedTo,
                           String deadline, String phone, String name, Integer page, Integer size, String sort,
                           String direction) {
    }

    public record Item(String number, String stationCode, String stationName, CaseStatus status, CaseStage stage,
                       Category primaryCategory, Channel channel, Instant receivedAt, Instant acceptedAt,
                       Instant handlingDue, DeadlineState deadlineState, String complainant) {
    }

    public record Page(List<Item> items, int page, int size, long total) {
    }

    private static final Map<String, String> SORTS = Map.of("number", "c.number", "receivedAt", "k.receivedAt",
            "acceptedAt", "c.acceptedAt", "handlingDue", "c.handlingDue");

    public Page search(Criteria q) {
        Actor actor = currentActor.get().requireCaseRole();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        int page = q.page() == null ? 0 : q.page();
        int size = q.size() == null ? 20 : q.size();
        if (page < 0) {
            errors.add("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("size", "must be between 1 and " + MAX_PAGE_SIZE);
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
        where.append(Scopes.within("c.station.path", scope));
        if (q.number() != null && !q.number().isBlank()) {
            where.append(" AND c.number = :number");
            params.put("number", q.number().strip());
        }
        if (q.status() != null) {
            CaseStatus status = Fields.enumValue(errors, "status", q.status(), CaseStatus.class);
            where.append(" AND c.status = :status");
            params.put("status", status);
        }
        if (q.category() != null) {
            Category category = Fields.enumValue(errors, "category", q.category(), Category.class);
            where.append(" AND (k.primaryCategory = :category OR EXISTS (SELECT k2 FROM Contact k2 JOIN k2.otherCategories o"
                    + " WHERE k2 = k AND o = :category))");
            params.put("category", category);
        }
        if (q.channel() != null) {
            Channel channel = Fields.enumValue(errors, "channel", q.channel(), Channel.class);
            where.append(" AND k.channel = :channel");
            params.put("channel", channel);
        }
        range(where, params, "k.receivedAt", "receivedFrom", q.receivedFrom(), "receivedTo", q.receivedTo());
        range(where, params, "c.acceptedAt", "acceptedFrom", q.acceptedFrom(), "acceptedTo", q.acceptedTo());
        if (q.deadline() != null) {
            DeadlineState state = Fields.enumValue(errors, "deadline", q.deadline(), DeadlineState.class);
            Instant now = clock.instant();
            where.append(" AND c.status = :open");
            params.put("open", CaseStatus.OPEN);
            if (state == DeadlineState.OVERDUE) {
                where.append(" AND c.handlingDue < :now");
                params.put("now", now);
            } else if (state == DeadlineState.DUE_SOON) {
                where.append(" AND c.handlingDue >= :now AND c.handlingDue < :soon");
                params.put("now", now);
                params.put("soon", now.plus(DeadlineState.SOON));
            } else if (state == DeadlineState.ON_TIME) {
                where.append(" AND c.handlingDue >= :soon");
                params.put("soon", now.plus(DeadlineState.SOON));
            }
        }
        if (q.phone() != null && !q.phone().isBlank()) {
            try {
                String idx = blindIndex.of(PhoneNumber.parse(q.phone()).value(), "phone");
                where.append(" AND EXISTS (SELECT ph FROM PartyPhone ph WHERE ph.party.contact = k AND ph.numberIndex = :phoneIdx)");
                params.put("phoneIdx", idx);
            } catch (IllegalArgumentException e) {
                errors.add("phone", e.getMessage());
            }
        }
        if (q.name() != null && !q.name().isBlank()) {
            String name = q.name().strip();
            where.append(" AND EXISTS (SELECT p FROM Party p WHERE p.contact = k AND (p.name = :name OR p.namePinyin = :pinyin))");
            params.put("name", name);
            params.put("pinyin", PersonName.pinyin(name));
        }
        String sortField = q.sort() == null ? "acceptedAt" : q.sort();
        if (!SORTS.containsKey(sortField)) {
            errors.add("sort", "must be one of " + String.join(", ", SORTS.keySet()));
        }
        boolean ascending = "asc".equalsIgnoreCase(q.direction());
        if (q.direction() != null && !ascending && !"desc".equalsIgnoreCase(q.direction())) {
            errors.add("direction", "must be asc or desc");
        }
        errors.throwIfAny();

        // the contact is joined only for what the case does not carry: with stale statistics PostgreSQL may otherwise
        // merge-join along every contact's key to reach the newest cases' (measured at a million contacts)
        String orderBy = SORTS.get(sortField);
        boolean contactNeeded = q.category() != null || q.channel() != null || q.receivedFrom() != null
                || q.receivedTo() != null || q.phone() != null && !q.phone().isBlank()
                || q.name() != null && !q.name().isBlank() || orderBy.startsWith("k.");
        String from = contactNeeded ? " FROM CaseFile c JOIN c.contact k" : " FROM CaseFile c";
        // the station, which the scope's join reads from the case's station index, not the case's id, which only the
        // table has: at a village of a million cases' county 2 ms instead of 245 ms when the rows are not in memory
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(c.station)" + from + where, Long.class);
        TypedQuery<Case> select = em.createQuery("SELECT c" + from + where + " ORDER BY " + orderBy
                + (ascending ? " ASC" : " DESC") + ", c.id", Case.class);
        batchedForItems(select);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<Case> cases = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>();
        for (Case c : cases) {
            items.add(item(c, now));
        }
        return new Page(items, page, size, total);
    }

    /**
     * The list items of these cases, in the order given (a report's drill-down names its cases by number); a case
     * outside the user's scope is left out.
     */
    public List<Item> items(List<String> numbers) {
        Actor actor = currentActor.get().requireCaseRole();
        if (numbers.isEmpty()) {
            return List.of();
        }
        Map<String, Case> found = new HashMap<>();
        for (int from = 0; from < numbers.size(); from += MAX_PAGE_SIZE) {
            TypedQuery<Case> select = em.createQuery(
                    "SELECT c FROM CaseFile c WHERE c.number IN :numbers AND "
                            + Scopes.within("c.station.path", actor.stationPath()), Case.class);
            batchedForItems(select);
            select.setParameter("numbers", numbers.subList(from, Math.min(numbers.size(), from + MAX_PAGE_SIZE)))
                    .getResultList().forEach(c -> found.put(c.number(), c));
        }
        Instant now = clock.instant();
        return numbers.stream().filter(found::containsKey).map(n -> item(found.get(n), now)).toList();
    }

    /**
     * A page's items read their cases' stations, contacts, categories and complainants: in one statement each for the
     * page (EclipseLink's batch reading by the page's keys), not one per case.
     */
    private static void batchedForItems(TypedQuery<Case> select) {
        for (String path : List.of("c.station", "c.contact", "c.contact.otherCategories", "c.contact.parties")) {
            select.setHint("eclipselink.batch", path);
        }
        select.setHint("eclipselink.batch.type", "IN");
    }

    private static Item item(Case c, Instant now) {
        var k = c.contact();
        String complainant = k.parties().stream().filter(p -> p.role() == PartyRole.COMPLAINANT)
                .map(Party::name).findFirst().map(PersonName::mask).orElse("");
        return new Item(c.number(), c.station().code(), c.station().name(), c.status(), c.stage(),
                k.primaryCategory(), k.channel(), k.receivedAt(), c.acceptedAt(), c.handlingDue(),
                c.status() == CaseStatus.OPEN ? DeadlineState.of(c.handlingDue(), now) : null, complainant);
    }

    private static void range(StringBuilder where, Map<String, Object> params, String path, String fromName,
                              Instant from, String toName, Instant to) {
        if (from != null) {
            where.append(" AND ").append(path).append(" >= :").append(fromName);
            params.put(fromName, from);
        }
        if (to != null) {
            where.append(" AND ").append(path).append(" < :").append(toName);
            params.put(toName, to);
        }
    }
}
