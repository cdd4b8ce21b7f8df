package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.weiquan.reporting.Export;
import org.weiquan.reporting.Indicator;
import org.weiquan.reporting.IndicatorQueries;
import org.weiquan.reporting.Rate;
import org.weiquan.reporting.ReportExports;
import org.weiquan.reporting.ReportService;
import org.weiquan.security.CurrentActor;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor's dashboard: the indicator report of a station subtree for a period — a row per child
 * station with counts and rates (numerator/denominator beside each rate), charts, the overdue cases —
 * where every count opens the list of its cases, and the exports.
 */
@Named
@ViewScoped
public class DashboardPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int DRILL_PAGE = 200;

    @Inject
    transient ReportService reports;

    @Inject
    transient ReportExports exports;

    @Inject
    transient Stations stations;

    @Inject
    transient CurrentActor currentActor;

    @Inject
    transient Clock clock;

    @Inject
    transient org.weiquan.casefile.CaseSearch caseSearch;

    private String stationCode;
    private String period;
    private LocalDate cutoffDate;
    private String shownCutoff;
    private java.util.Set<String> withSubStations = java.util.Set.of();
    private List<Line> lines = List.of();
    private Line total;
    private List<Group> months = List.of();
    private List<Group> categories = List.of();
    private List<Group> channels = List.of();
    private long lettersAndVisits;
    private List<String> definitions = List.of();
    private String drillTitle;
    private List<DrillCase> drillCases = List.of();
    private List<DrillCase> overdueCases = List.of();
    private String shownStation;
    private String shownPeriod;

    @PostConstruct
    void start() {
        stationCode = currentActor.get().stationCode();
        period = String.valueOf(LocalDate.now(clock.withZone(StationTime.ZONE)).getYear());
        show();
    }

    public void show() {
        try {
            ReportService.Report r = reports.indicators(stationCode, period, null, null, cutoff());
            withSubStations = withSubStations(r.stationCode());
            lines = new ArrayList<>();
            for (ReportService.Row row : r.rows()) {
                lines.add(new Line(row, withSubStations.contains(row.stationCode())));
            }
            total = new Line(r.total(), withSubStations.contains(r.stationCode()));
            months = r.byMonth().stream().map(g -> new Group(g.key(), g)).toList();
            categories = r.byCategory().stream().map(g -> new Group(Texts.label("category", g.key()), g)).toList();
            channels = r.byChannel().stream().map(g -> new Group(Texts.label("channel", g.key()), g)).toList();
            lettersAndVisits = r.byChannel().stream().filter(g -> g.key().equals("LETTER") || g.key().equals("VISIT"))
                    .mapToLong(IndicatorQueries.Group::received).sum();
            definitions = definitions();
            shownStation = Texts.aside(r.stationName(), r.stationCode());
            shownPeriod = Rows.when(r.period().from()) + " – " + Rows.when(r.period().to().minusDays(1));
            shownCutoff = Texts.get("dashboard.cutoffShown", Rows.when(r.cutoff()));
            overdueCases = drillCases(reports.drillDown(Indicator.OVERDUE.name(), r.stationCode(), true, period, null,
                    null, cutoff(), 0, DRILL_PAGE));
            drillTitle = null;
            drillCases = List.of();
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> switch (field) {
                case "period", "to", "from" -> "reportForm:period";
                case "cutoff" -> "reportForm:cutoffDate";
                case "stationCode" -> "reportForm:station";
                default -> null;
            });
        }
    }

    /** The cases behind one count of one row. */
    public void drill(String indicator, String code, boolean subtree, String label) {
        try {
            drillCases = drillCases(reports.drillDown(indicator, code, subtree, period, null, null, cutoff(), 0,
                    DRILL_PAGE));
            drillTitle = Texts.get("dashboard.drill", label, String.valueOf(drillCases.size()));
        } catch (RuntimeException e) {
            Feedback.refused(e);
        }
    }

    public StreamedContent export(String format) {
        Export export = exports.indicators(ReportExports.Format.valueOf(format), stationCode, period, null, null,
                cutoff(), Texts.locale());
        return DefaultStreamedContent.builder().name(export.fileName()).contentType(export.mediaType())
                .stream(() -> new ByteArrayInputStream(export.content())).build();
    }

    public StreamedContent getXlsx() {
        return export("XLSX");
    }

    public StreamedContent getPdf() {
        return export("PDF");
    }

    public StreamedContent getCsv() {
        return export("CSV");
    }

    /** The cut-off the report is asked for: the end (24:00, Beijing) of the chosen day; none: the report's default. */
    private String cutoff() {
        return cutoffDate == null ? null
                : cutoffDate.plusDays(1).atStartOfDay(StationTime.ZONE).minusSeconds(1).toOffsetDateTime().toString();
    }

    /** The stations of this subtree that have stations below them: only their rows count 含下级. */
    private java.util.Set<String> withSubStations(String code) {
        Station own = stations.byCode(code).orElseThrow();
        java.util.Set<String> parents = new java.util.HashSet<>();
        for (Station s : stations.subtree(own)) {
            if (s.parent() != null) {
                parents.add(s.parent().code());
            }
        }
        return parents;
    }

    /** The drill-down's rows: each case with its masked complainant, category, station and where it stands. */
    private List<DrillCase> drillCases(List<String> numbers) {
        LocalDate today = LocalDate.now(clock.withZone(StationTime.ZONE));
        return caseSearch.items(numbers).stream().map(i -> new DrillCase(i, today)).toList();
    }

    /**
     * The periods to choose from, newest first, grouped by year: each year, its quarters and its months, up to the
     * current one, over this and the two years before.
     */
    public List<SelectItem> getPeriods() {
        LocalDate today = LocalDate.now(clock.withZone(StationTime.ZONE));
        List<SelectItem> groups = new ArrayList<>();
        for (int year = today.getYear(); year > today.getYear() - 3; year--) {
            List<SelectItem> items = new ArrayList<>();
            String y = String.valueOf(year);
            items.add(new SelectItem(y, Texts.get("dashboard.periodYear", y)));
            int lastQuarter = year == today.getYear() ? (today.getMonthValue() - 1) / 3 + 1 : 4;
            for (int q = lastQuarter; q >= 1; q--) {
                items.add(new SelectItem(y + "-Q" + q, Texts.get("dashboard.periodQuarter", y, String.valueOf(q))));
            }
            int lastMonth = year == today.getYear() ? today.getMonthValue() : 12;
            for (int m = lastMonth; m >= 1; m--) {
                items.add(new SelectItem(String.format("%d-%02d", year, m),
                        Texts.get("dashboard.periodMonth", y, String.valueOf(m))));
            }
            jakarta.faces.model.SelectItemGroup group = new jakarta.faces.model.SelectItemGroup(
                    Texts.get("dashboard.periodYear", y));
            group.setSelectItems(items.toArray(new SelectItem[0]));
            groups.add(group);
        }
        return groups;
    }

    /** The stations the user may report on: their own and everything below. */
    public List<SelectItem> getStations() {
        Station own = stations.byCode(currentActor.get().stationCode()).orElseThrow();
        return stations.subtree(own).stream().map(s -> new SelectItem(s.code(),
                "\u3000".repeat(Math.max(0, depth(s) - depth(own))) + s.name())).toList();
    }

    private static int depth(Station s) {
        return (int) s.path().chars().filter(c -> c == '/').count();
    }

    /** The closure rate (flow) of each row (the station itself and each child subtree), as a Chart.js bar chart. */
    public String getClosureChart() {
        JsonArrayBuilder labels = Jsonp.createArrayBuilder();
        JsonArrayBuilder data = Jsonp.createArrayBuilder();
        for (Line l : lines) {
            labels.add(l.station);
            BigDecimal p = l.flow.percent();
            data.add(p == null ? BigDecimal.ZERO : p);
        }
        return chart("bar", labels, Jsonp.createArrayBuilder().add(dataset(Texts.get("dashboard.chartClosure"), data,
                "#b0343c")), true, true);
    }

    public String getTrendChart() {
        JsonArrayBuilder labels = Jsonp.createArrayBuilder();
        JsonArrayBuilder accepted = Jsonp.createArrayBuilder();
        JsonArrayBuilder closed = Jsonp.createArrayBuilder();
        for (Group g : months) {
            labels.add(g.key);
            accepted.add(g.accepted);
            closed.add(g.closed);
        }
        return chart("line", labels, Jsonp.createArrayBuilder()
                .add(dataset(Texts.get("dashboard.accepted"), accepted, "#1d6fd8"))
                .add(dataset(Texts.get("dashboard.closedCount"), closed, "#b0343c")), false, false);
    }

    public String getCategoryChart() {
        JsonArrayBuilder labels = Jsonp.createArrayBuilder();
        JsonArrayBuilder accepted = Jsonp.createArrayBuilder();
        for (Group g : categories) {
            labels.add(g.key);
            accepted.add(g.accepted);
        }
        return chart("bar", labels, Jsonp.createArrayBuilder().add(dataset(Texts.get("dashboard.accepted"), accepted,
                "#1d6fd8")), false, true);
    }

    private static jakarta.json.JsonObjectBuilder dataset(String label, JsonArrayBuilder data, String color) {
        return Jsonp.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", color)
                .add("borderColor", color);
    }

    /**
     * A Chart.js configuration; a horizontal bar chart puts its labels (station or category names) one under the
     * other, where long names never overlap.
     */
    private static String chart(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, boolean percent,
                                boolean horizontal) {
        var values = Jsonp.createObjectBuilder().add("beginAtZero", true);
        if (percent) {
            values.add("max", 100);
        }
        var names = Jsonp.createObjectBuilder().add("ticks", Jsonp.createObjectBuilder().add("autoSkip", false));
        var options = Jsonp.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false)
                .add("animation", false)
                .add("scales", Jsonp.createObjectBuilder().add(horizontal ? "x" : "y", values)
                        .add(horizontal ? "y" : "x", names));
        if (horizontal) {
            options.add("indexAxis", "y");
        }
        return Jsonp.createObjectBuilder().add("type", type)
                .add("data", Jsonp.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options)
                .build().toString();
    }

    /** The height of a horizontal bar chart: room for each name. */
    private static String height(int bars) {
        return "height:" + Math.max(10, 2 + bars * 1.8) + "rem";
    }

    public String getClosureChartStyle() {
        return height(lines.size());
    }

    public String getCategoryChartStyle() {
        return height(categories.size());
    }

    public List<Group> getMonths() {
        return months;
    }

    /** One row of the report: a station alone, a child station with its subtree, or the total. */
    public static class Line implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String station;
        private final boolean subtree;
        private final long received;
        private final long notAccepted;
        private final long transferred;
        private final long consultations;
        private final long accepted;
        private final long closed;
        private final long overdue;
        private final Rate flow;
        private final Rate cohort;
        private final Rate resolution;
        private final Rate onTime;
        private final Rate satisfaction;
        private final String meanDays;

        private final boolean hasSubStations;

        Line(ReportService.Row row, boolean hasSubStations) {
            IndicatorQueries.Counts c = row.counts();
            code = row.stationCode();
            station = row.stationName();
            subtree = row.subtree();
            this.hasSubStations = hasSubStations;
            received = c.received();
            notAccepted = c.notAccepted();
            transferred = c.transferred();
            consultations = c.consultations();
            accepted = c.accepted();
            closed = c.closed();
            overdue = c.overdue();
            flow = c.flowClosureRate();
            cohort = c.cohortClosureRate();
            resolution = c.resolutionRate();
            onTime = c.onTimeRate();
            satisfaction = c.satisfaction();
            meanDays = c.meanDaysToClose() == null ? "—" : c.meanDaysToClose().toPlainString();
        }

        /** A rate as people read it: 50%, 66.7%, 0%; "—" over nothing. */
        static String rate(Rate r) {
            BigDecimal p = r.percent();
            if (p == null || r.denominator() == 0) {
                return "—";
            }
            BigDecimal plain = p.stripTrailingZeros();
            return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString() + "%";
        }

        /** The numerator and denominator behind a rate. */
        static String fraction(Rate r) {
            return r.numerator() + "/" + r.denominator();
        }

        /** The rate with its counts: 0%（0/1）, or "—". */
        static String text(Rate r) {
            return r.denominator() == 0 ? "—" : Texts.get("dashboard.rate", rate(r), String.valueOf(r.numerator()),
                    String.valueOf(r.denominator()));
        }

        public String getCode() { return code; }
        public String getStation() { return station; }
        public boolean isSubtree() { return subtree; }
        /** 含下级 for a row that counts stations below it, 本站（不含下级） for the own row of a station that has some. */
        public String getScope() {
            if (!hasSubStations) {
                return "";
            }
            return Texts.get(subtree ? "dashboard.withSubtree" : "dashboard.ownOnly");
        }
        public boolean isHasSubStations() { return hasSubStations; }
        public String getFlowText() { return text(flow); }
        public String getSatisfactionText() { return text(satisfaction); }
        public boolean isCohortCounted() { return cohort.denominator() > 0; }
        public boolean isResolutionCounted() { return resolution.denominator() > 0; }
        public boolean isOnTimeCounted() { return onTime.denominator() > 0; }
        public long getReceived() { return received; }
        public long getNotAccepted() { return notAccepted; }
        public long getTransferred() { return transferred; }
        public long getConsultations() { return consultations; }
        public long getAccepted() { return accepted; }
        public long getClosed() { return closed; }
        public long getOverdue() { return overdue; }
        public String getFlowRate() { return rate(flow); }
        public String getFlowFraction() { return fraction(flow); }
        public String getCohortRate() { return rate(cohort); }
        public String getCohortFraction() { return fraction(cohort); }
        public String getResolutionRate() { return rate(resolution); }
        public String getResolutionFraction() { return fraction(resolution); }
        public String getOnTimeRate() { return rate(onTime); }
        public String getOnTimeFraction() { return fraction(onTime); }
        public String getSatisfactionRate() { return rate(satisfaction); }
        public String getSatisfactionFraction() { return fraction(satisfaction); }
        public String getMeanDays() { return meanDays; }
    }

    /** Received, accepted and closed of a month, a category or a channel. */
    public static class Group implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final long received;
        private final long accepted;
        private final long closed;

        Group(String key, IndicatorQueries.Group g) {
            this.key = key;
            received = g.received();
            accepted = g.accepted();
            closed = g.closed();
        }

        public String getKey() { return key; }
        public long getReceived() { return received; }
        public long getAccepted() { return accepted; }
        public long getClosed() { return closed; }
    }

    public String getStationCode() { return stationCode; }
    public void setStationCode(String stationCode) { this.stationCode = stationCode; }
    public String getPeriod() { return period; }
    public void setPeriod(String period) { this.period = period; }
    public LocalDate getCutoffDate() { return cutoffDate; }
    public void setCutoffDate(LocalDate cutoffDate) { this.cutoffDate = cutoffDate; }
    public String getShownCutoff() { return shownCutoff; }
    public List<Line> getLines() { return lines; }
    public List<Group> getChannels() { return channels; }
    public List<Group> getCategories() { return categories; }
    public long getLettersAndVisits() { return lettersAndVisits; }
    public Line getTotal() { return total; }
    public List<String> getDefinitions() { return definitions; }

    /** The indicators' definitions in the page's language, named as the page names them (no code names). */
    static List<String> definitions() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(Texts.get("definition.period"));
        for (org.weiquan.reporting.ContactIndicator c : org.weiquan.reporting.ContactIndicator.values()) {
            lines.add(Texts.get("definition." + c.name()));
        }
        lines.add(Texts.get("definition.byChannel"));
        for (Indicator i : Indicator.values()) {
            lines.add(Texts.get("definition." + i.name()));
        }
        lines.add(Texts.get("definition.rates"));
        return lines;
    }
    public String getDrillTitle() { return drillTitle; }
    public List<DrillCase> getDrillCases() { return drillCases; }
    public List<DrillCase> getOverdueCases() { return overdueCases; }

    /** A case of a drill-down or of the overdue list, as a case worker reads it. */
    public static class DrillCase implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String number;
        private final String complainant;
        private final String category;
        private final String station;
        private final String status;
        private final String days;
        private final boolean overdue;

        DrillCase(org.weiquan.casefile.CaseSearch.Item i, LocalDate today) {
            number = i.number();
            complainant = i.complainant();
            category = Texts.label("category", i.primaryCategory());
            station = i.stationName();
            boolean open = i.deadlineState() != null;
            status = Texts.label(open ? "stage" : "status", open ? i.stage() : i.status());
            if (open && i.handlingDue() != null) {
                long left = java.time.temporal.ChronoUnit.DAYS.between(today,
                        LocalDate.ofInstant(i.handlingDue().minusSeconds(1), StationTime.ZONE));
                days = left > 0 ? Texts.get("dashboard.daysLeft", String.valueOf(left))
                        : left == 0 ? Texts.get("dashboard.dueToday")
                        : Texts.get("dashboard.daysOver", String.valueOf(-left));
                overdue = left < 0;
            } else {
                days = "";
                overdue = false;
            }
        }

        public String getNumber() { return number; }
        public String getComplainant() { return complainant; }
        public String getCategory() { return category; }
        public String getStation() { return station; }
        public String getStatus() { return status; }
        public String getDays() { return days; }
        public boolean isOverdue() { return overdue; }
    }
    public String getShownStation() { return shownStation; }
    public String getShownPeriod() { return shownPeriod; }
    public boolean isShown() { return total != null; }
}
