package org.weiquan.timeline;

import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One entry of the timeline. Immutable: there are no setters, and the database refuses updates. */
@Entity
@Table(name = "case_event")
public class CaseEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_event_seq")
    @SequenceGenerator(name = "case_event_seq", sequenceName = "case_event_seq", allocationSize = 50)
    private Long id;

    @Column(name = "contact_id", nullable = false, updatable = false)
    private long contactId;

    @Column(name = "case_id", updatable = false)
    private Long caseId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(nullable = false, updatable = false, length = 64)
    private String actor;

    @Column(name = "actor_station", updatable = false, length = 32)
    private String actorStation;

    @Column(name = "client_address", updatable = false, length = 64)
    private String clientAddress;

    @Column(nullable = false, updatable = false, length = 48)
    private String type;

    @Column(nullable = false, updatable = false, length = 2000)
    private String description;

    @Column(updatable = false, length = 8000)
    private String changes;

    protected CaseEvent() {
    }

    CaseEvent(long contactId, Long caseId, Instant occurredAt, Instant recordedAt, String actor, String actorStation,
              String clientAddress, EventType type, String description, List<Change> changes) {
        this.contactId = contactId;
        this.caseId = caseId;
        this.occurredAt = occurredAt;
        this.recordedAt = recordedAt;
        this.actor = actor;
        this.actorStation = actorStation;
        this.clientAddress = clientAddress;
        this.type = type.name();
        this.description = description.length() > 2000 ? description.substring(0, 2000) : description;
        this.changes = changes.isEmpty() ? null : toJson(changes);
    }

    private static String toJson(List<Change> changes) {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (Change c : changes) {
            list.add(Jsonp.createObjectBuilder().add("field", c.field())
                    .add("old", c.oldValue() == null ? JsonValue.NULL : Jsonp.createValue(c.oldValue()))
                    .add("new", c.newValue() == null ? JsonValue.NULL : Jsonp.createValue(c.newValue())));
        }
        return list.build().toString();
    }

    public List<Change> changes() {
        if (changes == null) {
            return List.of();
        }
        List<Change> result = new ArrayList<>();
        JsonArray array = Jsonp.createReader(new StringReader(changes)).readArray();
        for (JsonObject o : array.getValuesAs(JsonObject.class)) {
            result.add(new Change(o.getString("field"), o.isNull("old") ? null : o.getString("old"),
                    o.isNull("new") ? null : o.getString("new")));
        }
        return result;
    }

    public Long id() {
        return id;
    }

    public long contactId() {
        return contactId;
    }

    public Long caseId() {
        return caseId;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** When the entry was written; later than {@link #occurredAt} for a step brought in from a ledger. */
    public Instant recordedAt() {
        return recordedAt;
    }

    public String actor() {
        return actor;
    }

    public String actorStation() {
        return actorStation;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }
}
