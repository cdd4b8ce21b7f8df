package org.weiquan.intake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.intake.DuplicateCandidate.Reason.SAME_RESPONDENT;
import static org.weiquan.intake.DuplicateCandidate.Reason.SIMILAR_COMPLAINANT_NAME;

class SameMatterRuleTest {

    private static SameMatterRule.Verdict judge(SameMatterRule.Person probe, SameMatterRule.Person earlier) {
        return SameMatterRule.byName(probe, earlier);
    }

    private static SameMatterRule.Person person(String name, Gender gender, Integer age, String respondent) {
        return SameMatterRule.Person.of(name, gender, age, respondent);
    }

    @Test
    void theSameThreeCharacterNameIsACandidateOnItsOwn() {
        assertThat(judge(person("张晓花", null, null, null), person("张晓花", Gender.FEMALE, 40, null)).reasons())
                .containsExactly(SIMILAR_COMPLAINANT_NAME);
    }

    @Test
    void aHomophoneOrPinyinSpellingOfAThreeCharacterNameIsACandidate() {
        assertThat(judge(person("张小花", null, null, null), person("张晓花", null, null, null)).candidate()).isTrue();
        assertThat(judge(person("Zhang Xiaohua", null, null, null), person("张晓花", null, null, null)).candidate()).isTrue();
    }

    @Test
    void aCommonTwoCharacterNameAloneIsNot() {
        assertThat(judge(person("王芳", Gender.FEMALE, null, null), person("王芳", Gender.FEMALE, 35, null)).candidate())
                .isFalse();
    }

    @Test
    void aTwoCharacterNameWithTheSameAgeOrRespondentIs() {
        assertThat(judge(person("王芳", Gender.FEMALE, 36, null), person("王芳", Gender.FEMALE, 35, null)).candidate())
                .isTrue();
        assertThat(judge(person("王芳", null, null, "李强"), person("王芳", null, null, "李强")).reasons())
                .containsExactlyInAnyOrder(SIMILAR_COMPLAINANT_NAME, SAME_RESPONDENT);
    }

    @Test
    void aTypoNeedsTheRespondentToo() {
        assertThat(judge(person("张晓芳", Gender.FEMALE, 40, null), person("张晓花", Gender.FEMALE, 40, null)).candidate())
                .isFalse();
        assertThat(judge(person("张晓芳", null, null, "刘建国"), person("张晓花", null, null, "刘建国")).reasons())
                .containsExactlyInAnyOrder(SIMILAR_COMPLAINANT_NAME, SAME_RESPONDENT);
    }

    @Test
    void aDifferentGenderOrAgeRulesTheNameOut() {
        assertThat(judge(person("张晓花", Gender.MALE, null, null), person("张晓花", Gender.FEMALE, null, null)).candidate())
                .isFalse();
        assertThat(judge(person("张晓花", null, 25, null), person("张晓花", null, 60, null)).candidate()).isFalse();
        assertThat(judge(person("张晓花", Gender.UNKNOWN, 42, null), person("张晓花", Gender.FEMALE, 40, null)).candidate())
                .isTrue();
    }

    @Test
    void theSameRespondentOfThreeCharactersIsACandidateOnItsOwn() {
        assertThat(judge(person("李娜", null, null, "刘建国"), person("王芳", null, null, "刘建国")).reasons())
                .containsExactly(SAME_RESPONDENT);
        assertThat(judge(person("李娜", null, null, "刘强"), person("王芳", null, null, "刘强")).candidate()).isFalse();
    }

    @Test
    void unrelatedNamesAreNothing() {
        SameMatterRule.Verdict v = judge(person("张晓花", null, null, "刘建国"), person("李明芳", null, null, "王军"));
        assertThat(v.candidate()).isFalse();
        assertThat(v.score()).isZero();
    }

    @Test
    void aStrongerMatchScoresHigher() {
        int name = judge(person("张晓花", null, null, null), person("张晓花", null, null, null)).score();
        int nameAndAge = judge(person("张晓花", null, 40, null), person("张晓花", null, 40, null)).score();
        int all = judge(person("张晓花", null, 40, "刘建国"), person("张晓花", null, 40, "刘建国")).score();
        assertThat(name).isLessThan(nameAndAge);
        assertThat(nameAndAge).isLessThan(all);
        assertThat(all).isLessThan(SameMatterRule.EXACT_SCORE + 1 + name);
    }

    @Test
    void anEarlierNameIsComparedByTheReadingStoredWithItTheOneTheSearchFoundItBy() {
        // 曾 reads zeng as a surname: a contact stored with the character's common reading (ceng) was found by that
        SameMatterRule.Person earlier = new SameMatterRule.Person(java.util.Set.of("曾晓丽"), null, null,
                java.util.Set.of(), java.util.Map.of("曾晓丽", "cengxiaoli"));
        assertThat(SameMatterRule.byName(person("Ceng Xiaoli", null, null, null), earlier).reasons())
                .containsExactly(DuplicateCandidate.Reason.SIMILAR_COMPLAINANT_NAME);
        assertThat(judge(person("Ceng Xiaoli", null, null, null), person("曾晓丽", null, null, null)).candidate())
                .as("read afresh, the name is zengxiaoli").isFalse();
    }
}
