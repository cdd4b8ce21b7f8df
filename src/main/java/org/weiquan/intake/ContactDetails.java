package org.weiquan.intake;

import org.weiquan.workflow.OpenTask;

import java.time.Instant;
import java.util.List;

/** A contact as its file shows it, with the review tasks still open. */
public record ContactDetails(long id, String stationCode, String stationName, Channel channel, Instant receivedAt,
                             String summary, ContactStatus status, Instant registeredAt, String registeredBy,
                             Instant reviewDue, List<OpenTask> openTasks) {
}
