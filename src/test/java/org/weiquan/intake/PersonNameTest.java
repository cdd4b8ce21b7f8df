package org.weiquan.intake;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNameTest {

    @Test
    void aThreeCharacterNameKeepsItsFirstAndLastCharacterInLists() {
        assertThat(PersonName.mask("张晓花")).isEqualTo("张*花");
    }

    @Test
    void aCompoundSurnameNameHidesEachMiddleCharacter() {
        assertThat(PersonName.mask("欧阳晓花")).isEqualTo("欧**花");
    }

    @Test
    void aTwoCharacterNameShowsOnlyTheSurname() {
        assertThat(PersonName.mask("张花")).isEqualTo("张*");
    }

    @Test
    void aOneCharacterNameIsHiddenEntirely() {
        assertThat(PersonName.mask("花")).isEqualTo("*");
    }

    @Test
    void aLatinNameShowsOnlyItsFirstLetter() {
        assertThat(PersonName.mask("Maria Gonzalez")).isEqualTo("M***");
        assertThat(PersonName.mask("zhang xiaohua")).isEqualTo("z***");
    }

    @Test
    void noNameShowsAsNothing() {
        assertThat(PersonName.mask(null)).isEmpty();
        assertThat(PersonName.mask("  ")).isEmpty();
    }

    @Test
    void surroundingSpacesDoNotShowThroughTheMask() {
        assertThat(PersonName.mask(" 张晓花 ")).isEqualTo("张*花");
    }

    @Test
    void aChineseNameReadsAsTonelessPinyinWithoutSeparators() {
        assertThat(PersonName.pinyin("张晓花")).isEqualTo("zhangxiaohua");
        assertThat(PersonName.pinyin("欧阳晓花")).isEqualTo("ouyangxiaohua");
    }

    @Test
    void theSurnameShanIsNotReadAsDan() {
        assertThat(PersonName.pinyin("单小燕")).isEqualTo("shanxiaoyan");
    }

    @Test
    void surnamesWithASpecialReadingUseIt() {
        assertThat(PersonName.pinyin("曾丽")).isEqualTo("zengli");
        assertThat(PersonName.pinyin("解红")).isEqualTo("xiehong");
        assertThat(PersonName.pinyin("区秀英")).isEqualTo("ouxiuying");
        assertThat(PersonName.pinyin("朴英")).isEqualTo("piaoying");
        assertThat(PersonName.pinyin("覃芳")).isEqualTo("qinfang");
        assertThat(PersonName.pinyin("尉迟敏")).isEqualTo("yuchimin");
    }

    @Test
    void theSpecialReadingAppliesToTheSurnameOnly() {
        assertThat(PersonName.pinyin("乐乐")).isEqualTo("yuele");
    }

    @Test
    void umlautUIsWrittenAsV() {
        assertThat(PersonName.pinyin("吕丽")).isEqualTo("lvli");
        assertThat(PersonName.pinyin("Lü Li")).isEqualTo("lvli");
    }

    @Test
    void aNameTypedInPinyinKeepsItsLettersWithoutSpacesOrHyphens() {
        assertThat(PersonName.pinyin("Zhang Xiao-hua")).isEqualTo("zhangxiaohua");
        assertThat(PersonName.pinyin("Xi'an Li")).isEqualTo("xianli");
        assertThat(PersonName.pinyin("ＺＨＡＮＧ　Ｘｉａｏｈｕａ")).isEqualTo("zhangxiaohua");
    }

    @Test
    void noNameHasNoPinyin() {
        assertThat(PersonName.pinyin(null)).isEmpty();
    }

    @Test
    void theSameNameTypedAgainIsTheSame() {
        assertThat(PersonName.sameOrSimilar("张晓花", " 张晓花")).isTrue();
        assertThat(PersonName.sameOrSimilar("Maria Gonzalez", "maria gonzalez")).isTrue();
    }

    @Test
    void namesThatSoundAlikeAreSimilar() {
        assertThat(PersonName.sameOrSimilar("张晓花", "张小花")).isTrue();
    }

    @Test
    void aNameTypedInPinyinMatchesTheChineseName() {
        assertThat(PersonName.sameOrSimilar("张晓花", "zhang xiaohua")).isTrue();
        assertThat(PersonName.sameOrSimilar("Zhang Xiao-Hua", "张小花")).isTrue();
    }

    @Test
    void namesDifferingInOneCharacterAreSimilar() {
        assertThat(PersonName.sameOrSimilar("张晓花", "张晓芳")).isTrue();
        assertThat(PersonName.sameOrSimilar("张晓花", "李晓花")).isTrue();
    }

    @Test
    void aNameMissingOneCharacterIsSimilar() {
        assertThat(PersonName.sameOrSimilar("张花", "张晓花")).isTrue();
        assertThat(PersonName.sameOrSimilar("欧阳晓花", "欧晓花")).isTrue();
    }

    @Test
    void unrelatedNamesAreNotSimilar() {
        assertThat(PersonName.sameOrSimilar("张晓花", "李明")).isFalse();
        assertThat(PersonName.sameOrSimilar("张晓花", "李明芳")).isFalse();
        assertThat(PersonName.sameOrSimilar("张晓花", "zhang ming")).isFalse();
    }

    @Test
    void twoDifferentOneCharacterNamesAreNotSimilar() {
        assertThat(PersonName.sameOrSimilar("花", "芳")).isFalse();
    }

    @Test
    void aSurnameAloneDoesNotMatchEveryoneOfThatName() {
        assertThat(PersonName.sameOrSimilar("张", "张花")).isFalse();
    }

    @Test
    void namesTwoEditsApartAreNotSimilar() {
        assertThat(PersonName.sameOrSimilar("张晓花", "张明芳")).isFalse();
        assertThat(PersonName.sameOrSimilar("张花", "张晓明花")).isFalse();
    }

    @Test
    void latinNamesOneLetterApartAreNotTreatedAsChinese() {
        assertThat(PersonName.sameOrSimilar("Mary", "Mark")).isFalse();
    }

    @Test
    void aMissingNameIsSimilarToNothing() {
        assertThat(PersonName.sameOrSimilar(null, "张晓花")).isFalse();
        assertThat(PersonName.sameOrSimilar("", "")).isFalse();
    }

    @Test
    void manyRequestsConvertingNamesAtOnceAllGetTheSamePinyin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> conversions = IntStream.range(0, 32)
                    .<Callable<String>>mapToObj(i -> () -> PersonName.pinyin("单晓花"))
                    .toList();
            for (Future<String> result : pool.invokeAll(conversions)) {
                assertThat(result.get()).isEqualTo("shanxiaohua");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aNameHasTwoKeysHidingOneOfItsLastTwoCharacters() {
        assertThat(PersonName.keys("张晓花")).isEqualTo(new PersonName.Keys("张晓*", "张*花"));
        assertThat(PersonName.keys("欧阳晓花")).isEqualTo(new PersonName.Keys("欧阳晓*", "欧阳*花"));
        assertThat(PersonName.keys("张花")).isEqualTo(new PersonName.Keys("张花*", "张*花"));
        assertThat(PersonName.keys(" 张 晓花 ")).isEqualTo(new PersonName.Keys("张晓*", "张*花"));
    }

    @Test
    void onlyChineseNamesOfTwoOrMoreCharactersHaveKeys() {
        assertThat(PersonName.keys("张")).isNull();
        assertThat(PersonName.keys("Zhang Xiaohua")).isNull();
        assertThat(PersonName.keys(null)).isNull();
    }

    @Test
    void likenessGoesFromTheSameNameToATypo() {
        assertThat(PersonName.likeness("张晓花", " 张晓花")).isEqualTo(PersonName.Likeness.SAME);
        assertThat(PersonName.likeness("张晓花", "张小花")).isEqualTo(PersonName.Likeness.HOMOPHONE);
        assertThat(PersonName.likeness("张晓花", "zhang xiaohua")).isEqualTo(PersonName.Likeness.HOMOPHONE);
        assertThat(PersonName.likeness("张晓花", "张晓芳")).isEqualTo(PersonName.Likeness.TYPO);
        assertThat(PersonName.likeness("张晓花", "张明花")).isEqualTo(PersonName.Likeness.TYPO);
        assertThat(PersonName.likeness("张花", "张晓花")).isEqualTo(PersonName.Likeness.TYPO);
        assertThat(PersonName.likeness("张晓", "张晓花")).isEqualTo(PersonName.Likeness.TYPO);
    }

    @Test
    void aMistypedSurnameOrAnotherTwoCharacterNameIsNoTypo() {
        assertThat(PersonName.likeness("张晓花", "李晓花")).isEqualTo(PersonName.Likeness.NONE);
        assertThat(PersonName.likeness("王芳", "王丽")).isEqualTo(PersonName.Likeness.NONE);
        assertThat(PersonName.likeness("张晓花", "张明芳")).isEqualTo(PersonName.Likeness.NONE);
        assertThat(PersonName.likeness("", "张晓花")).isEqualTo(PersonName.Likeness.NONE);
    }

    @Test
    void aTypoIsExactlyWhatTheKeysFind() {
        String[] names = {"张晓花", "张晓芳", "张明花", "张花", "张晓", "李晓花", "张晓花花", "欧阳晓花", "欧阳晓芳", "王芳"};
        for (String a : names) {
            for (String b : names) {
                PersonName.Keys x = PersonName.keys(a);
                PersonName.Keys y = PersonName.keys(b);
                boolean shareAKey = x.head().equals(y.head()) || x.gap().equals(y.gap());
                assertThat(PersonName.likeness(a, b).compareTo(PersonName.Likeness.TYPO) >= 0)
                        .as(a + " ~ " + b).isEqualTo(shareAKey || PersonName.pinyin(a).equals(PersonName.pinyin(b)));
            }
        }
    }

    @Test
    void aCompatibilityIdeographIsReadAsTheCharacterItStandsFor() {
        // U+F90A is a compatibility form of 金: a name of common characters skips the folding, this one must not
        assertThat(PersonName.likeness("金花", "\uF90A花")).isEqualTo(PersonName.Likeness.SAME);
        assertThat(PersonName.pinyin("\uF90A花")).isEqualTo("jinhua");
    }

    @Test
    void namesReadTheSameBeforeAndAfterTheKeptReadingsAreEmptied() {
        List<String> before = List.of(PersonName.pinyin("张晓花"), PersonName.pinyin("单小燕"), PersonName.pinyin("曾重"));
        // more distinct names than the readings kept, so the cache is emptied at least once on the way
        for (int i = 0; i < 25_000; i++) {
            String name = new String(new char[] {(char) (0x4E00 + i / 160), (char) (0x5E00 + i % 160)});
            assertThat(PersonName.pinyin(name)).isNotEmpty();
        }
        assertThat(List.of(PersonName.pinyin("张晓花"), PersonName.pinyin("单小燕"), PersonName.pinyin("曾重")))
                .isEqualTo(before).containsExactly("zhangxiaohua", "shanxiaoyan", "zengzhong");
    }
}
