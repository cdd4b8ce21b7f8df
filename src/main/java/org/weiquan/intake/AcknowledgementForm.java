package org.weiquan.intake;

/** How the person was told that the contact is being handled (告知). */
public enum AcknowledgementForm {
    ORAL,
    WRITTEN,
    SMS
}
