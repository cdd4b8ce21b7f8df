package org.weiquan.workflow;

/**
 * What a piece of a case's work that runs on its own starts with (a protection order, a judicial confirmation, a
 * review of a written reply): its business key (the case number, a slash and its own letter and id), the case
 * number, the stations whose staff do it and chase it, and the case's mediator (null when there is none).
 */
public record ChildStart(String key, String caseNumber, String stationCode, String escalationStationCode,
                        String mediator) {
}
