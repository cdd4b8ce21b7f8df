package org.weiquan.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weiquan.privacy.Keys.key;

class BlindIndexTest {

    private final BlindIndex index = new BlindIndex(Keys.only("k1", 0x11));

    @Test
    void theSameNumberAlwaysGivesTheSameIndexSoSearchFindsIt() {
        assertThat(index.of("13812345678", "phone"))
                .isEqualTo(index.of("13812345678", "phone"))
                .isEqualTo(new BlindIndex(Keys.only("k1", 0x11)).of("13812345678", "phone"));
    }

    @Test
    void theIndexIsSixtyFourLowerCaseHexCharactersAndHidesTheNumber() {
        assertThat(index.of("13812345678", "phone")).matches("[0-9a-f]{64}").doesNotContain("5678");
    }

    @Test
    void differentNumbersGiveDifferentIndexes() {
        assertThat(index.of("13812345678", "phone")).isNotEqualTo(index.of("13812345679", "phone"));
    }

    @Test
    void aPhoneAndAnIdNumberWithTheSameDigitsNeverShareAnIndex() {
        assertThat(index.of("110105194912310021", "phone")).isNotEqualTo(index.of("110105194912310021", "id"));
    }

    @Test
    void theIndexIsKeyedSoItCannotBeRecomputedWithoutTheIndexKey() {
        BlindIndex otherInstallation = new BlindIndex(new DataKeys("k1", key(0x11), Map.of(), key(0x33)));

        assertThat(otherInstallation.of("13812345678", "phone")).isNotEqualTo(index.of("13812345678", "phone"));
    }

    @Test
    void rotatingTheDataKeyLeavesIndexesFindable() {
        BlindIndex afterRotation = new BlindIndex(new DataKeys("k2", key(0x22), Map.of("k1", key(0x11)), key(0x7F)));

        assertThat(afterRotation.of("13812345678", "phone")).isEqualTo(index.of("13812345678", "phone"));
    }

    @Test
    void isTheStandardHmacOfKindAndValueSoOtherToolsCanCompute() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key(0x7F), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("phone:13812345678".getBytes(StandardCharsets.UTF_8)));

        assertThat(index.of("13812345678", "phone")).isEqualTo(expected);
    }

    @Test
    void aMissingValueHasNoIndex() {
        assertThat(index.of(null, "phone")).isNull();
    }

    @Test
    void aKindWithAColonIsRefusedBecauseItCouldCollideWithAnotherKind() {
        assertThatThrownBy(() -> index.of("1", "phone:x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.of("1", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
