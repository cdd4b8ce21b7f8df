package org.weiquan.casefile;

/** How someone tried to reach the person (for LOST_CONTACT and follow-up visits). */
public enum ContactMeans {
    PHONE,
    VISIT,
    SMS,
    LETTER,
    ONLINE
}
