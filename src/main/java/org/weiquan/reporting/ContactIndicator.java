package org.weiquan.reporting;

/**
 * The counts of a report that count contacts, not cases (DESIGN §5): every contact registered, and those whose
 * review decision in the period was not to accept them, to transfer them, or to answer them on the spot. A
 * contact counts to the station that registered it (for a transfer to another station, the station it came from).
 * Their drill-down lists contacts.
 */
public enum ContactIndicator {
    RECEIVED("contacts registered in the period, any channel (接待量)"),
    NOT_ACCEPTED("contacts whose review decision in the period, by the cut-off, was not to accept them (不予受理)"),
    TRANSFERRED("contacts whose review decision in the period, by the cut-off, was to transfer them (转送)"),
    CONSULTATIONS("contacts answered on the spot as a consultation in the period, by the cut-off (咨询解答)");

    private final String definition;

    ContactIndicator(String definition) {
        this.definition = definition;
    }

    public String definition() {
        return definition;
    }
}
