package org.weiquan.casefile;

/** The person asks for a review (复查) of a written reply, then for a re-review (复核) of the review's answer. */
public enum ReviewKind {
    REVIEW,
    RE_REVIEW
}
