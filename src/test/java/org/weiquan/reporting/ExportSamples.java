package org.weiquan.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A small indicator report with known numbers, for the export tests. */
final class ExportSamples {

    static final String STATION = "樟树村妇女儿童维权服务室";
    static final String CHILD_STATION = "樟树村第一网格";
    static final Instant CUTOFF = OffsetDateTime.of(2026, 4, 15, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
    static final Instant GENERATED = OffsetDateTime.of(2026, 4, 16, 9, 30, 0, 0, ZoneOffset.ofHours(8)).toInstant();

    private ExportSamples() {
    }

    /** Own station: 2 of 3 accepted cases closed by the cut-off; no claim closed (resolution 0/0). */
    static IndicatorQueries.Counts own() {
        return new IndicatorQueries.Counts(7, 3, 2, new Rate(2, 3), new Rate(2, 4), new Rate(0, 0), new Rate(1, 2), 1,
                1, 0, 0, new BigDecimal("14.5"), new BigDecimal("12.0"), new BigDecimal("30.2"), new Rate(1, 1),
                new Rate(0, 1), new Rate(0, 0), 1, new Rate(0, 2), new Rate(1, 3), new Rate(0, 0), new Rate(3, 4));
    }

    static IndicatorQueries.Counts child() {
        return new IndicatorQueries.Counts(4, 2, 0, new Rate(0, 2), new Rate(0, 2), new Rate(0, 0), new Rate(0, 0), 0,
                0, 0, 0, null, null, null, new Rate(0, 0), new Rate(0, 0), new Rate(0, 0), 0, new Rate(0, 0),
                new Rate(0, 2), new Rate(0, 0), new Rate(0, 0));
    }

    static IndicatorQueries.Counts total() {
        return new IndicatorQueries.Counts(11, 5, 2, new Rate(2, 5), new Rate(2, 6), new Rate(0, 0), new Rate(1, 2), 1,
                1, 0, 0, new BigDecimal("14.5"), new BigDecimal("12.0"), new BigDecimal("30.2"), new Rate(1, 1),
                new Rate(0, 1), new Rate(0, 0), 1, new Rate(0, 2), new Rate(1, 5), new Rate(0, 0), new Rate(3, 4));
    }

    static ReportService.Report report() {
        return new ReportService.Report("QX-0212", STATION,
                new ReportService.Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), "2026-03"), CUTOFF,
                List.of(new ReportService.Row("QX-0212", STATION, false, own()),
                        new ReportService.Row("QX-021201", CHILD_STATION, true, child())),
                new ReportService.Row("QX-0212", STATION, true, total()),
                List.of(new IndicatorQueries.Group("DOMESTIC_VIOLENCE", 3, 1), new IndicatorQueries.Group("OTHER", 2, 1)),
                List.of(new IndicatorQueries.Group("VISIT", 5, 2)),
                List.of(new IndicatorQueries.Group("2026-03", 5, 2, 7)),
                List.of("received: contacts registered in the period, any channel",
                        "ACCEPTED: cases whose acceptance date is in the period"));
    }
}
