package org.weiquan.security;

/** What an access-log entry records. */
public enum AccessAction {
    /** a case file or contact was opened (full personal data shown) */
    OPEN,
    /** something left the system: an attachment download, a report or record export */
    EXPORT,
    /** a change: registration, decision, acknowledgement, edit, attachment */
    CHANGE
}
