package org.weiquan.reporting;

import org.weiquan.shared.Labels;
import org.weiquan.shared.StationTime;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The indicator definitions an exported report states (DESIGN §5), in the reader's language, named as the report
 * names its indicators, without code names: Chinese for a Chinese reader (the record's language), English in
 * English mode. The texts are {@code ReportDefinition.*} in {@code org.weiquan.shared.labels}.
 */
final class ReportDefinitions {

    private static final List<String> AFTER_INDICATORS = List.of("rates", "overdueBands", "daysToClose",
            "mediationSuccess", "followUp", "reopen", "repeatVisits", "highRisk", "closureQuality", "rateNone");

    private ReportDefinitions() {
    }

    static boolean isEnglish(Locale locale) {
        return locale != null && locale.getLanguage().equals("en");
    }

    /** The heading of the definitions (sheet and page). */
    static String heading(Locale locale) {
        return text("heading", locale);
    }

    static String sheetName(Locale locale) {
        return text("sheet", locale);
    }

    /** The report's definitions, one line each: its period and cut-off first. */
    static List<String> of(ReportService.Report report, Locale locale) {
        List<String> lines = new ArrayList<>();
        String period = text("period", locale).replace("'", "''");
        lines.add(MessageFormat.format(period, date(report.period().from(), locale),
                date(report.period().to().minusDays(1), locale), time(report, locale)));
        for (ContactIndicator c : ContactIndicator.values()) {
            lines.add(text(c.name(), locale));
        }
        lines.add(text("byChannel", locale));
        for (Indicator i : Indicator.values()) {
            lines.add(text(i.name(), locale));
        }
        for (String key : AFTER_INDICATORS) {
            lines.add(text(key, locale));
        }
        return lines;
    }

    /** A date as the reader writes it: 2026年3月2日, or 2026-03-02 in English. */
    static String date(LocalDate date, Locale locale) {
        return isEnglish(locale) ? date.toString() : StationTime.text(date);
    }

    /** The cut-off as the reader writes it, in Beijing time. */
    static String time(ReportService.Report report, Locale locale) {
        return isEnglish(locale) ? IndicatorColumns.time(report.cutoff()) : StationTime.text(report.cutoff());
    }

    private static String text(String key, Locale locale) {
        String text = Labels.find("ReportDefinition." + key, isEnglish(locale) ? Locale.ENGLISH : Labels.CHINESE);
        if (text == null) {
            throw new IllegalStateException("no text for the report definition " + key);
        }
        return text;
    }
}
