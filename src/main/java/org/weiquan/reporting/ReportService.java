package org.weiquan.reporting;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indicator report of a station's subtree for a period and a cut-off (SUPERVISOR, within scope):
 * a row for the station itself, one per child station with its subtree, and the total; and the cases
 * behind any count.
 */
@Stateless
public class ReportService {

    static final int MAX_PAGE = 200;
    /** A report reads every case of its period: five years is a long look back, and bounds the work. */
    static final int MAX_YEARS = 5;
    /** Dates a report may name: the databases' and the stations' calendars are sure to agree within these. */
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    @Inject
    DataSource dataSource;

    @Inject
    Stations stations;

    @Inject
    CurrentActor currentActor;

    @Inject
    Clock clock;

    public record Period(LocalDate from, LocalDate to, String label) {
    }

    public record Row(String stationCode, String stationName, boolean subtree, IndicatorQueries.Counts counts) {
    }

    public record Report(String stationCode, String stationName, Period period, Instant cutoff, List<Row> rows,
                         Row total, List<IndicatorQueries.Group> byCategory, List<IndicatorQueries.Group> byChannel,
                         List<IndicatorQueries.Group> byMonth, List<String> definitions) {
    }

    public Report indicators(String stationCode, String period, String from, String to, String cutoff) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Station station = station(stationCode, actor);
        Period p = period(period, from, to);
        Instant cut = cutoff(cutoff, p);
        List<Station> children = stations.subtree(station).stream()
                .filter(child -> child.parent() != null && child.parent().id().equals(station.id()))
                .sorted(java.util.Comparator.comparing(Station::code)).toList();
        IndicatorQueries.ReportRows counted = new IndicatorQueries(dataSource).report(scope(station, p, cut, true),
                children.stream().map(Station::path).toList());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(station.code(), station.name(), false, counted.station()));
        for (int i = 0; i < children.size(); i++) {
            rows.add(new Row(children.get(i).code(), children.get(i).name(), true, counted.children().get(i)));
        }
        Row total = new Row(station.code(), station.name(), true, counted.total());
        List<String> definitions = new ArrayList<>();
        definitions.add("period: " + p.from() + " to " + p.to().minusDays(1) + " (Beijing dates); cut-off: " + cut
                + (cutoff == null || cutoff.isBlank() ? " (the end of the period, or now for a period not yet ended)"
                : " (as asked)"));
        for (ContactIndicator c : ContactIndicator.values()) {
            definitions.add(c.name() + ": " + c.definition());
        }
        definitions.add("received, accepted and closed by channel and by primary category: \"来信来访 N 起\" is the"
                + " received of LETTER plus VISIT");
        for (Indicator i : Indicator.values()) {
            definitions.add(i.name() + ": " + i.definition());
        }
        definitions.add("closure rate (cohort) = COHORT_CLOSED / COHORT; closure rate (flow) = CLOSED / (OPEN_AT_START + ACCEPTED)");
        definitions.add("resolution rate = RESOLVED / CLAIMS_CLOSED; on-time rate = ON_TIME / CLOSED");
        definitions.add("overdue bands: days past the deadline at the cut-off, 1-15, 16-30, over 30");
        definitions.add("days to close: closure date minus acceptance date, over the cases closed in the period");
        definitions.add("mediation success = MEDIATIONS_AGREED / MEDIATIONS_CONCLUDED");
        definitions.add("follow-up rate = FOLLOW_UPS_DONE / FOLLOW_UPS_DUE (a visit belongs to the period of the closure it"
                + " follows); satisfaction = FOLLOW_UPS_SATISFIED / FOLLOW_UPS_ANSWERED, FOLLOW_UPS_UNREACHABLE apart");
        definitions.add("reopen rate = CLOSURES_REOPENED / CLOSURES_APPROVED");
        definitions.add("repeat-visit rate = accepted cases linked to an earlier case within 12 months / accepted");
        definitions.add("high-risk timeliness = HIGH_RISK_IN_TIME / HIGH_RISK");
        definitions.add("closure quality = audited closed cases that pass the checklist / audited (reviews in the period)");
        IndicatorQueries.Groups groups = counted.groups();
        return new Report(station.code(), station.name(), p, cut, rows, total, groups.byCategory(), groups.byChannel(),
                groups.byMonth(), definitions);
    }

    /** The contacts (their ids) behind one count of contacts of the report (received, not accepted, ...). */
    public List<Long> contactDrillDown(String indicator, String stationCode, boolean subtree, String period,
                                       String from, String to, String cutoff, int page, int size) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Station station = station(stationCode, actor);
        ContactIndicator which;
        try {
            which = ContactIndicator.valueOf(indicator == null ? "" : indicator.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("indicator", "must be one of " + java.util.Arrays.toString(ContactIndicator.values()));
        }
        checkPage(page, size);
        Period p = period(period, from, to);
        return new IndicatorQueries(dataSource).contacts(which, scope(station, p, cutoff(cutoff, p), subtree),
                page * size, size);
    }

    private static void checkPage(int page, int size) {
        if (size < 1 || size > MAX_PAGE) {
            throw InvalidInput.of("size", "must be between 1 and " + MAX_PAGE);
        }
        if (page < 0 || (long) page * size > Integer.MAX_VALUE) {
            throw InvalidInput.of("page", "must be between 0 and " + Integer.MAX_VALUE / size + " for this size");
        }
    }

    /** The case numbers behind one count of the report. */
    public List<String> drillDown(String indicator, String stationCode, boolean subtree, String period, String from,
                                  String to, String cutoff, int page, int size) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Station station = station(stationCode, actor);
        Indicator which = indicator(indicator);
        checkPage(page, size);
        Period p = period(period, from, to);
        return new IndicatorQueries(dataSource).cases(which, scope(station, p, cutoff(cutoff, p), subtree),
                page * size, size);
    }

    /**
     * The count a drill-down asks for: an indicator's name, or the name of the report's figure that it is the
     * numerator of (SATISFIED, REOPENED, ...), so that every figure the report shows can be listed.
     */
    static Indicator indicator(String name) {
        String v = name == null ? "" : name.strip();
        Indicator alias = switch (v) {
            case "SATISFIED", "SATISFACTION" -> Indicator.FOLLOW_UPS_SATISFIED;
            case "ANSWERED" -> Indicator.FOLLOW_UPS_ANSWERED;
            case "UNREACHABLE" -> Indicator.FOLLOW_UPS_UNREACHABLE;
            case "FOLLOW_UP_DUE" -> Indicator.FOLLOW_UPS_DUE;
            case "FOLLOW_UP_DONE", "FOLLOWED_UP" -> Indicator.FOLLOW_UPS_DONE;
            case "REOPENED" -> Indicator.CLOSURES_REOPENED;
            case "MEDIATION_SUCCESS", "MEDIATED" -> Indicator.MEDIATIONS_AGREED;
            default -> null;
        };
        if (alias != null) {
            return alias;
        }
        try {
            return Indicator.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("indicator", "must be one of " + java.util.Arrays.toString(Indicator.values())
                    + " (contacts: " + java.util.Arrays.toString(ContactIndicator.values()) + " at /api/reports/contacts)");
        }
    }

    private Station station(String code, Actor actor) {
        if (code == null || code.isBlank()) {
            throw InvalidInput.of("stationCode", "is required");
        }
        return stations.byCode(code.strip()).filter(s -> actor.sees(s.path()))
                .orElseThrow(() -> new NotFound("station " + code));
    }

    private static IndicatorQueries.Scope scope(Station s, Period p, Instant cutoff, boolean subtree) {
        return new IndicatorQueries.Scope(s.path(), p.from().atStartOfDay(StationTime.ZONE).toInstant(),
                p.to().atStartOfDay(StationTime.ZONE).toInstant(), cutoff, subtree);
    }

    /**
     * A month (2026-03), a quarter (2026-Q1), a year (2026), or from/to dates (to exclusive) at most
     * {@value #MAX_YEARS} years apart, between 1900 and 2999.
     */
    Period period(String period, String from, String to) {
        Period p;
        try {
            p = parsePeriod(period, from, to);
        } catch (java.time.DateTimeException outOfRange) {
            throw InvalidInput.of(period != null && !period.isBlank() ? "period" : "from",
                    "must lie between " + EARLIEST + " and " + LATEST);
        }
        if (p.from().isBefore(EARLIEST) || p.to().isAfter(LATEST.plusDays(1))) {
            throw InvalidInput.of(period != null && !period.isBlank() ? "period" : p.from().isBefore(EARLIEST) ? "from" : "to",
                    "must lie between " + EARLIEST + " and " + LATEST);
        }
        if (p.to().isAfter(p.from().plusYears(MAX_YEARS))) {
            throw InvalidInput.of("to", "must lie at most " + MAX_YEARS + " years after from");
        }
        return p;
    }

    private Period parsePeriod(String period, String from, String to) {
        if (period != null && !period.isBlank()) {
            String v = period.strip();
            Matcher q = QUARTER.matcher(v);
            if (q.matches()) {
                LocalDate start = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
                return new Period(start, start.plusMonths(3), v);
            }
            if (v.matches("\\d{4}")) {
                LocalDate start = LocalDate.of(Integer.parseInt(v), 1, 1);
                return new Period(start, start.plusYears(1), v);
            }
            try {
                YearMonth m = YearMonth.parse(v);
                return new Period(m.atDay(1), m.plusMonths(1).atDay(1), v);
            } catch (DateTimeParseException e) {
                throw InvalidInput.of("period", "must be a month (2026-03), a quarter (2026-Q1) or a year (2026)");
            }
        }
        try {
            LocalDate f = LocalDate.parse(from == null ? "" : from.strip());
            LocalDate t = LocalDate.parse(to == null ? "" : to.strip());
            if (!t.isAfter(f)) {
                throw InvalidInput.of("to", "must lie after from");
            }
            return new Period(f, t, f + ".." + t);
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("period", "give a period (2026-03, 2026-Q1, 2026) or from and to dates");
        }
    }

    /**
     * The cut-off: as given, else the end of the period (24:00 of its last day), or now for a period not yet ended,
     * so that last year's figures do not change from day to day; never before the period starts.
     */
    private Instant cutoff(String cutoff, Period p) {
        Instant cut;
        if (cutoff == null || cutoff.isBlank()) {
            Instant end = p.to().atStartOfDay(StationTime.ZONE).toInstant();
            Instant now = clock.instant();
            cut = end.isBefore(now) ? end : now;
        } else {
            try {
                cut = java.time.OffsetDateTime.parse(cutoff.strip()).toInstant();
            } catch (java.time.DateTimeException e) {
                throw InvalidInput.of("cutoff", "must be an ISO-8601 time with offset");
            }
        }
        Instant start = p.from().atStartOfDay(StationTime.ZONE).toInstant();
        if (cut.isBefore(start) && (cutoff == null || cutoff.isBlank())) {
            throw InvalidInput.of("period", "has not begun yet (" + p.from() + ")");
        }
        if (cut.isBefore(start)) {
            throw InvalidInput.of("cutoff", "must not lie before the start of the period (" + p.from() + ")");
        }
        if (cut.isAfter(LATEST.plusDays(1).atStartOfDay(StationTime.ZONE).toInstant())) {
            throw InvalidInput.of("cutoff", "must lie before " + LATEST.plusDays(1));
        }
        return cut;
    }
}
