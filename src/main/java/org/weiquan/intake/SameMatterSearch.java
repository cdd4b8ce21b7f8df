package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.weiquan.privacy.BlindIndex;
import org.weiquan.security.Actor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds earlier contacts in the actor's scope that may be about the same matter: the same phone or identity number
 * (through their blind indexes — nothing is decrypted), a complainant with the same, a homophone or a nearly same name
 * (through {@code name_pinyin} and the name keys, {@link PersonName#keys}), or the same respondent; judged by
 * {@link SameMatterRule}. Every candidate comes from an index, and all of them are read in one statement with the
 * party's own columns the rule judges; only the contacts it flags are read again, with their station and complainant,
 * for the answer (a second statement, when there are any). The best {@value #LIMIT} by score are returned. Each name
 * key reads only its {@value #PER_KEY} newest holders in scope, so that the search does not grow with the station.
 */
@ApplicationScoped
public class SameMatterSearch {

    static final int LIMIT = 20;
    /** Rows read at most: exact matches first, then names newest first. */
    static final int ROWS = 400;
    /** Matches in scope read at most: a phone typed into thousands of contacts. */
    static final int MATCHES = 5000;
    /**
     * A name key's newest holders in scope read at most. A name is common past one namesake
     * ({@link SameMatterRule#COMMON_NAMESAKES}) and counts only with the other party's name then, so older holders of
     * a common key add rows, not findings: bounded at 2 the search found 0.843 of the retyped duplicates at 100,000
     * contacts, at 25 the same 0.851 as unbounded ({@code SameMatterRuleEvaluationTest}); at 1,000,000 in one scope
     * 0.786 against 0.790, with fewer false alarms (0.155 against 0.174). Unbounded, a key of a station with a million
     * contacts matched hundreds of parties, each joined to its contact and station.
     */
    static final int PER_KEY = 25;

    private static final int PHONE = 0;
    private static final int ID_NUMBER = 1;
    private static final int COMPLAINANT = 2;
    private static final int RESPONDENT = 3;
    /** What a branch of the search gives of each party matched: what the rule judges, and its id for the order. */
    private static final String COLUMNS = "p.id, p.contact_id, p.name, p.gender, p.age, p.birth_date, p.name_pinyin";

    @PersistenceContext
    EntityManager em;

    @Inject
    BlindIndex blindIndex;

    @Inject
    Clock clock;

    /** What to look for, already normalised; the complainant's gender and age when recorded (else null). */
    public record Probe(Set<String> phones, Set<String> idNumbers, Set<String> complainantNames,
                        Set<String> respondentNames, Gender gender, Integer age) {

        public Probe(Set<String> phones, Set<String> idNumbers, Set<String> complainantNames,
                     Set<String> respondentNames) {
            this(phones, idNumbers, complainantNames, respondentNames, null, null);
        }

        public boolean isEmpty() {
            return phones.isEmpty() && idNumbers.isEmpty() && complainantNames.isEmpty() && respondentNames.isEmpty();
        }
    }

    public List<DuplicateCandidate> find(Probe probe, Actor actor) {
        if (probe.isEmpty()) {
            return List.of();
        }
        List<Judged> judged = judge(probe, rows(search(probe, actor.stationPath(), blindIndex::of)),
                LocalDate.now(clock.withZone(org.weiquan.shared.StationTime.ZONE)));
        return judged.isEmpty() ? List.of() : candidates(judged, rows(shown(judged)));
    }

    private List<Object[]> rows(Search search) {
        Query query = em.createNativeQuery(search.sql());
        for (int i = 0; i < search.parameters().size(); i++) {
            query.setParameter(i + 1, search.parameters().get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows;
    }

    /** A statement of the search and its parameters (numbered ?1, ?2 … in the text). */
    record Search(String sql, List<Object> parameters) {
    }

    /** The statement for a probe within a station path; {@code index} gives a value's blind index for a context. */
    static Search search(Probe probe, String stationPath, java.util.function.BiFunction<String, String, String> index) {
        List<Object> parameters = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        String scope = stationPath + "%";
        exact(branches, parameters, PHONE, "party_phone f JOIN party p ON p.id = f.party_id WHERE f.number_idx",
                probe.phones().stream().map(p -> index.apply(p, "phone")).toList(), scope);
        exact(branches, parameters, ID_NUMBER, "party p WHERE p.id_number_idx",
                probe.idNumbers().stream().map(n -> index.apply(n, "id")).toList(), scope);
        names(branches, parameters, COMPLAINANT, PartyRole.COMPLAINANT, probe.complainantNames(), scope);
        names(branches, parameters, RESPONDENT, PartyRole.RESPONDENT, probe.respondentNames(), scope);
        // each branch gives the party's own columns the rule judges: a name's from its key's index alone (V98), so
        // that a hundred namesakes at 100,000 contacts are not each looked up again by the party's key (five buffers
        // each); their contacts, stations and complainants are read for the few the rule flags
        String sql = "SELECT m.how, m.contact_id, m.name, m.gender, m.age, m.birth_date, m.name_pinyin"
                // the limit keeps the index look-ups a unit of their own, planned first
                + " FROM (" + String.join(" UNION ALL ", branches) + " FETCH FIRST " + MATCHES + " ROWS ONLY) m"
                // newest first by registration: the contacts' ids are given in that order
                + " ORDER BY m.how, m.contact_id DESC, m.id FETCH FIRST " + ROWS + " ROWS ONLY";
        return new Search(sql, parameters);
    }

    /**
     * The statement that reads what the answer shows of the flagged contacts: their dates, numbers, states, stations
     * and first complainant. Its list of ids is padded to a power of two with the last id, so that the driver and the
     * database see a few shapes of it, not one per count.
     */
    static Search shown(List<Judged> judged) {
        List<Object> ids = new ArrayList<>();
        judged.forEach(j -> ids.add(j.contactId()));
        int size = Integer.highestOneBit(ids.size());
        size = size == ids.size() ? size : size * 2;
        while (ids.size() < size) {
            ids.add(ids.get(ids.size() - 1));
        }
        StringBuilder in = new StringBuilder();
        for (int i = 1; i <= ids.size(); i++) {
            in.append(i == 1 ? "" : ", ").append('?').append(i);
        }
        String sql = "SELECT c.id, c.received_at, c.case_number, c.status, c.primary_category, s.code, s.name,"
                + " (SELECT q.name FROM party q WHERE q.contact_id = c.id AND q.role = 'COMPLAINANT'"
                + "  ORDER BY q.position FETCH FIRST 1 ROWS ONLY)"
                + " FROM contact c JOIN station s ON s.id = c.station_id WHERE c.id IN (" + in + ")";
        return new Search(sql, ids);
    }

    /** An earlier contact the rule flags: why, and how strongly. */
    record Judged(long contactId, List<DuplicateCandidate.Reason> reasons, int score) {
    }

    /**
     * The rows of {@link #search} judged by {@link SameMatterRule}: the contacts it flags, strongest first, and of
     * those that rank below the {@value #LIMIT}th only the ones that tie with it (the answer breaks ties by date).
     */
    static List<Judged> judge(Probe probe, List<Object[]> rows, LocalDate today) {
        Map<Long, Earlier> earlier = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long id = ((Number) r[1]).longValue();
            Earlier e = earlier.computeIfAbsent(id, k -> new Earlier());
            switch (((Number) r[0]).intValue()) {
                case PHONE -> e.reasons.add(DuplicateCandidate.Reason.SAME_PHONE);
                case ID_NUMBER -> e.reasons.add(DuplicateCandidate.Reason.SAME_ID_NUMBER);
                case COMPLAINANT -> {
                    if (e.complainants.isEmpty()) {
                        e.gender = r[3] == null ? null : Gender.valueOf((String) r[3]);
                        e.age = age(r[4], r[5], today);
                    }
                    e.complainants.add((String) r[2]);
                    e.readings.put((String) r[2], (String) r[6]);
                }
                default -> {
                    e.respondents.add((String) r[2]);
                    e.readings.put((String) r[2], (String) r[6]);
                }
            }
        }
        Map<String, String> readings = new java.util.HashMap<>();
        probe.complainantNames().forEach(n -> readings.put(n, PersonName.pinyin(n)));
        probe.respondentNames().forEach(n -> readings.put(n, PersonName.pinyin(n)));
        SameMatterRule.Person mine = new SameMatterRule.Person(probe.complainantNames(), probe.gender(), probe.age(),
                probe.respondentNames(), readings);
        SameMatterRule.Namesakes namesakes = new SameMatterRule.Namesakes(
                namesakes(probe.complainantNames(), readings, earlier.values(), e -> e.complainants),
                namesakes(probe.respondentNames(), readings, earlier.values(), e -> e.respondents));
        List<Judged> flagged = new ArrayList<>();
        for (Map.Entry<Long, Earlier> entry : earlier.entrySet()) {
            Earlier e = entry.getValue();
            SameMatterRule.Verdict verdict = SameMatterRule.byName(mine,
                    new SameMatterRule.Person(e.complainants, e.gender, e.age, e.respondents, e.readings), namesakes);
            e.reasons.addAll(verdict.reasons());
            if (e.reasons.isEmpty()) {
                continue;
            }
            int score = verdict.score()
                    + (e.reasons.contains(DuplicateCandidate.Reason.SAME_PHONE) ? SameMatterRule.EXACT_SCORE : 0)
                    + (e.reasons.contains(DuplicateCandidate.Reason.SAME_ID_NUMBER) ? SameMatterRule.EXACT_SCORE : 0);
            flagged.add(new Judged(entry.getKey(), List.copyOf(e.reasons), score));
        }
        flagged.sort(Comparator.comparingInt(Judged::score).reversed());
        if (flagged.size() > LIMIT) {
            int last = flagged.get(LIMIT - 1).score();
            flagged.removeIf(j -> j.score() < last);
        }
        return flagged;
    }

    /** The flagged contacts with what {@link #shown} read of them: the best {@value #LIMIT}, strongest and then newest first. */
    static List<DuplicateCandidate> candidates(List<Judged> judged, List<Object[]> shown) {
        Map<Long, Object[]> rows = new java.util.HashMap<>();
        shown.forEach(r -> rows.put(((Number) r[0]).longValue(), r));
        List<DuplicateCandidate> result = new ArrayList<>();
        for (Judged j : judged) {
            Object[] r = rows.get(j.contactId());
            if (r == null) {
                continue; // removed since the first statement read it
            }
            result.add(new DuplicateCandidate(j.contactId(), (String) r[2], (String) r[5], (String) r[6], instant(r[1]),
                    ContactStatus.valueOf((String) r[3]), PersonName.mask((String) r[7]), j.reasons(),
                    r[4] == null ? null : Category.valueOf((String) r[4]), j.score()));
        }
        result.sort(Comparator.comparingInt(DuplicateCandidate::score).reversed()
                .thenComparing(DuplicateCandidate::receivedAt, Comparator.reverseOrder()));
        return result.size() > LIMIT ? List.copyOf(result.subList(0, LIMIT)) : result;
    }

    /**
     * How many of the earlier contacts read have a party with one of {@code names} or its reading (the rows hold every
     * such contact of the scope up to {@value #ROWS}, more than the rule needs to call a name common).
     */
    private static int namesakes(Set<String> names, Map<String, String> readingOf, java.util.Collection<Earlier> earlier,
                                 java.util.function.Function<Earlier, Set<String>> party) {
        Set<String> readings = new java.util.HashSet<>();
        names.forEach(n -> readings.add(readingOf.get(n)));
        int namesakes = 0;
        for (Earlier e : earlier) {
            if (party.apply(e).stream().anyMatch(n -> readings.contains(e.readings.get(n)))) {
                namesakes++;
            }
        }
        return namesakes;
    }

    /** An earlier contact while its rows are gathered. */
    private static final class Earlier {
        final EnumSet<DuplicateCandidate.Reason> reasons = EnumSet.noneOf(DuplicateCandidate.Reason.class);
        final Set<String> complainants = new LinkedHashSet<>();
        final Set<String> respondents = new LinkedHashSet<>();
        /** Each name's reading as stored with it ({@code party.name_pinyin}): the search found it by that. */
        final Map<String, String> readings = new java.util.HashMap<>();
        Gender gender;
        Integer age;
    }

    /**
     * Names by pinyin (same or homophone) and by their keys (one character apart), for one role: one branch per value,
     * each reading the value's {@value #PER_KEY} newest holders in scope, newest first along the index on the key, the
     * role and the party id, which holds the party's station (V97) and the columns the rule judges (V98, PostgreSQL).
     */
    private static void names(List<String> branches, List<Object> parameters, int how, PartyRole role,
                              Collection<String> names, String scope) {
        Set<String> pinyin = new LinkedHashSet<>();
        Set<String> heads = new LinkedHashSet<>();
        Set<String> gaps = new LinkedHashSet<>();
        for (String name : names) {
            String p = PersonName.pinyin(name);
            if (!p.isEmpty()) {
                pinyin.add(p);
            }
            PersonName.Keys keys = PersonName.keys(name);
            if (keys != null) {
                heads.add(keys.head());
                gaps.add(keys.gap());
            }
        }
        newest(branches, parameters, how, role, "name_pinyin", pinyin, scope);
        newest(branches, parameters, how, role, "name_key_head", heads, scope);
        newest(branches, parameters, how, role, "name_key_gap", gaps, scope);
    }

    private static void newest(List<String> branches, List<Object> parameters, int how, PartyRole role, String column,
                               Collection<String> values, String scope) {
        for (String value : values) {
            parameters.add(value);
            int key = parameters.size();
            parameters.add(scope);
            // a subquery, not a parenthesised branch: a lone branch's limit would meet the union's (PostgreSQL).
            // The party's own station (V97), read from the index with the key: joining each namesake's contact for
            // its station cost five buffers a namesake, and a key has hundreds in a station of a million contacts.
            // The scope's stations are an array taken once, a filter on the index's rows, not a join: joined, the
            // plan the driver keeps after a statement's fifth run (generic, not knowing the scope) read every
            // holder of a common key, hashed them with the stations and sorted them, 2,490 rows for 25 at 1,000,000
            // contacts (twenty-eighth session)
            branches.add("SELECT * FROM (SELECT " + how + " AS how, " + COLUMNS + " FROM party p"
                    + " WHERE p." + column + " = ?" + key + " AND p.role = '" + role.name() + "'"
                    + " AND p.station_id = ANY (ARRAY (SELECT x.id FROM station x WHERE x.path LIKE ?"
                    + parameters.size() + "))"
                    + " ORDER BY p.id DESC FETCH FIRST " + PER_KEY + " ROWS ONLY) k");
        }
    }

    /**
     * The parties of an exact match (a phone's or identity number's blind index) in scope. The scope is a filter on
     * each match, never a way in: joined, it let PostgreSQL start from the station and read every contact of it with
     * its parties (1,300 index scans per search at 2,000 contacts). The party's station is its contact's (V97).
     */
    private static void exact(List<String> branches, List<Object> parameters, int how, String fromWhere,
                              Collection<String> values, String scope) {
        if (values.isEmpty()) {
            return;
        }
        StringBuilder in = new StringBuilder("SELECT ").append(how).append(" AS how, ").append(COLUMNS)
                .append(" FROM ").append(fromWhere).append(" IN (");
        for (String v : values) {
            parameters.add(v);
            in.append(in.charAt(in.length() - 1) == '(' ? "" : ", ").append('?').append(parameters.size());
        }
        parameters.add(scope);
        branches.add(in.append(") AND (SELECT x.path FROM station x WHERE x.id = p.station_id) LIKE ?")
                .append(parameters.size()).toString());
    }

    private static Integer age(Object age, Object birthDate, LocalDate today) {
        if (age != null) {
            return ((Number) age).intValue();
        }
        LocalDate born = birthDate instanceof java.sql.Date d ? d.toLocalDate()
                : birthDate instanceof LocalDate l ? l : null;
        return born == null ? null : Period.between(born, today).getYears();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + (value == null ? null : value.getClass()));
    }
}
