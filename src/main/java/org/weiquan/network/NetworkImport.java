package org.weiquan.network;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.station.AgencyKind;
import org.weiquan.station.PartnerAgency;
import org.weiquan.station.Station;
import org.weiquan.station.StationLevel;
import org.weiquan.station.Stations;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The whole network as one CSV file ({@link NetworkCsv}): exported as it is, imported all-or-nothing. An
 * import creates the stations and agencies it does not know, renames, describes and moves those it knows
 * (by code), closes stations and (de)activates agencies whose state it changes; every row is checked before
 * anything is written, and one bad row refuses the whole file with an error naming each row and column. A
 * county sets up its own network with one file this way (issue 18).
 */
@Stateless
public class NetworkImport {

    private static final Logger LOG = Logger.getLogger(NetworkImport.class.getName());
    static final int MAX_ROWS = 5000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Stations stations;

    @Inject
    StartupLock lock;

    @EJB
    NetworkAdministration network;

    /** What an import did. */
    public record Result(int stationsCreated, int stationsChanged, int stationsClosed, int agenciesCreated,
                         int agenciesChanged) {
    }

    private record Row(int line, String record, String code, String name, String level, String parentCode,
                       String address, String phone, String openingHours, String staffContact, String kind,
                       String stationCode, String state) {
    }

    /** The network's rows, header first: stations parents first, then the agencies. */
    private List<List<String>> rows() {
        network.requireCountyAdmin();
        List<List<String>> rows = new ArrayList<>();
        rows.add(NetworkCsv.COLUMNS);
        for (Station s : stations.all()) {
            rows.add(java.util.Arrays.asList("STATION", s.code(), s.name(), s.level().name(),
                    s.parent() == null ? "" : s.parent().code(), s.address(), s.phone(), s.openingHours(),
                    s.staffContact(), "", "", s.isClosed() ? "CLOSED" : "OPEN"));
        }
        for (PartnerAgency a : em.createQuery("SELECT a FROM PartnerAgency a LEFT JOIN FETCH a.station ORDER BY a.code",
                PartnerAgency.class).getResultList()) {
            rows.add(java.util.Arrays.asList("AGENCY", a.code(), a.name(), "", "", "", "", "", "",
                    a.kind().name(), a.station() == null ? "" : a.station().code(), a.isActive() ? "ACTIVE" : "INACTIVE"));
        }
        return rows;
    }

