package org.weiquan.reporting;

import org.weiquan.shared.StationTime;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.User;
import org.weiquan.security.Users;

import java.time.Clock;
import java.time.Instant;

/**
 * The indicator report as a file (XLSX, CSV or PDF) for a SUPERVISOR within scope; every export is
 * written to the access log with the station, the period and the format.
 */
@Stateless
public class ReportExports {

    public enum Format {
        XLSX("xlsx", Export.XLSX),
        CSV("csv", Export.CSV),
        PDF("pdf", Export.PDF);

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    @Inject
    ReportService reports;

    @Inject
    CurrentActor currentActor;

    @EJB
    AccessLog accessLog;

    @Inject
    Clock clock;

    @Inject
    Users users;

    /** The same parameters as {@link ReportService#indicators}, which checks the role and the scope. */
    public Export indicators(Format format, String stationCode, String period, String from, String to,
                             String cutoff) {
        return indicators(format, stationCode, period, from, to, cutoff, org.weiquan.shared.Labels.CHINESE);
    }

    /** The same, the definitions of the XLSX and PDF exports in the reader's language (Chinese unless English). */
    public Export indicators(Format format, String stationCode, String period, String from, String to,
                             String cutoff, java.util.Locale locale) {
        ReportService.Report report = reports.indicators(stationCode, period, from, to, cutoff);
        Actor actor = currentActor.get();
        Instant now = clock.instant();
        // the report names who made it as people know her, not by her login
        String by = users.byUsername(actor.username()).map(User::displayName).orElse(actor.username());
        byte[] content = switch (format) {
            case XLSX -> IndicatorReportXlsx.build(report, now, by, locale);
            case CSV -> IndicatorReportCsv.build(report, now, by, locale);
            case PDF -> IndicatorReportPdf.build(report, now, by, locale);
        };
        accessLog.record(actor, AccessAction.EXPORT, null, null, "导出指标报表（" + report.stationName() + "，"
                + StationTime.text(report.period().from()) + "至" + StationTime.text(report.period().to().minusDays(1)) + "，"
                + format.extension().toUpperCase(java.util.Locale.ROOT) + "）");
        return new Export(IndicatorColumns.fileName(report, format.extension()), format.mediaType(), content);
    }
}
