package org.weiquan.security;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What an actor sees: her station's subtree, decided by her station's id, wherever her station has moved since. */
class ActorTest {

    private static Actor at(String path) {
        return new Actor("tiaojie", "调解员", "QX-0101", path, Set.of(Role.MEDIATOR), "127.0.0.1");
    }

    @Test
    void sheSeesHerStationAndTheStationsBelowItButNotAboveBesideOrOfALongerId() {
        Actor her = at("/1/5/17/");
        assertThat(her.sees("/1/5/17/")).isTrue();
        assertThat(her.sees("/1/5/17/23/")).isTrue();
        assertThat(her.sees("/1/5/")).as("her parent").isFalse();
        assertThat(her.sees("/1/5/18/")).as("a sibling").isFalse();
        assertThat(her.sees("/1/5/170/")).as("an id that begins with hers").isFalse();
        assertThat(her.sees(null)).isFalse();
    }

    @Test
    void herStationMovedAfterHerPathWasReadIsStillHers() {
        // her path was read as her request began; the case's station path is read after her station moved under 9
        Actor her = at("/1/5/17/");
        assertThat(her.sees("/1/9/17/")).isTrue();
        assertThat(her.sees("/1/9/17/23/")).isTrue();
        assertThat(her.sees("/1/9/")).isFalse();
    }

    @Test
    void theCountySeesEverythingAndAVillageOnlyItself() {
        assertThat(at("/1/").sees("/1/9/17/23/")).isTrue();
        assertThat(at("/1/5/17/23/").sees("/1/5/17/")).isFalse();
        assertThat(at("/1/5/17/23/").sees("/1/5/17/23/")).isTrue();
    }
}
