package org.weiquan.workflow;

import java.time.Instant;

/** What a contact's review starts with: ids, station codes and the due date only. */
public record ReviewStart(long contactId, String stationCode, String escalationStationCode, String channel,
                          Instant reviewDue) {
}