    /** The network as a CSV file (UTF-8 with a byte-order mark, so that spreadsheets read the Chinese). */
    public byte[] export() {
        StringBuilder text = new StringBuilder("\uFEFF");
        rows().forEach(r -> text.append(NetworkCsv.line(r)));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The network as an Excel workbook with the same columns and rows. */
    public byte[] exportXlsx() {
        return NetworkXlsx.write(rows());
    }

    /** The media type of the workbook export and import. */
    public static String xlsxMediaType() {
        return NetworkXlsx.MEDIA_TYPE;
    }

    /** Imports a network file, CSV or (recognised by its content) XLSX: everything or, when one row is wrong, nothing. */
    public Result importCsv(byte[] content) {
        network.requireCountyAdmin();
        lock.acquire();
        List<Row> rows = parse(NetworkXlsx.looksLikeXlsx(content) ? NetworkXlsx.read(content) : NetworkCsv.read(content));
        check(rows);
        int stationsCreated = 0;
        int stationsChanged = 0;
        int stationsClosed = 0;
        int agenciesCreated = 0;
        int agenciesChanged = 0;
        for (Row r : rows) {
            if (!"STATION".equals(r.record())) {
                continue;
            }
            try {
                Station existing = stations.byCode(r.code()).orElse(null);
                if (existing == null) {
                    network.create(new NetworkAdministration.NewStation(r.code(), r.name(), r.level(), r.parentCode(),
                            r.address(), r.phone(), r.openingHours(), r.staffContact()));
                    stationsCreated++;
                    continue;
                }
                boolean changed = false;
                if (existing.parent() != null && !existing.parent().code().equals(r.parentCode())) {
                    network.move(r.code(), r.parentCode(), null);
                    changed = true;
                }
                if (!Objects.equals(existing.name(), r.name()) || !Objects.equals(existing.address(), r.address())
                        || !Objects.equals(existing.phone(), r.phone())
                        || !Objects.equals(existing.openingHours(), r.openingHours())
                        || !Objects.equals(existing.staffContact(), r.staffContact())) {
                    network.edit(r.code(), new NetworkAdministration.StationDetails(r.name(), r.address(), r.phone(),
                            r.openingHours(), r.staffContact()), null);
                    changed = true;
                }
                if ("CLOSED".equals(r.state()) && !existing.isClosed()) {
                    network.close(r.code(), null);
                    stationsClosed++;
                } else if (changed) {
                    stationsChanged++;
                }
            } catch (InvalidInput | Conflict | NotFound e) {
                throw atRow(r, e);
            }
        }
        for (Row r : rows) {
            if (!"AGENCY".equals(r.record())) {
                continue;
            }
            try {
                PartnerAgency existing = em.find(PartnerAgency.class, r.code());
                var input = new NetworkAdministration.AgencyInput(r.code(), r.name(), r.kind(), r.stationCode());
                if (existing == null) {
                    network.createAgency(input);
                    if ("INACTIVE".equals(r.state())) {
                        network.deactivateAgency(r.code(), null);
                    }
                    agenciesCreated++;
                    continue;
                }
                boolean changed = false;
                if (!Objects.equals(existing.name(), r.name()) || !existing.kind().name().equals(r.kind())
                        || !Objects.equals(existing.station() == null ? null : existing.station().code(), r.stationCode())) {
                    network.editAgency(r.code(), input, null);
                    changed = true;
                }
                boolean active = !"INACTIVE".equals(r.state());
                if (active != existing.isActive()) {
                    if (active) {
                        network.reactivateAgency(r.code(), null);
                    } else {
                        network.deactivateAgency(r.code(), null);
                    }
                    changed = true;
                }
                if (changed) {
                    agenciesChanged++;
                }
            } catch (InvalidInput | Conflict | NotFound e) {
                throw atRow(r, e);
            }
        }
        Result result = new Result(stationsCreated, stationsChanged, stationsClosed, agenciesCreated, agenciesChanged);
        LOG.info("Network file imported: " + result);
        return result;
    }

    private static InvalidInput atRow(Row r, RuntimeException e) {
        if (e instanceof InvalidInput invalid) {
            return new InvalidInput(invalid.errors().stream()
                    .map(fe -> new FieldError("row " + r.line() + ": " + column(fe.field()), fe.message())).toList());
        }
        String message = e instanceof NotFound ? "no such station or agency" : e.getMessage();
        return InvalidInput.of("row " + r.line() + ": code", message);
    }

    /** The file's column for a field of the administration service. */
    private static String column(String field) {
        return switch (field) {
            case "parentCode" -> "parent_code";
            case "openingHours" -> "opening_hours";
            case "staffContact" -> "staff_contact";
            case "stationCode" -> "station_code";
            default -> field;
        };
    }

    private List<Row> parse(List<List<String>> lines) {
        if (lines.isEmpty()) {
            throw InvalidInput.of("body", "is an empty file: the first line names the columns");
        }
        List<String> header = lines.get(0).stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, Integer> at = new HashMap<>();
        for (String column : NetworkCsv.COLUMNS) {
            int i = header.indexOf(column);
            if (i < 0) {
                errors.add("header", "lacks the column " + column);
            }
            at.put(column, i);
        }
        errors.throwIfAny();
        if (lines.size() - 1 > MAX_ROWS) {
            throw InvalidInput.of("body", "has more than " + MAX_ROWS + " rows");
        }
        List<Row> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> cells = lines.get(n);
            if (cells.stream().allMatch(c -> c.isBlank())) {
                continue;
            }
            java.util.function.Function<String, String> cell = column -> {
                int i = at.get(column);
                String v = i < cells.size() ? cells.get(i).strip() : "";
                if (v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0) {
                    v = v.substring(1); // the export's guard against formulas
                }
                return v.isEmpty() ? null : v;
            };
            String record = cell.apply("record");
            rows.add(new Row(n + 1, record == null ? null : record.toUpperCase(java.util.Locale.ROOT), cell.apply("code"),
                    cell.apply("name"), cell.apply("level"), cell.apply("parent_code"), cell.apply("address"),
                    cell.apply("phone"), cell.apply("opening_hours"), cell.apply("staff_contact"), cell.apply("kind"),
                    cell.apply("station_code"), cell.apply("state")));
        }
        if (rows.isEmpty()) {
            throw InvalidInput.of("body", "has no rows");
        }
        return rows;
    }

