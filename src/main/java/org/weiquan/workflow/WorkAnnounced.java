package org.weiquan.workflow;

/**
 * A user task was created, or handed to someone, in the transaction that is running now: the notifications
 * listen to it (a CDI event, observed synchronously, so whatever they write commits or rolls back with the
 * task). {@code actor} is who acted, when a person did (null for a timer or the job executor): she is not told
 * of her own doing. {@code created}: the task was made just now, so nothing about it was told to anyone before.
 */
public record WorkAnnounced(WorkItem work, String actor, boolean created) {
}
