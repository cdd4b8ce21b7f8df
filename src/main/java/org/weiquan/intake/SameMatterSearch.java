package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.privacy.BlindIndex;
import org.weiquan.security.Actor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds earlier contacts in the actor's scope that may be about the same matter: the same phone or
 * identity number (through their blind indexes — nothing is decrypted), a complainant with the same
 * or a similar name (pinyin, one character apart), or the same respondent.
 */
@ApplicationScoped
public class SameMatterSearch {

    static final int LIMIT = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    BlindIndex blindIndex;

    /** What to look for, already normalised. */
    public record Probe(Set<String> phones, Set<String> idNumbers, Set<String> complainantNames,
                        Set<String> respondentNames) {
        public boolean isEmpty() {
            return phones.isEmpty() && idNumbers.isEmpty() && complainantNames.isEmpty() && respondentNames.isEmpty();
        }
    }

    public List<DuplicateCandidate> find(Probe probe, Actor actor) {
        Map<Long, EnumSet<DuplicateCandidate.Reason>> reasons = new LinkedHashMap<>();
        Map<Long, Contact> contacts = new LinkedHashMap<>();
        String scope = actor.stationPath() + "%";
        if (!probe.phones().isEmpty()) {
            List<String> idx = probe.phones().stream().map(p -> blindIndex.of(p, "phone")).toList();
            collect(em.createQuery("SELECT DISTINCT ph.party.contact FROM PartyPhone ph WHERE ph.numberIndex IN :idx "
                            + "AND ph.party.contact.station.path LIKE :scope", Contact.class)
                    .setParameter("idx", idx).setParameter("scope", scope).setMaxResults(LIMIT).getResultList(),
                    DuplicateCandidate.Reason.SAME_PHONE, reasons, contacts);
        }
        if (!probe.idNumbers().isEmpty()) {
            List<String> idx = probe.idNumbers().stream().map(n -> blindIndex.of(n, "id")).toList();
            collect(em.createQuery("SELECT DISTINCT p.contact FROM Party p WHERE p.idNumberIndex IN :idx "
                            + "AND p.contact.station.path LIKE :scope", Contact.class)
                    .setParameter("idx", idx).setParameter("scope", scope).setMaxResults(LIMIT).getResultList(),
                    DuplicateCandidate.Reason.SAME_ID_NUMBER, reasons, contacts);
        }
        for (String name : probe.complainantNames()) {
            collect(similarlyNamed(name, PartyRole.COMPLAINANT, scope),
                    DuplicateCandidate.Reason.SIMILAR_COMPLAINANT_NAME, reasons, contacts);
        }
        for (String name : probe.respondentNames()) {
            collect(similarlyNamed(name, PartyRole.RESPONDENT, scope),
                    DuplicateCandidate.Reason.SAME_RESPONDENT, reasons, contacts);
        }
        List<DuplicateCandidate> result = new ArrayList<>();
        for (Contact c : contacts.values()) {
            result.add(new DuplicateCandidate(c.id(), c.caseNumber(), c.station().code(), c.station().name(),
                    c.receivedAt(), c.status(), complainantOf(c), List.copyOf(reasons.get(c.id()))));
        }
        result.sort(Comparator.comparing(DuplicateCandidate::receivedAt).reversed());
        return result.size() > LIMIT ? result.subList(0, LIMIT) : result;
    }

    /** Same name, same pinyin, or a name one character apart; the database narrows, Java decides. */
    private List<Contact> similarlyNamed(String name, PartyRole role, String scope) {
        String pinyin = PersonName.pinyin(name);
        boolean chinese = !name.isEmpty() && Character.UnicodeScript.of(name.codePointAt(0)) == Character.UnicodeScript.HAN;
        // names typed in pinyin are matched by pinyin only: their LIKE patterns repeat the exact match
        String first = chinese ? name.substring(0, 1) + "%" : name;
        String last = chinese ? "%" + name.substring(name.length() - 1) : name;
        List<Party> parties = em.createQuery("SELECT p FROM Party p WHERE p.role = :role "
                        + "AND p.contact.station.path LIKE :scope "
                        + "AND (p.name = :name OR p.namePinyin = :pinyin OR p.name LIKE :first OR p.name LIKE :last)",
                        Party.class)
                .setParameter("role", role).setParameter("scope", scope).setParameter("name", name)
                .setParameter("pinyin", pinyin).setParameter("first", first).setParameter("last", last)
                .setMaxResults(500)
                .getResultList();
        return parties.stream().filter(p -> PersonName.sameOrSimilar(name, p.name()))
                .map(Party::contact).distinct().toList();
    }

    private static void collect(Collection<Contact> found, DuplicateCandidate.Reason reason,
                                Map<Long, EnumSet<DuplicateCandidate.Reason>> reasons, Map<Long, Contact> contacts) {
        for (Contact c : found) {
            contacts.putIfAbsent(c.id(), c);
            reasons.computeIfAbsent(c.id(), id -> EnumSet.noneOf(DuplicateCandidate.Reason.class)).add(reason);
        }
    }

    static String complainantOf(Contact c) {
        return c.parties().stream().filter(p -> p.role() == PartyRole.COMPLAINANT).findFirst()
                .map(p -> PersonName.mask(p.name())).orElse("");
    }
}
