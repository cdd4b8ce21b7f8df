package org.weiquan.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * A notification still to be sent by e-mail or through the gateway: written with the event, claimed by one
 * node before it is sent, marked sent after; a failed send waits longer each time, and after the last attempt
 * (or a send that was interrupted, whose outcome nobody knows) it lies in the dead-letter list.
 */
@Entity
@Table(name = "notification_outbox")
public class OutboxMessage {

    /** Where the message is in its life. */
    public enum State {
        PENDING,
        SENDING,
        SENT,
        /** not sent and not to be tried again by itself: the administrator's dead-letter list */
        DEAD,
        /** nothing to send any more (the user turned e-mail off or has no address) */
        DROPPED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_outbox_seq")
    @SequenceGenerator(name = "notification_outbox_seq", sequenceName = "notification_outbox_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "notification_id")
    private Notification notification;

    @Column(nullable = false, length = 64)
    private String recipient;

    @Column(name = "event_key", nullable = false, length = 200)
    private String eventKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "not_before", nullable = false)
    private Instant notBefore;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "last_error", length = 200)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "done_at")
    private Instant doneAt;

    protected OutboxMessage() {
    }

    OutboxMessage(Notification notification, Channel channel, Instant notBefore, Instant now) {
        this.notification = notification;
        this.recipient = notification.recipient();
        this.eventKey = notification.eventKey();
        this.channel = channel;
        this.state = State.PENDING;
        this.notBefore = notBefore;
        this.createdAt = now;
    }

    /** This node sends it now; nobody else may until {@code until}. */
    void claim(Instant now, Duration lease) {
        if (state != State.PENDING) {
            throw new IllegalStateException("only a pending message is claimed");
        }
        state = State.SENDING;
        attempts++;
        claimedUntil = now.plus(lease);
    }

    void sent(Instant now) {
        state = State.SENT;
        doneAt = now;
        claimedUntil = null;
        lastError = null;
    }

    /** The send failed: again after the back-off, or into the dead-letter list after the last attempt. */
    void failed(String why, Instant now, Duration backOff, int maxAttempts) {
        lastError = why;
        claimedUntil = null;
        if (attempts >= maxAttempts) {
            state = State.DEAD;
            doneAt = now;
        } else {
            state = State.PENDING;
            notBefore = now.plus(backOff.multipliedBy(1L << Math.min(attempts - 1, 20)));
        }
    }

    /** A send began and its node stopped before it was recorded: whether it went out is unknown, so never again by itself. */
    void interrupted(Instant now) {
        state = State.DEAD;
        lastError = "interrupted";
        doneAt = now;
        claimedUntil = null;
    }

    void dropped(String why, Instant now) {
        state = State.DROPPED;
        lastError = why;
        doneAt = now;
        claimedUntil = null;
    }

    /** The administrator sends a dead letter once more. */
    void retry(Instant now) {
        if (state != State.DEAD) {
            throw new IllegalStateException("only a dead letter is sent again");
        }
        state = State.PENDING;
        attempts = 0;
        notBefore = now;
        doneAt = null;
    }

    public Long id() {
        return id;
    }

    public Notification notification() {
        return notification;
    }

    public String recipient() {
        return recipient;
    }

    public String eventKey() {
        return eventKey;
    }

    public Channel channel() {
        return channel;
    }

    public State state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant doneAt() {
        return doneAt;
    }
}
