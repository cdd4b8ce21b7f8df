package org.weiquan.intake;

import java.time.OffsetDateTime;

/**
 * What the registering user typed: raw, so that every wrong field can be named back to them.
 * Channel is the name of a {@link Channel}; the station is given by its code.
 */
public record ContactRegistration(String stationCode, String channel, OffsetDateTime receivedAt, String summary) {
}