    /** Every rule a row can break that can be known before writing: all of them reported together. */
    private void check(List<Row> rows) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<String, StationLevel> levels = new HashMap<>();
        Set<String> closedInDb = new HashSet<>();
        for (Station s : stations.all()) {
            levels.put(s.code(), s.level());
            if (s.isClosed()) {
                closedInDb.add(s.code());
            }
        }
        Set<String> seenStations = new HashSet<>();
        Set<String> seenAgencies = new HashSet<>();
        for (Row r : rows) {
            String at = "row " + r.line() + ": ";
            InvalidInput.Collector row = new InvalidInput.Collector();
            if (r.record() == null || !Set.of("STATION", "AGENCY").contains(r.record())) {
                errors.add(at + "record", "must be STATION or AGENCY");
                continue;
            }
            String code = NetworkAdministration.code(row, "code", r.code());
            boolean station = "STATION".equals(r.record());
            NetworkAdministration.text(row, "name", r.name(), station ? 100 : 200, true);
            if (station) {
                if (code != null && !seenStations.add(code)) {
                    row.add("code", "appears twice in the file");
                }
                StationLevel level = r.level() == null ? null : Fields.enumValue(row, "level", r.level(), StationLevel.class);
                if (r.level() == null) {
                    row.add("level", "is required");
                }
                NetworkAdministration.details(row, new NetworkAdministration.StationDetails(r.name(), r.address(), r.phone(),
                        r.openingHours(), r.staffContact()));
                if (r.state() != null && !Set.of("OPEN", "CLOSED").contains(r.state())) {
                    row.add("state", "must be OPEN or CLOSED");
                }
                StationLevel known = code == null ? null : levels.get(code);
                if (known != null && level != null && known != level) {
                    row.add("level", "cannot change");
                }
                if (code != null && closedInDb.contains(code) && !"CLOSED".equals(r.state())) {
                    row.add("state", "a closed station does not reopen");
                }
                if (level == StationLevel.COUNTY) {
                    if (r.parentCode() != null) {
                        row.add("parent_code", "must be empty for the county station");
                    } else if (known == null) {
                        row.add("code", "the network has one county station: its code is the existing one");
                    }
                } else if (level != null) {
                    StationLevel parent = r.parentCode() == null ? null : levels.get(r.parentCode());
                    if (r.parentCode() == null) {
                        row.add("parent_code", "is required");
                    } else if (parent == null) {
                        row.add("parent_code", "names no station of the database or of an earlier row");
                    } else if (!parent.mayHaveChild(level)) {
                        row.add("parent_code", "does not fit the station's level");
                    }
                    if (known == null && "CLOSED".equals(r.state())) {
                        row.add("state", "a new station is open");
                    }
                }
                if (code != null && level != null && !levels.containsKey(code)) {
                    levels.put(code, level);
                }
            } else {
                if (code != null && !seenAgencies.add(code)) {
                    row.add("code", "appears twice in the file");
                }
                if (r.kind() == null) {
                    row.add("kind", "is required");
                } else {
                    Fields.enumValue(row, "kind", r.kind(), AgencyKind.class);
                }
                if (r.stationCode() != null && !levels.containsKey(r.stationCode())) {
                    row.add("station_code", "names no station of the database or of the file");
                }
                if (r.state() != null && !Set.of("ACTIVE", "INACTIVE").contains(r.state())) {
                    row.add("state", "must be ACTIVE or INACTIVE");
                }
            }
            if (row.hasErrors()) {
                try {
                    row.throwIfAny();
                } catch (InvalidInput e) {
                    e.errors().forEach(fe -> errors.add(at + column(fe.field()), fe.message()));
                }
            }
        }
        errors.throwIfAny();
    }
}
