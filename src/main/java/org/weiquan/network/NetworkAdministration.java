package org.weiquan.network;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.station.AgencyKind;
import org.weiquan.station.PartnerAgency;
import org.weiquan.station.Station;
import org.weiquan.station.StationLevel;
import org.weiquan.station.Stations;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Fields;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The county administrator's changes to the network: stations created under a parent, described, renamed,
 * moved with their subtree, closed; partner agencies created, edited, deactivated. Each change is one
 * transaction, taken under the network lock (so two changes never interleave and a node starting meanwhile
 * waits), and is recorded in {@link NetworkChange} with who, when, before and after.
 *
 * <p>Only an administrator of the root station (the county) may change the network: a station's
 * administrator would otherwise move stations out of or into a scope that is not hers.
 */
@Stateless
public class NetworkAdministration {

    private static final Logger LOG = Logger.getLogger(NetworkAdministration.class.getName());
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()\\-]{3,40}");

    @PersistenceContext
    EntityManager em;

    @Inject
    Stations stations;

    @Inject
    CurrentActor currentActor;

    @Inject
    StartupLock lock;

    @Inject
    Clock clock;

    /** A station to create, as typed: every field a string, checked here. */
    public record NewStation(String code, String name, String level, String parentCode, String address, String phone,
                             String openingHours, String staffContact) {
    }

    /** What a station is called and how people reach it. */
    public record StationDetails(String name, String address, String phone, String openingHours, String staffContact) {
    }

    /** A partner agency as typed. */
    public record AgencyInput(String code, String name, String kind, String stationCode) {
    }

    /** A station with everything the administrator sees of it. */
    public record StationView(String code, String name, StationLevel level, String parentCode, String address,
                              String phone, String openingHours, String staffContact, boolean closed,
                              java.time.Instant closedAt, long version) {
        static StationView of(Station s) {
            return new StationView(s.code(), s.name(), s.level(), s.parent() == null ? null : s.parent().code(),
                    s.address(), s.phone(), s.openingHours(), s.staffContact(), s.isClosed(), s.closedAt(), s.version());
        }
    }

    // ---------------------------------------------------------------- stations

    /** Every station, root first, parents before children. */
    public List<StationView> stations() {
        requireCountyAdmin();
        return stations.all().stream().map(StationView::of).toList();
    }

    public StationView station(String code) {
        requireCountyAdmin();
        return StationView.of(station(code, null));
    }

    /** Creates a station under a parent; its level must fit under the parent's. */
    public StationView create(NewStation input) {
        Actor actor = requireCountyAdmin();
        if (input == null) {
            throw InvalidInput.of("body", "is required");
        }
        lock.acquire();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String code = code(errors, "code", input.code());
        String name = text(errors, "name", input.name(), 100, true);
        StationLevel level = isBlank(input.level()) ? required(errors, "level")
                : Fields.enumValue(errors, "level", input.level(), StationLevel.class);
        Station parent = null;
        if (isBlank(input.parentCode())) {
            errors.add("parentCode", "is required");
        } else {
            parent = stations.byCode(input.parentCode().strip()).orElse(null);
            if (parent == null) {
                errors.add("parentCode", "no station has this code");
            } else if (parent.isClosed()) {
                errors.add("parentCode", "the station is closed");
            } else if (level != null && !parent.level().mayHaveChild(level)) {
                errors.add("level", "does not fit under the parent's level");
            }
        }
        StationDetails details = details(errors, new StationDetails(input.name(), input.address(), input.phone(),
                input.openingHours(), input.staffContact()));
        errors.throwIfAny();
        if (stations.byCode(code).isPresent()) {
            throw new Conflict("a station with this code exists");
        }
        Station station = parent.openChild(code, name, level);
        station.describe(details.address(), details.phone(), details.openingHours(), details.staffContact());
        stations.add(station);
        record(NetworkChange.Subject.STATION, code, NetworkChange.Kind.CREATED, actor, null, describe(station));
        LOG.info(actor.username() + " created station " + code + " under " + parent.code());
        return StationView.of(station);
    }

    /** Renames a station and changes how people reach it; {@code version} is the one the administrator read (or null). */
    public StationView edit(String code, StationDetails input, Long version) {
        Actor actor = requireCountyAdmin();
        if (input == null) {
            throw InvalidInput.of("body", "is required");
        }
        lock.acquire();
        Station station = station(code, version);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        StationDetails details = details(errors, input);
        String name = text(errors, "name", input.name(), 100, true);
        errors.throwIfAny();
        String before = describe(station);
        station.rename(name);
        station.describe(details.address(), details.phone(), details.openingHours(), details.staffContact());
        String after = describe(station);
        if (!after.equals(before)) {
            record(NetworkChange.Subject.STATION, station.code(), NetworkChange.Kind.EDITED, actor, before, after);
            em.flush();
        }
        return StationView.of(station);
    }

    /**
     * Moves a station with everything below it under another parent, in one transaction: its users' scope,
     * its cases' roll-up and the supervisors who oversee it follow at once; codes, cases and tasks stay.
     */
    public StationView move(String code, String parentCode, Long version) {
        Actor actor = requireCountyAdmin();
        lock.acquire();
        Station station = station(code, version);
        if (isBlank(parentCode)) {
            throw InvalidInput.of("parentCode", "is required");
        }
        Station parent = stations.byCode(parentCode.strip())
                .orElseThrow(() -> InvalidInput.of("parentCode", "no station has this code"));
        if (parent.isClosed()) {
            throw InvalidInput.of("parentCode", "the station is closed");
        }
        if (station.parent() == null) {
            throw InvalidInput.of("code", "the root station cannot move");
        }
        if (station.contains(parent)) {
            throw InvalidInput.of("parentCode", "is the station itself or lies below it");
        }
        if (!station.fitsUnder(parent)) {
            throw InvalidInput.of("parentCode", "does not fit the station's level");
        }
        if (parent.code().equals(station.parent().code())) {
            return StationView.of(station);
        }
        String before = "parent: " + station.parent().code();
        stations.move(station, parent);
        record(NetworkChange.Subject.STATION, station.code(), NetworkChange.Kind.MOVED, actor, before,
                "parent: " + parent.code());
        LOG.info(actor.username() + " moved station " + station.code() + " under " + parent.code());
        return StationView.of(station);
    }

    /**
     * Closes a station: it takes no new contacts. Its open cases must be transferred and its pending
     * contacts decided first, and the stations below it closed; its closed cases stay counted where they
     * were accepted.
     */
    public StationView close(String code, Long version) {
        Actor actor = requireCountyAdmin();
        lock.acquire();
        Station station = station(code, version);
        if (station.isClosed()) {
            throw new Conflict("the station is already closed");
        }
        if (station.parent() == null) {
            throw InvalidInput.of("code", "the root station cannot close");
        }
        long openChildren = stations.subtree(station).stream().filter(s -> !s.code().equals(station.code()) && !s.isClosed()).count();
        if (openChildren > 0) {
            throw new Conflict("close the stations below it first");
        }
        long openCases = count("SELECT COUNT(*) FROM case_file WHERE station_id = ?1 AND status = 'OPEN'", station.id());
        if (openCases > 0) {
            throw new Conflict("transfer its open cases first");
        }
        long pending = count("SELECT COUNT(*) FROM contact WHERE station_id = ?1 AND status = 'AWAITING_REVIEW'",
                station.id());
        if (pending > 0) {
            throw new Conflict("decide its pending contacts first");
        }
        String before = describe(station);
        station.close(clock.instant(), actor.username());
        record(NetworkChange.Subject.STATION, station.code(), NetworkChange.Kind.CLOSED, actor, before, describe(station));
        em.flush();
        LOG.info(actor.username() + " closed station " + station.code());
        return StationView.of(station);
    }

    /** The recorded changes of a station or an agency, oldest first. */
    public List<NetworkChange> history(NetworkChange.Subject subject, String code) {
        requireCountyAdmin();
        if (subject == NetworkChange.Subject.STATION) {
            station(code, null);
        } else {
            agency(code, null);
        }
        return em.createQuery("SELECT c FROM NetworkChange c WHERE c.subject = :s AND c.code = :c ORDER BY c.changedAt, c.id",
                        NetworkChange.class)
                .setParameter("s", subject).setParameter("c", code.strip()).getResultList();
    }

    // ---------------------------------------------------------------- agencies

    /** Creates a partner agency; its kind sets how long it has to answer a referral. */
    public PartnerAgency createAgency(AgencyInput input) {
        Actor actor = requireCountyAdmin();
        if (input == null) {
            throw InvalidInput.of("body", "is required");
        }
        lock.acquire();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String code = code(errors, "code", input.code());
        String name = text(errors, "name", input.name(), 200, true);
        AgencyKind kind = isBlank(input.kind()) ? required(errors, "kind")
                : Fields.enumValue(errors, "kind", input.kind(), AgencyKind.class);
        Station station = agencyStation(errors, input.stationCode());
        errors.throwIfAny();
        if (em.find(PartnerAgency.class, code) != null) {
            throw new Conflict("an agency with this code exists");
        }
        PartnerAgency agency = new PartnerAgency(code, name, kind, station);
        em.persist(agency);
        record(NetworkChange.Subject.AGENCY, code, NetworkChange.Kind.CREATED, actor, null, describe(agency));
        em.flush();
        return agency;
    }

    /** Changes an agency's name, kind or area; referrals already sent keep their due dates. */
    public PartnerAgency editAgency(String code, AgencyInput input, Long version) {
        Actor actor = requireCountyAdmin();
        if (input == null) {
            throw InvalidInput.of("body", "is required");
        }
        lock.acquire();
        PartnerAgency agency = agency(code, version);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (input.code() != null && !input.code().strip().equals(agency.code())) {
            errors.add("code", "cannot change");
        }
        String name = text(errors, "name", input.name(), 200, true);
        AgencyKind kind = isBlank(input.kind()) ? required(errors, "kind")
                : Fields.enumValue(errors, "kind", input.kind(), AgencyKind.class);
        Station station = agencyStation(errors, input.stationCode());
        errors.throwIfAny();
        String before = describe(agency);
        agency.edit(name, kind, station);
        String after = describe(agency);
        if (!after.equals(before)) {
            record(NetworkChange.Subject.AGENCY, agency.code(), NetworkChange.Kind.EDITED, actor, before, after);
            em.flush();
        }
        return agency;
    }

    /** No new referral may go to the agency; referrals already made keep it. */
    public PartnerAgency deactivateAgency(String code, Long version) {
        Actor actor = requireCountyAdmin();
        lock.acquire();
        PartnerAgency agency = agency(code, version);
        if (!agency.isActive()) {
            throw new Conflict("the agency is already inactive");
        }
        String before = describe(agency);
        agency.deactivate();
        record(NetworkChange.Subject.AGENCY, agency.code(), NetworkChange.Kind.DEACTIVATED, actor, before, describe(agency));
        em.flush();
        return agency;
    }

    /** The agency takes referrals again. */
    public PartnerAgency reactivateAgency(String code, Long version) {
        Actor actor = requireCountyAdmin();
        lock.acquire();
        PartnerAgency agency = agency(code, version);
        if (agency.isActive()) {
            throw new Conflict("the agency is already active");
        }
        String before = describe(agency);
        agency.reactivate();
        record(NetworkChange.Subject.AGENCY, agency.code(), NetworkChange.Kind.REACTIVATED, actor, before, describe(agency));
        em.flush();
        return agency;
    }

    /** Every partner agency by code, inactive ones included. */
    public List<PartnerAgency> agencies() {
        requireCountyAdmin();
        return em.createQuery("SELECT a FROM PartnerAgency a LEFT JOIN FETCH a.station ORDER BY a.code", PartnerAgency.class)
                .getResultList();
    }

    public PartnerAgency agency(String code) {
        requireCountyAdmin();
        return agency(code, null);
    }

    // ---------------------------------------------------------------- helpers

    /** The administrator of the root station: the network is the whole county's. */
    public Actor requireCountyAdmin() {
        Actor actor = currentActor.get().require(Role.ADMIN);
        if (!actor.isAtRoot()) {
            throw new Forbidden("the network is the whole county's: an administrator of the county station changes it");
        }
        return actor;
    }

    private Station station(String code, Long version) {
        Station station = isBlank(code) ? null : stations.byCode(code.strip()).orElse(null);
        if (station == null) {
            throw new NotFound("station");
        }
        if (version != null && version != station.version()) {
            throw new Conflict("the station was changed meanwhile; reload it", station.version());
        }
        return station;
    }

    private PartnerAgency agency(String code, Long version) {
        PartnerAgency agency = isBlank(code) ? null : em.find(PartnerAgency.class, code.strip());
        if (agency == null) {
            throw new NotFound("partner agency");
        }
        if (version != null && version != agency.version()) {
            throw new Conflict("the agency was changed meanwhile; reload it", agency.version());
        }
        return agency;
    }

    private Station agencyStation(InvalidInput.Collector errors, String stationCode) {
        if (isBlank(stationCode)) {
            return null;
        }
        Station station = stations.byCode(stationCode.strip()).orElse(null);
        if (station == null) {
            errors.add("stationCode", "no station has this code");
        }
        return station;
    }

    private long count(String sql, Object id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }

    private void record(NetworkChange.Subject subject, String code, NetworkChange.Kind kind, Actor actor, String before,
                        String after) {
        em.persist(new NetworkChange(subject, code, kind, clock.instant(), actor.username(), before, after));
    }

    static String describe(Station s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", s.name());
        f.put("level", s.level().name());
        f.put("parent", s.parent() == null ? null : s.parent().code());
        f.put("address", s.address());
        f.put("phone", s.phone());
        f.put("openingHours", s.openingHours());
        f.put("staffContact", s.staffContact());
        f.put("closed", s.isClosed() ? "yes" : null);
        return lines(f);
    }

    static String describe(PartnerAgency a) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", a.name());
        f.put("kind", a.kind().name());
        f.put("station", a.station() == null ? null : a.station().code());
        f.put("active", a.isActive() ? "yes" : "no");
        return lines(f);
    }

    private static String lines(Map<String, String> fields) {
        List<String> lines = new ArrayList<>();
        fields.forEach((k, v) -> {
            if (v != null) {
                lines.add(k + ": " + v);
            }
        });
        return String.join("\n", lines);
    }

    public static StationDetails details(InvalidInput.Collector errors, StationDetails in) {
        String address = text(errors, "address", in.address(), 200, false);
        String phone = text(errors, "phone", in.phone(), 40, false);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.add("phone", "may hold only digits, spaces, + - and brackets");
        }
        String hours = text(errors, "openingHours", in.openingHours(), 100, false);
        String contact = text(errors, "staffContact", in.staffContact(), 100, false);
        return new StationDetails(in.name(), address, phone, hours, contact);
    }

    public static String code(InvalidInput.Collector errors, String field, String value) {
        if (isBlank(value)) {
            errors.add(field, "is required");
            return null;
        }
        String code = value.strip();
        if (!CODE.matcher(code).matches()) {
            errors.add(field, "must be 1 to 32 letters digits or hyphens starting with a letter or digit");
            return null;
        }
        return code;
    }

    public static String text(InvalidInput.Collector errors, String field, String value, int max, boolean required) {
        if (isBlank(value)) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(field, "is longer than " + max + " characters");
            return null;
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            errors.add(field, "must not contain control characters");
            return null;
        }
        if ("=+-@".indexOf(v.charAt(0)) >= 0) {
            errors.add(field, "must not start with = + - or @");
            return null;
        }
        return v;
    }

    private static <T> T required(InvalidInput.Collector errors, String field) {
        errors.add(field, "is required");
        return null;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
