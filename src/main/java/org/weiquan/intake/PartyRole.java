package org.weiquan.intake;

/** How a party stands in the matter. */
public enum PartyRole {
    COMPLAINANT,
    RESPONDENT,
    CHILD,
    OTHER
}
