package org.weiquan.referral;

import org.weiquan.station.AgencyKind;

/**
 * How many days a partner agency has to answer a referral before it is chased (督办): the one place that
 * says so. A legal-aid centre decides within 7 days (法律援助法 art. 43); an urgent police or shelter
 * referral is answered within a day; other agencies within 15 days.
 */
public final class AnswerPeriod {

    public static final int LEGAL_AID_DAYS = 7;
    public static final int URGENT_DAYS = 1;
    public static final int OTHER_DAYS = 15;

    private AnswerPeriod() {
    }

    public static int days(AgencyKind kind, boolean urgent) {
        if (kind == AgencyKind.LEGAL_AID) {
            return LEGAL_AID_DAYS;
        }
        return urgent ? URGENT_DAYS : OTHER_DAYS;
    }
}
