package org.weiquan.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** Who opened, exported or changed which case, when, from where. Never updated (the database refuses). */
@Entity
@Table(name = "access_log")
public class AccessLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "access_log_seq")
    @SequenceGenerator(name = "access_log_seq", sequenceName = "access_log_seq", allocationSize = 50)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false, length = 64)
    private String username;

    @Column(name = "station_code", updatable = false, length = 32)
    private String stationCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 32)
    private AccessAction action;

    @Column(name = "contact_id", updatable = false)
    private Long contactId;

    @Column(name = "case_number", updatable = false, length = 48)
    private String caseNumber;

    @Column(name = "client_address", updatable = false, length = 64)
    private String clientAddress;

    @Column(updatable = false, length = 500)
    private String detail;

    protected AccessLogEntry() {
    }

    AccessLogEntry(Instant occurredAt, Actor actor, AccessAction action, Long contactId, String caseNumber,
                   String detail) {
        this.occurredAt = occurredAt;
        this.username = actor.username();
        this.stationCode = actor.stationCode();
        this.action = action;
        this.contactId = contactId;
        this.caseNumber = caseNumber;
        this.clientAddress = actor.clientAddress();
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String username() {
        return username;
    }

    public String stationCode() {
        return stationCode;
    }

    public AccessAction action() {
        return action;
    }

    public Long contactId() {
        return contactId;
    }

    public String caseNumber() {
        return caseNumber;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String detail() {
        return detail;
    }
}
