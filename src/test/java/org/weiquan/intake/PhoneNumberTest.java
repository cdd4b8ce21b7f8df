package org.weiquan.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    private static final String REJECTION =
            "is not a mainland mobile or landline number (e.g. 13812345678 or 0791-86123456)";

    @Test
    void aMobileWithCountryCodeAndSpacesIsStoredAsElevenDigits() {
        PhoneNumber phone = PhoneNumber.parse("+86 138 1234 5678");

        assertThat(phone.value()).isEqualTo("13812345678");
        assertThat(phone.isMobile()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "138-1234-5678", "0086 13812345678", "8613812345678", "(+86) 138 1234 5678"})
    void everyUsualWayOfWritingAMobileGivesTheSameDigits(String typed) {
        assertThat(PhoneNumber.parse(typed).value()).isEqualTo("13812345678");
    }

    @Test
    void aLandlineWithADashKeepsItsAreaCode() {
        PhoneNumber phone = PhoneNumber.parse("0791-86123456");

        assertThat(phone.value()).isEqualTo("079186123456");
        assertThat(phone.isMobile()).isFalse();
    }

    @Test
    void aBeijingLandlineInParenthesesIsAccepted() {
        PhoneNumber phone = PhoneNumber.parse("(010) 6512 3456");

        assertThat(phone.value()).isEqualTo("01065123456");
        assertThat(phone.isMobile()).isFalse();
    }

    @Test
    void aCountyLandlineWithASevenDigitNumberIsAccepted() {
        assertThat(PhoneNumber.parse("0797-8123456").value()).isEqualTo("07978123456");
    }

    @Test
    void aTenDigitMobileIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse("1381234567"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REJECTION);
    }

    @Test
    void lettersAreRefusedAndTheMessageDoesNotRepeatWhatWasTyped() {
        assertThatThrownBy(() -> PhoneNumber.parse("138abcd5678"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(REJECTION)
                .hasMessageNotContaining("abcd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12812345678", "138123456789", "12338", "0012025550123",
            "+86 791 86123456", "013812345678", "0791-861234", "0111-86123456"})
    void numbersThatCannotBeDialledInTheMainlandAreRefused(String typed) {
        assertThatThrownBy(() -> PhoneNumber.parse(typed)).hasMessage(REJECTION);
        assertThat(PhoneNumber.isValid(typed)).isFalse();
    }

    @Test
    void nothingTypedIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse(null)).hasMessage(REJECTION);
    }

    @Test
    void aMobileIsShownWithTheMiddleFourDigitsHidden() {
        assertThat(PhoneNumber.parse("+86 138 1234 5678")).hasToString("138****5678");
    }

    @Test
    void aLandlineIsShownWithItsAreaCodeAndLastTwoDigits() {
        assertThat(PhoneNumber.parse("0791-86123456")).hasToString("0791****56");
        assertThat(PhoneNumber.parse("010-65123456")).hasToString("010****56");
    }

    @Test
    void theSameNumberTypedTwoWaysIsEqual() {
        assertThat(PhoneNumber.parse("+86 13812345678")).isEqualTo(PhoneNumber.parse("138-1234-5678"));
        assertThat(PhoneNumber.isValid("0791-86123456")).isTrue();
    }
}
