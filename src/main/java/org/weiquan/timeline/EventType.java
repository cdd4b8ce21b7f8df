package org.weiquan.timeline;

/** What kind of step a timeline entry records. */
public enum EventType {
    CONTACT_REGISTERED,
    LINKED_AS_REPEAT_VISIT,
    ATTACHMENT_ADDED,
    ACKNOWLEDGED,
    ANSWERED_AS_CONSULTATION,
    NOT_ACCEPTED,
    TRANSFERRED_TO_STATION,
    TRANSFERRED_OUT,
    ACCEPTED,
    CASE_EDITED,
    TASK_COMPLETED,
    EXTENSION_REQUESTED,
    WITHDRAWN,
    REFERRED,
    REOPENED
}
