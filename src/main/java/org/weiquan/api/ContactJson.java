package org.weiquan.api;

import org.weiquan.intake.ContactDetails;
import org.weiquan.shared.StationTime;
import org.weiquan.workflow.OpenTask;

import java.time.OffsetDateTime;
import java.util.List;

/** A contact as the API shows it; times in Asia/Shanghai. */
public record ContactJson(long id, String stationCode, String stationName, String channel, OffsetDateTime receivedAt,
                          String summary, String status, OffsetDateTime registeredAt, String registeredBy,
                          OffsetDateTime reviewDue, List<TaskJson> openTasks) {

    static ContactJson of(ContactDetails c) {
        return new ContactJson(c.id(), c.stationCode(), c.stationName(), c.channel().name(),
                StationTime.of(c.receivedAt()), c.summary(), c.status().name(), StationTime.of(c.registeredAt()),
                c.registeredBy(), StationTime.of(c.reviewDue()), c.openTasks().stream().map(TaskJson::of).toList());
    }

    public record TaskJson(String id, String key, String name, String assignee, List<String> candidateGroups,
                           OffsetDateTime created, OffsetDateTime due) {
        static TaskJson of(OpenTask t) {
            return new TaskJson(t.id(), t.key(), t.name(), t.assignee(), t.candidateGroups(),
                    StationTime.of(t.created()), StationTime.of(t.due()));
        }
    }
}
