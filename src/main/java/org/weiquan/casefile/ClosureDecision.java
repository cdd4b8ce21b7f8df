package org.weiquan.casefile;

/** The supervisor's answer to a closure request (结案审批). */
public enum ClosureDecision {
    APPROVED,
    SENT_BACK
}
