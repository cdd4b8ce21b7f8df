package org.weiquan.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    @Test
    void theWaitDoublesFromTwoSecondsToAQuarterOfAnHour() {
        int free = LoginThrottle.PAIR_FREE;
        assertThat(LoginThrottle.waitAfter(free - 1, free)).isZero();
        assertThat(LoginThrottle.waitAfter(free, free)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LoginThrottle.waitAfter(free + 1, free)).isEqualTo(Duration.ofSeconds(4));
        assertThat(LoginThrottle.waitAfter(free + 5, free)).isEqualTo(Duration.ofSeconds(64));
        assertThat(LoginThrottle.waitAfter(free + 9, free)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginThrottle.waitAfter(Integer.MAX_VALUE, free)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void whatWasTypedAsTheUserNameIsKeptOnlyAsAHashIgnoringCaseAndSpaces() {
        assertThat(LoginThrottle.accountKey(" JieDai ")).isEqualTo(LoginThrottle.accountKey("jiedai")).hasSize(64)
                .doesNotContain("jiedai");
        assertThat(LoginThrottle.accountKey(null)).isEqualTo(LoginThrottle.accountKey(""));
    }
}
