package org.weiquan.reporting;

import org.weiquan.shared.StationTime;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * What an indicator export shows of each row, in order, with its heading in Chinese and English: one
 * list for the XLSX, CSV and PDF exports so that they never disagree. Rates always travel with their
 * numerator and denominator; a rate over nothing shows "—".
 */
final class IndicatorColumns {

    static final String NONE = "—";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    enum Kind { COUNT, RATE, DAYS }

    record Column(String chinese, String english, Kind kind, Function<IndicatorQueries.Counts, Object> value) {

        String heading() {
            return chinese + " " + english;
        }

        long count(IndicatorQueries.Counts c) {
            return (Long) value.apply(c);
        }

        Rate rate(IndicatorQueries.Counts c) {
            return (Rate) value.apply(c);
        }

        BigDecimal days(IndicatorQueries.Counts c) {
            return (BigDecimal) value.apply(c);
        }

        /** The value as a report shows it: 12, "2/3 (66.7%)", 14.5 or "—". */
        String text(IndicatorQueries.Counts c) {
            return switch (kind) {
                case COUNT -> Long.toString(count(c));
                case RATE -> rateText(rate(c));
                case DAYS -> days(c) == null ? NONE : days(c).toPlainString();
            };
        }
    }

    static final List<Column> ALL = List.of(
            count("接待量", "received", IndicatorQueries.Counts::received),
            count("受理数", "accepted", IndicatorQueries.Counts::accepted),
            count("办结数", "closed", IndicatorQueries.Counts::closed),
            rate("结案率（队列）", "closure rate (cohort)", IndicatorQueries.Counts::cohortClosureRate),
            rate("结案率（流量）", "closure rate (flow)", IndicatorQueries.Counts::flowClosureRate),
            rate("调处率", "resolution rate", IndicatorQueries.Counts::resolutionRate),
            rate("按期办结率", "on-time rate", IndicatorQueries.Counts::onTimeRate),
            count("超期", "overdue", IndicatorQueries.Counts::overdue),
            count("超期1-15天", "overdue 1-15 days", IndicatorQueries.Counts::overdue1To15),
            count("超期16-30天", "overdue 16-30 days", IndicatorQueries.Counts::overdue16To30),
            count("超期30天以上", "overdue over 30 days", IndicatorQueries.Counts::overdueOver30),
            days("平均办结天数", "mean days to close", IndicatorQueries.Counts::meanDaysToClose),
            days("办结天数中位数", "median days to close", IndicatorQueries.Counts::medianDaysToClose),
            days("办结天数P90", "P90 days to close", IndicatorQueries.Counts::p90DaysToClose),
            rate("调解成功率", "mediation success rate", IndicatorQueries.Counts::mediationSuccessRate),
            rate("回访率", "follow-up rate", IndicatorQueries.Counts::followUpRate),
            rate("满意率", "satisfaction", IndicatorQueries.Counts::satisfaction),
            count("回访未联系上", "follow-ups unreachable", IndicatorQueries.Counts::followUpsUnreachable),
            rate("重开率", "reopen rate", IndicatorQueries.Counts::reopenRate),
            rate("重复访率", "repeat-visit rate", IndicatorQueries.Counts::repeatVisitRate),
            rate("高危处置及时率", "high-risk timeliness", IndicatorQueries.Counts::highRiskTimeliness),
            rate("结案质量合格率", "closure quality", IndicatorQueries.Counts::closureQuality),
            count("不予受理", "not accepted", IndicatorQueries.Counts::notAccepted),
            count("转送", "transferred", IndicatorQueries.Counts::transferred),
            count("咨询解答", "consultations", IndicatorQueries.Counts::consultations),
            count("复查", "reviews", IndicatorQueries.Counts::reviews),
            count("复核", "re-reviews", IndicatorQueries.Counts::reReviews));

    private IndicatorColumns() {
    }

    private static Column count(String zh, String en, Function<IndicatorQueries.Counts, Long> value) {
        return new Column(zh, en, Kind.COUNT, value::apply);
    }

    private static Column rate(String zh, String en, Function<IndicatorQueries.Counts, Rate> value) {
        return new Column(zh, en, Kind.RATE, value::apply);
    }

    private static Column days(String zh, String en, Function<IndicatorQueries.Counts, BigDecimal> value) {
        return new Column(zh, en, Kind.DAYS, value::apply);
    }

