package org.weiquan.workflow;

import java.time.Instant;

/**
 * What a contact's review starts with: ids, station codes and due dates only. {@code objectionDue}: after a
 * transfer here, when the window to object closes (null otherwise).
 */
public record ReviewStart(long contactId, String stationCode, String escalationStationCode, String channel,
                          Instant reviewDue, Instant objectionDue) {
}
