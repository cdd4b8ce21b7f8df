package org.weiquan.security;

import org.junit.jupiter.api.Test;
import org.weiquan.shared.InvalidInput;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private static final Set<String> COMMON = PasswordPolicy.commonPasswords();

    private static void check(String password, boolean demo) {
        PasswordPolicy.check("password", password, "liumin", COMMON, demo);
    }

    @Test
    void theShippedListHoldsTheCommonBreachedPasswords() {
        assertThat(COMMON).hasSizeGreaterThan(40_000).contains("123456789012", "password1234", "qwertyuiop123");
    }

    @Test
    void commonPasswordsAndThemWithDigitsOrSignsAddedAreRefusedWithoutRepeatingThem() {
        for (String weak : new String[] {"123456789012", "password1234", "PASSWORD1234", "Iloveyou2026!", "!!sunshine2026"}) {
            assertThatThrownBy(() -> check(weak, false)).as(weak).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("password").hasMessageNotContaining(weak);
        }
    }

    @Test
    void theDemoPasswordOnlyInDemoMode() {
        assertThatThrownBy(() -> check(FirstUsers.DEMO_PASSWORD, false)).hasMessageContaining("demo password");
        assertThatCode(() -> check(FirstUsers.DEMO_PASSWORD, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("my-weiquan-secret-99", true)).hasMessageContaining("name of this system");
    }

    @Test
    void shortSimpleAndNameContainingPasswordsAreRefusedALongPhraseIsNot() {
        assertThatThrownBy(() -> check("short-one", false)).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> check("aaaaaaaaaaaaaaa", false)).hasMessageContaining("too simple");
        assertThatThrownBy(() -> check("liumin-at-the-station", false)).hasMessageContaining("user name");
        assertThatCode(() -> check("plum-river-lantern-42", false)).doesNotThrowAnyException();
        assertThatCode(() -> check("integration-test-passphrase", false)).doesNotThrowAnyException();
    }
}