    /** "2/3 (66.7%)"; "0/0 (—)" when there is nothing to divide by. */
    static String rateText(Rate r) {
        return r.numerator() + "/" + r.denominator() + " (" + percentText(r) + ")";
    }

    static String percentText(Rate r) {
        BigDecimal p = r.percent();
        return p == null ? NONE : p.toPlainString() + "%";
    }

    /** Beijing time, to the second. */
    static String time(Instant instant) {
        return instant == null ? NONE : StationTime.of(instant).format(TIME);
    }

    static String scope(ReportService.Row row) {
        return row.subtree() ? "含下级 with subtree" : "本站 station only";
    }

    /** "2026-03 (2026-03-01 – 2026-03-31)": the period's label and its first and last day. */
    static String period(ReportService.Period p) {
        return p.label() + " (" + p.from() + " – " + p.to().minusDays(1) + ")";
    }

    static final String TITLE = "维权工作指标报表 Indicator report";
    static final String STATION = "站点 station";
    static final String PERIOD = "期间 period";
    static final String CUTOFF = "截止 cut-off";
    static final String GENERATED = "生成 generated";
    static final String TIMES_NOTE = "时间均为北京时间 (UTC+8) all times Beijing time";
    static final String STATION_CODE = "站点编码 station code";
    static final String STATION_NAME = "站点名称 station name";
    static final String SCOPE = "范围 scope";
    static final String TOTAL = "合计 total";
    static final String BY_CATEGORY = "按类别 by category";
    static final String BY_CHANNEL = "按渠道 by channel";
    static final String BY_MONTH = "按月份 by month";
    static final String RECEIVED = "接待量 received";
    static final String ACCEPTED = "受理数 accepted";
    static final String CLOSED = "办结数 closed";
    static final String NUMERATOR = "分子 numerator";
    static final String DENOMINATOR = "分母 denominator";
    static final String PERCENT = "% percent";

    /**
     * The headings of the columns of a spreadsheet row: one per count and per days figure, three per rate
     * (numerator, denominator, percent), so that every number stays a number.
     */
    static List<String> flatHeadings() {
        List<String> headings = new java.util.ArrayList<>();
        for (Column c : ALL) {
            if (c.kind() == Kind.RATE) {
                headings.add(c.heading() + " " + NUMERATOR);
                headings.add(c.heading() + " " + DENOMINATOR);
                headings.add(c.heading() + " " + PERCENT);
            } else {
                headings.add(c.heading());
            }
        }
        return headings;
    }

    /** The values under {@link #flatHeadings()}: Long, BigDecimal, or "—" where a rate or a figure is undefined. */
    static List<Object> flatValues(IndicatorQueries.Counts counts) {
        List<Object> values = new java.util.ArrayList<>();
        for (Column c : ALL) {
            switch (c.kind()) {
                case COUNT -> values.add(c.count(counts));
                case DAYS -> values.add(c.days(counts) == null ? NONE : c.days(counts));
                case RATE -> {
                    Rate r = c.rate(counts);
                    values.add(r.numerator());
                    values.add(r.denominator());
                    values.add(r.percent() == null ? NONE : r.percent());
                }
            }
        }
        return values;
    }

    /**
     * A breakdown as a reader reads it: each category or channel by its name in her language (离婚财产, not
     * DIVORCE_PROPERTY); {@code kind} is the enum's label prefix, {@code Category} or {@code Channel}.
     */
    static List<IndicatorQueries.Group> named(List<IndicatorQueries.Group> groups, String kind, java.util.Locale locale) {
        java.util.Locale language = "en".equals(locale.getLanguage()) ? java.util.Locale.ENGLISH : org.weiquan.shared.Labels.CHINESE;
        return groups.stream().map(g -> {
            String name = org.weiquan.shared.Labels.find(kind + "." + g.key(), language);
            return new IndicatorQueries.Group(name == null ? g.key() : name, g.accepted(), g.closed(), g.received());
        }).toList();
    }

    /** The station line: "樟树村妇女儿童维权服务室 (QX-0212)". */
    static String station(ReportService.Report r) {
        return r.stationName() + " (" + r.stationCode() + ")";
    }

    /** weiquan-indicators-QX-0212-2026-03.xlsx */
    static String fileName(ReportService.Report r, String extension) {
        return Export.safeName("weiquan-indicators-" + r.stationCode() + "-" + r.period().label().replace("..", "_"))
                + "." + extension;
    }
}
