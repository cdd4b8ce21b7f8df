package org.weiquan.reporting;

/** The counts a report shows and the drill-down can list, with their definitions (DESIGN §5). */
public enum Indicator {
    ACCEPTED("cases whose acceptance date is in the period"),
    CLOSED("cases whose (final) closure date is in the period, up to the cut-off"),
    COHORT_CLOSED("cases accepted in the period and closed by the cut-off (transfers out excluded)"),
    COHORT("cases accepted in the period, transfers out excluded"),
    OPEN_AT_START("cases accepted before the period and not closed at its start"),
    RESOLVED("claim/dispute cases closed in the period as MEDIATED_WRITTEN, MEDIATED_ORAL or CLAIM_SUPPORTED"),
    CLAIMS_CLOSED("claim/dispute cases closed in the period (petition type CLAIM or a dispute category)"),
    ON_TIME("cases closed in the period within 60 days of acceptance or the approved extended deadline"),
    OVERDUE("cases open at the cut-off and past their deadline");

    private final String definition;

    Indicator(String definition) {
        this.definition = definition;
    }

    public String definition() {
        return definition;
    }
}
