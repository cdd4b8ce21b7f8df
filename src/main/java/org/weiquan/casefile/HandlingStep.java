package org.weiquan.casefile;

/** What the mediator does next with the case (案件办理). */
public enum HandlingStep {
    MEDIATE,
    WRITTEN_REPLY,
    REQUEST_CLOSURE
}
