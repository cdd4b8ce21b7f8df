package org.weiquan.reporting;

/**
 * The counts a report shows and the drill-down can list, with their definitions (DESIGN §5). The first counts
 * are of cases; the others count the case's work (mediations, follow-up visits, closures, risk assessments), and
 * their drill-down lists the cases that work belongs to.
 */
public enum Indicator {
    ACCEPTED("cases whose acceptance date is in the period"),
    CLOSED("cases whose (final) closure date is in the period, up to the cut-off"),
    COHORT_CLOSED("cases accepted in the period and closed by the cut-off (transfers out excluded)"),
    COHORT("cases accepted in the period, transfers out excluded"),
    OPEN_AT_START("cases accepted before the period and not closed at its start"),
    RESOLVED("claim/dispute cases closed in the period as mediated (written or oral agreement) or with the claim"
            + " supported"),
    CLAIMS_CLOSED("claim/dispute cases closed in the period (petition type claim or a dispute category)"),
    ON_TIME("cases closed in the period before their deadline passed (24:00 of the 60th day after acceptance or"
            + " reopening, or of the approved extension's last day)"),
    OVERDUE("cases open at the cut-off whose deadline passed before it"),
    MEDIATIONS_CONCLUDED("mediations concluded in the period: sessions ending in an agreement, a termination or a"
            + " refusal"),
    MEDIATIONS_AGREED("mediations concluded in the period with a written or oral agreement"),
    FOLLOW_UPS_DUE("follow-up visits of closures in the period that were due by the cut-off (their due day over) or"
            + " done by it, unless cancelled by it"),
    FOLLOW_UPS_DONE("follow-up visits of closures in the period done by the cut-off"),
    FOLLOW_UPS_ANSWERED("follow-up visits done in which the person said whether they were satisfied"),
    FOLLOW_UPS_SATISFIED("follow-up visits done in which the person was satisfied"),
    FOLLOW_UPS_UNREACHABLE("follow-up visits done in which the person could not be reached"),
    CLOSURES_APPROVED("cases with a closure approved in the period (each case once)"),
    CLOSURES_REOPENED("cases with a closure approved in the period that were reopened within 90 days of it (whole"
            + " dates) and by the cut-off (each case once)"),
    HIGH_RISK("cases assessed as high risk in the period (each case once)"),
    HIGH_RISK_IN_TIME("high-risk cases with a safety plan, a referral to the police or a court, or a protection-order"
            + " application within 24 h after the assessment"),
    REPEAT_VISITS("cases accepted in the period linked to an earlier case on the same matter received within the 12"
            + " months before"),
    AUDITED("closed cases whose closure-quality audit was reviewed in the period, by the cut-off"),
    AUDIT_PASSED("audited closed cases that passed the checklist"),
    REVIEWS("requests for review (复查) of a written reply made in the period, by the cut-off"),
    RE_REVIEWS("requests for re-review (复核) of a review's answer made in the period, by the cut-off");

    private final String definition;

    Indicator(String definition) {
        this.definition = definition;
    }

    public String definition() {
        return definition;
    }
}
