package org.weiquan.casefile;

/** What the follow-up visit (回访) found the person to be. */
public enum FollowUpResult {
    SATISFIED,
    NOT_SATISFIED,
    /** 联系不上: reported apart from satisfaction */
    UNREACHABLE
}
