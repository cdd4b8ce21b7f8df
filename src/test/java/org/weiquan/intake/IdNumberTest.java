package org.weiquan.intake;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    /** The textbook example of GB 11643-1999: a woman born 31 December 1949 in Beijing. */
    private static final String TEXTBOOK_EXAMPLE = "11010519491231002X";

    private static String withCheckCharacter(String first17) {
        return first17 + IdNumber.checkCharacterOf(first17);
    }

    @Test
    void theStandardsOwnExampleEndingInXIsAccepted() {
        IdNumber id = IdNumber.parse(TEXTBOOK_EXAMPLE, TODAY);

        assertThat(id.value()).isEqualTo(TEXTBOOK_EXAMPLE);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.isFemale()).isTrue();
    }

    @Test
    void theCheckDigitIsComputedByMod11Weights() {
        assertThat(IdNumber.checkCharacterOf("11010519491231002")).isEqualTo('X');
        assertThat(IdNumber.checkCharacterOf("36010219850315123")).isEqualTo('8');
    }

    @Test
    void aNumberTypedWithSpacesAndALowerCaseXIsNormalised() {
        IdNumber id = IdNumber.parse(" 110105 19491231 002x ", TODAY);

        assertThat(id.value()).isEqualTo(TEXTBOOK_EXAMPLE);
    }

    @Test
    void aNumberWithADigitCheckCharacterIsAcceptedAndAnOddSequenceIsAMan() {
        String man = withCheckCharacter("36010219850315123");

        IdNumber id = IdNumber.parse(man, TODAY);

        assertThat(id.value()).isEqualTo("360102198503151238");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1985, 3, 15));
        assertThat(id.isFemale()).isFalse();
    }

    @Test
    void aMistypedDigitIsCaughtByTheCheckDigit() {
        String oneDigitWrong = "11010519491231003X";

        assertThatThrownBy(() -> IdNumber.parse(oneDigitWrong, TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("has a wrong check digit")
                .hasMessageNotContaining("1101");
        assertThat(IdNumber.isValid(oneDigitWrong)).isFalse();
    }

    @Test
    void twoSwappedDigitsAreCaughtByTheCheckDigit() {
        assertThatThrownBy(() -> IdNumber.parse("11010519491213002X", TODAY))
                .hasMessage("has a wrong check digit");
    }

    @Test
    void aBirthDateOfThe30thOfFebruaryIsRefusedEvenWithACorrectCheckDigit() {
        String february30 = withCheckCharacter("36010219900230124");

        assertThatThrownBy(() -> IdNumber.parse(february30, TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("holds an impossible birth date");
    }

    @Test
    void aBirthDateAfterTodayIsRefused() {
        String bornTomorrow = withCheckCharacter("36010220260303124");

        assertThatThrownBy(() -> IdNumber.parse(bornTomorrow, TODAY))
                .hasMessage("holds an impossible birth date");
        assertThat(IdNumber.parse(withCheckCharacter("36010220260302124"), TODAY).birthDate()).isEqualTo(TODAY);
    }

    @Test
    void aBirthDateBefore1900IsRefused() {
        assertThatThrownBy(() -> IdNumber.parse(withCheckCharacter("36010218991231124"), TODAY))
                .hasMessage("holds an impossible birth date");
    }

    @Test
    void anOldFifteenDigitOrSeventeenCharacterNumberIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> IdNumber.parse("11010519491231002", TODAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be 18 characters: 17 digits and a check digit");
        assertThatThrownBy(() -> IdNumber.parse("110105491231002", TODAY))
                .hasMessage("must be 18 characters: 17 digits and a check digit");
    }

    @Test
    void lettersOtherThanAFinalXAndEmptyInputAreRefused() {
        assertThatThrownBy(() -> IdNumber.parse("1101051949123100X2", TODAY))
                .hasMessage("must be 18 characters: 17 digits and a check digit");
        assertThatThrownBy(() -> IdNumber.parse("11010519491231002Y", TODAY))
                .hasMessage("must be 18 characters: 17 digits and a check digit");
        assertThatThrownBy(() -> IdNumber.parse(null, TODAY))
                .hasMessage("must be 18 characters: 17 digits and a check digit");
        assertThat(IdNumber.isValid("")).isFalse();
    }

    @Test
    void isValidJudgesAgainstToday() {
        assertThat(IdNumber.isValid(TEXTBOOK_EXAMPLE)).isTrue();
        assertThat(IdNumber.isValid(withCheckCharacter("36010229991231124"))).isFalse();
    }

    @Test
    void theNumberShownOrLoggedKeepsOnlyTheLastFourCharacters() {
        IdNumber id = IdNumber.parse(TEXTBOOK_EXAMPLE, TODAY);

        assertThat(id.toString()).isEqualTo("**************002X").hasSize(18);
    }

    @Test
    void theSameNumberTypedTwoWaysIsEqual() {
        assertThat(IdNumber.parse("11010519491231002x", TODAY))
                .isEqualTo(IdNumber.parse(TEXTBOOK_EXAMPLE, TODAY))
                .hasSameHashCodeAs(IdNumber.parse(TEXTBOOK_EXAMPLE, TODAY));
    }
}
