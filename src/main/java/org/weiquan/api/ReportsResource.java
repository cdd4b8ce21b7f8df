package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.reporting.IndicatorQueries;
import org.weiquan.reporting.Rate;
import org.weiquan.reporting.ReportService;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

@Path("reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    @EJB
    ReportService reports;

    @GET
    @Path("indicators")
    @Operation(summary = "The indicators of a station's subtree (SUPERVISOR)",
            description = "period: a month (2026-03), a quarter (2026-Q1) or a year (2026), or from/to dates (to "
                    + "exclusive); cutoff: an ISO time (default: the end of the period, or now for a period not yet "
                    + "ended; the answer states it). One row for the station itself, one per child "
                    + "station with its subtree, and the total; every rate with its numerator and denominator; the "
                    + "definitions are part of the answer.")
    public Response indicators(@QueryParam("stationCode") String stationCode, @QueryParam("period") String period,
                               @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("cutoff") String cutoff) {
        return NoStore.ok(ReportJson.of(reports.indicators(stationCode, period, from, to, cutoff)));
    }

    @GET
    @Path("cases")
    @Operation(summary = "The cases behind a count (SUPERVISOR)",
            description = "indicator: any count, numerator or denominator of the report: ACCEPTED, CLOSED, COHORT, "
                    + "COHORT_CLOSED, OPEN_AT_START, RESOLVED, CLAIMS_CLOSED, ON_TIME, OVERDUE, MEDIATIONS_CONCLUDED, "
                    + "MEDIATIONS_AGREED, FOLLOW_UPS_DUE, FOLLOW_UPS_DONE, FOLLOW_UPS_ANSWERED, FOLLOW_UPS_SATISFIED "
                    + "(or SATISFIED), FOLLOW_UPS_UNREACHABLE, CLOSURES_APPROVED, CLOSURES_REOPENED (or REOPENED), "
                    + "HIGH_RISK, HIGH_RISK_IN_TIME, REPEAT_VISITS, AUDITED, AUDIT_PASSED, REVIEWS, RE_REVIEWS; "
                    + "subtree=false for the station's own row. Case numbers, in number "
                    + "order. Counts of contacts: /api/reports/contacts.")
    public Response cases(@QueryParam("indicator") String indicator, @QueryParam("stationCode") String stationCode,
                          @QueryParam("subtree") String subtree,
                          @QueryParam("period") String period, @QueryParam("from") String from,
                          @QueryParam("to") String to, @QueryParam("cutoff") String cutoff,
                          @QueryParam("page") String page, @QueryParam("size") String size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Integer p = Fields.wholeNumber(errors, "page", page, 0, Integer.MAX_VALUE);
        Integer s = Fields.wholeNumber(errors, "size", size, 1, Integer.MAX_VALUE);
        if (subtree != null && !subtree.isBlank() && !subtree.strip().matches("true|false")) {
            errors.add("subtree", "must be true or false");
        }
        errors.throwIfAny();
        return NoStore.ok(reports.drillDown(indicator, stationCode, !"false".equals(subtree == null ? null : subtree.strip()),
                period, from, to, cutoff, p == null ? 0 : p, s == null ? 50 : s));
    }

    @GET
    @Path("contacts")
    @Operation(summary = "The contacts behind a count of contacts (SUPERVISOR)",
            description = "indicator: RECEIVED, NOT_ACCEPTED, TRANSFERRED, CONSULTATIONS; the other parameters as for "
                    + "/api/reports/cases. Contact ids, in registration order.")
    public Response contacts(@QueryParam("indicator") String indicator, @QueryParam("stationCode") String stationCode,
                             @QueryParam("subtree") String subtree,
                             @QueryParam("period") String period, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("cutoff") String cutoff,
                             @QueryParam("page") String page, @QueryParam("size") String size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Integer p = Fields.wholeNumber(errors, "page", page, 0, Integer.MAX_VALUE);
        Integer s = Fields.wholeNumber(errors, "size", size, 1, Integer.MAX_VALUE);
        if (subtree != null && !subtree.isBlank() && !subtree.strip().matches("true|false")) {
            errors.add("subtree", "must be true or false");
        }
        errors.throwIfAny();
        return NoStore.ok(reports.contactDrillDown(indicator, stationCode,
                !"false".equals(subtree == null ? null : subtree.strip()), period, from, to, cutoff,
                p == null ? 0 : p, s == null ? 50 : s));
    }

    public record RateJson(long numerator, long denominator, BigDecimal percent) {
        static RateJson of(Rate r) {
            return new RateJson(r.numerator(), r.denominator(), r.percent());
        }
    }

    public record CountsJson(long received, long accepted, long closed, RateJson cohortClosureRate,
                             RateJson flowClosureRate, RateJson resolutionRate, RateJson onTimeRate, long overdue,
                             long overdue1To15, long overdue16To30, long overdueOver30, BigDecimal meanDaysToClose,
                             BigDecimal medianDaysToClose, BigDecimal p90DaysToClose, RateJson mediationSuccessRate,
                             RateJson followUpRate, RateJson satisfaction, long followUpsUnreachable,
                             RateJson reopenRate, RateJson repeatVisitRate, RateJson highRiskTimeliness,
                             RateJson closureQuality, long notAccepted, long transferred, long consultations,
                             long reviews, long reReviews) {
        static CountsJson of(IndicatorQueries.Counts c) {
            return new CountsJson(c.received(), c.accepted(), c.closed(), RateJson.of(c.cohortClosureRate()),
                    RateJson.of(c.flowClosureRate()), RateJson.of(c.resolutionRate()), RateJson.of(c.onTimeRate()),
                    c.overdue(), c.overdue1To15(), c.overdue16To30(), c.overdueOver30(), c.meanDaysToClose(),
                    c.medianDaysToClose(), c.p90DaysToClose(), RateJson.of(c.mediationSuccessRate()),
                    RateJson.of(c.followUpRate()), RateJson.of(c.satisfaction()), c.followUpsUnreachable(),
                    RateJson.of(c.reopenRate()), RateJson.of(c.repeatVisitRate()), RateJson.of(c.highRiskTimeliness()),
                    RateJson.of(c.closureQuality()), c.notAccepted(), c.transferred(), c.consultations(), c.reviews(),
                    c.reReviews());
        }
    }

    public record GroupJson(String key, long received, long accepted, long closed) {
        static GroupJson of(IndicatorQueries.Group g) {
            return new GroupJson(g.key(), g.received(), g.accepted(), g.closed());
        }
    }

    public record RowJson(String stationCode, String stationName, boolean subtree, CountsJson counts) {
        static RowJson of(ReportService.Row r) {
            return new RowJson(r.stationCode(), r.stationName(), r.subtree(), CountsJson.of(r.counts()));
        }
    }

    public record ReportJson(String stationCode, String stationName, String period, LocalDate from, LocalDate to,
                             OffsetDateTime cutoff, List<RowJson> rows, RowJson total, List<GroupJson> byCategory,
                             List<GroupJson> byChannel, List<GroupJson> byMonth, List<String> definitions) {
        static ReportJson of(ReportService.Report r) {
            return new ReportJson(r.stationCode(), r.stationName(), r.period().label(), r.period().from(),
                    r.period().to(), StationTime.of(r.cutoff()), r.rows().stream().map(RowJson::of).toList(),
                    RowJson.of(r.total()),
                    r.byCategory().stream().map(GroupJson::of).toList(),
                    r.byChannel().stream().map(GroupJson::of).toList(),
                    r.byMonth().stream().map(GroupJson::of).toList(),
                    r.definitions());
        }
    }

    @Inject
    org.weiquan.reporting.ReportExports exports;

    @GET
    @Path("indicators.xlsx")
    @Produces(org.weiquan.reporting.Export.XLSX)
    @Operation(summary = "The indicator report as an Excel workbook (SUPERVISOR)",
            description = "The parameters of GET /api/reports/indicators. Every count a number, every rate as "
                    + "numerator, denominator and percent; breakdowns and definitions on their own sheets. Logged as "
                    + "an export.")
    public Response indicatorsXlsx(@QueryParam("stationCode") String stationCode, @QueryParam("period") String period,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("cutoff") String cutoff,
                                   @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        return download(exports.indicators(org.weiquan.reporting.ReportExports.Format.XLSX, stationCode, period, from,
                to, cutoff, exportLanguage(headers)));
    }

    @GET
    @Path("indicators.csv")
    @Produces(org.weiquan.reporting.Export.CSV)
    @Operation(summary = "The indicator report as CSV, UTF-8 with BOM (SUPERVISOR)",
            description = "The parameters of GET /api/reports/indicators; the columns of the XLSX export. Logged as "
                    + "an export.")
    public Response indicatorsCsv(@QueryParam("stationCode") String stationCode, @QueryParam("period") String period,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("cutoff") String cutoff) {
        return download(exports.indicators(org.weiquan.reporting.ReportExports.Format.CSV, stationCode, period, from,
                to, cutoff));
    }

    @GET
    @Path("indicators.pdf")
    @Produces(org.weiquan.reporting.Export.PDF)
    @Operation(summary = "The indicator report as PDF (SUPERVISOR)",
            description = "The parameters of GET /api/reports/indicators; rates shown as numerator/denominator "
                    + "(percent), with the period, the cut-off and the definitions. Logged as an export.")
    public Response indicatorsPdf(@QueryParam("stationCode") String stationCode, @QueryParam("period") String period,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("cutoff") String cutoff,
                                   @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        return download(exports.indicators(org.weiquan.reporting.ReportExports.Format.PDF, stationCode, period, from,
                to, cutoff, exportLanguage(headers)));
    }

    /** A report's language: English when the client asks for it first, else Chinese, the language of the record. */
    static java.util.Locale exportLanguage(jakarta.ws.rs.core.HttpHeaders headers) {
        for (java.util.Locale l : headers == null ? java.util.List.<java.util.Locale>of() : headers.getAcceptableLanguages()) {
            if ("en".equals(l.getLanguage())) {
                return java.util.Locale.ENGLISH;
            }
            if ("zh".equals(l.getLanguage())) {
                break;
            }
        }
        return org.weiquan.shared.Labels.CHINESE;
    }

    /** A file to save: its name (ASCII, no personal data) in Content-Disposition, never cached. */
    static Response download(org.weiquan.reporting.Export export) {
        String encoded = java.net.URLEncoder.encode(export.fileName(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return Response.ok(export.content(), export.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"; filename*=UTF-8''"
                        + encoded)
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
