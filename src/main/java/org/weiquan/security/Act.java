package org.weiquan.security;

import java.time.Instant;

/**
 * Who did a step of a case's work, when it happened, and when it was recorded: the same moment for work
 * done in Weiquan, earlier for a step brought in from a station's ledger. Every write to a case goes
 * through the same service methods with an act, so that live and imported work are one record.
 */
public record Act(String username, String stationCode, String clientAddress, Instant at, Instant recordedAt) {

    /** What the actor does now. */
    public static Act now(Actor actor, Instant now) {
        return new Act(actor.username(), actor.stationCode(), actor.clientAddress(), now, now);
    }

    /** A step that happened at {@code at}, recorded now by {@code by} from a file. */
    public static Act earlier(String by, String stationCode, Instant at, Instant now) {
        return new Act(by, stationCode, null, at, now);
    }

    /** The process engine acts on its own (a timer, a round robin). */
    public static Act system(String stationCode, Instant now) {
        return new Act("system", stationCode, null, now, now);
    }

    /** The same act, having happened at another moment (a session held before it is recorded). */
    public Act happenedAt(Instant when) {
        return new Act(username, stationCode, clientAddress, when, recordedAt);
    }

    /** Brought in from elsewhere rather than done in Weiquan. */
    public boolean isImported() {
        return !at.equals(recordedAt) && clientAddress == null && !"system".equals(username);
    }
}
