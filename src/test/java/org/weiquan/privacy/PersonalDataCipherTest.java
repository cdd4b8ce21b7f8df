package org.weiquan.privacy;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weiquan.privacy.Keys.key;

class PersonalDataCipherTest {

    private static final String PHONE = "13812345678";
    private static final String ADDRESS = "清溪县城关镇幸福路12号";

    private final PersonalDataCipher cipher = new PersonalDataCipher(Keys.only("k1", 0x11));

    @Test
    void aPhoneNumberComesBackAsItWasStored() {
        String stored = cipher.encrypt(PHONE, "party.phone");

        assertThat(cipher.decrypt(stored, "party.phone")).isEqualTo(PHONE);
    }

    @Test
    void anAddressInChineseComesBackAsItWasStored() {
        assertThat(cipher.decrypt(cipher.encrypt(ADDRESS, "party.address"), "party.address")).isEqualTo(ADDRESS);
        assertThat(cipher.decrypt(cipher.encrypt("", "party.address"), "party.address")).isEmpty();
    }

    @Test
    void theStoredFormNamesItsKeyAndHidesTheNumber() {
        String stored = cipher.encrypt(PHONE, "party.phone");

        assertThat(stored).startsWith("k1:").doesNotContain(PHONE).doesNotContain("5678");
        assertThat(stored.substring(3)).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(stored.substring(3))).hasSize(12 + PHONE.length() + 16);
    }

    @Test
    void theSameNumberStoredTwiceLooksDifferentSoRowsCannotBeMatchedByCiphertext() {
        assertThat(cipher.encrypt(PHONE, "party.phone")).isNotEqualTo(cipher.encrypt(PHONE, "party.phone"));
    }

    @Test
    void aValueCopiedIntoAnotherColumnDoesNotDecryptThere() {
        String phone = cipher.encrypt(PHONE, "party.phone");

        assertThatThrownBy(() -> cipher.decrypt(phone, "party.idNumber"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot decrypt a value of key k1: key unknown or data altered");
    }

    @Test
    void anAlteredValueIsRefusedRatherThanReadWrongly() {
        String stored = cipher.encrypt(PHONE, "party.phone");
        int inTheTag = stored.length() - 5;
        char flipped = stored.charAt(inTheTag) == 'A' ? 'B' : 'A';
        String tampered = stored.substring(0, inTheTag) + flipped + stored.substring(inTheTag + 1);

        assertThatThrownBy(() -> cipher.decrypt(tampered, "party.phone"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot decrypt a value of key k1: key unknown or data altered");
    }

    @Test
    void aTruncatedOrGarbledValueIsRefused() {
        assertThatThrownBy(() -> cipher.decrypt("k1:AAAA", "party.phone"))
                .hasMessage("cannot decrypt a value of key k1: key unknown or data altered");
        assertThatThrownBy(() -> cipher.decrypt("k1:not base64!", "party.phone"))
                .hasMessage("cannot decrypt a value of key k1: key unknown or data altered");
    }

    @Test
    void aPlaintextLeftInAnEncryptedColumnIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> cipher.decrypt(PHONE, "party.phone"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(PHONE);
        assertThatThrownBy(() -> cipher.decrypt("13812345678:0791", "party.phone"))
                .hasMessageNotContaining("1381")
                .hasMessageNotContaining("0791");
        assertThatThrownBy(() -> cipher.decrypt("住址:" + ADDRESS, "party.address"))
                .hasMessageNotContaining("住址")
                .hasMessageNotContaining("幸福路");
    }

    @Test
    void noMessageEverContainsThePlaintext() {
        String stored = cipher.encrypt(PHONE, "party.phone");

        assertThatThrownBy(() -> cipher.decrypt(stored, "party.address"))
                .hasMessageNotContaining(PHONE)
                .hasMessageNotContaining(stored.substring(3))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void aValueOfAnUnknownKeyNamesTheKeySoTheOperatorKnowsWhichOneIsMissing() {
        String storedUnderK0 = new PersonalDataCipher(Keys.only("k0", 0x22)).encrypt(PHONE, "party.phone");

        assertThatThrownBy(() -> cipher.decrypt(storedUnderK0, "party.phone"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot decrypt a value of key k0: key unknown or data altered");
    }

    @Test
    void afterARotationOldValuesStillDecryptAndAreMarkedForReEncryption() {
        PersonalDataCipher beforeRotation = new PersonalDataCipher(Keys.only("k1", 0x11));
        String storedUnderK1 = beforeRotation.encrypt(PHONE, "party.phone");

        PersonalDataCipher afterRotation = new PersonalDataCipher(
                new DataKeys("k2", key(0x22), Map.of("k1", key(0x11)), key(0x7F)));

        assertThat(afterRotation.decrypt(storedUnderK1, "party.phone")).isEqualTo(PHONE);
        assertThat(afterRotation.needsReEncryption(storedUnderK1)).isTrue();
        String reEncrypted = afterRotation.encrypt(afterRotation.decrypt(storedUnderK1, "party.phone"), "party.phone");
        assertThat(reEncrypted).startsWith("k2:");
        assertThat(afterRotation.needsReEncryption(reEncrypted)).isFalse();
    }

    @Test
    void aValueOfTheCurrentKeyNeedsNoReEncryption() {
        assertThat(cipher.needsReEncryption(cipher.encrypt(PHONE, "party.phone"))).isFalse();
        assertThat(cipher.needsReEncryption(null)).isFalse();
    }

    @Test
    void aValueThatIsNotInTheStoredFormIsMarkedForReEncryption() {
        assertThat(cipher.needsReEncryption(PHONE)).isTrue();
    }

    @Test
    void aMissingValueStaysMissing() {
        assertThat(cipher.encrypt(null, "party.phone")).isNull();
        assertThat(cipher.decrypt(null, "party.phone")).isNull();
    }

    @Test
    void aColumnMustBeNamed() {
        assertThatThrownBy(() -> cipher.encrypt(PHONE, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(PHONE);
        assertThatThrownBy(() -> cipher.decrypt("k1:AAAA", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
