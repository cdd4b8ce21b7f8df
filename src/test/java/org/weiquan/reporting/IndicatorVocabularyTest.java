package org.weiquan.reporting;

import org.junit.jupiter.api.Test;
import org.weiquan.mediation.MediationOutcome;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indicators' vocabulary: every constant of every enum an indicator depends on is decided (a constant added
 * to ClosureReason, Category, RoundStart, AgencyKind … fails here until the indicator says whether it counts), and
 * the SQL spells no constant and no BPMN task id.
 */
class IndicatorVocabularyTest {

    @Test
    void everyConstantOfEveryEnumTheIndicatorsDependOnIsTakenOrLeftOut() {
        for (IndicatorVocabulary.Decision<?> decision : IndicatorVocabulary.DECISIONS) {
            assertThat(decision.undecided()).as("constants of %s nobody decided about for \"%s\"",
                    decision.type().getSimpleName(), decision.name()).isEmpty();
            assertThat(decision.takenNames()).as(decision.name()).doesNotContainAnyElementsOf(decision.leftOutNames());
            assertThat(decision.taken()).as(decision.name() + " takes something").isNotEmpty();
        }
    }

    @Test
    void aSatisfiedPersonHasAnsweredAndAnAgreementConcludesTheMediation() {
        // the numerators are parts of their denominators, or a rate could pass 100 %
        assertThat(IndicatorVocabulary.ANSWERED.taken()).containsAll(IndicatorVocabulary.SATISFIED.taken());
        assertThat(IndicatorVocabulary.CONCLUDING).containsAll(IndicatorVocabulary.AGREEMENTS).isNotEmpty();
        assertThat(IndicatorVocabulary.AGREEMENTS).isNotEmpty();
        // and the mediation lists are the enum's own word
        Set<MediationOutcome> concluding = EnumSet.noneOf(MediationOutcome.class);
        for (MediationOutcome outcome : MediationOutcome.values()) {
            if (outcome.concludes()) {
                concluding.add(outcome);
            }
        }
        assertThat(IndicatorVocabulary.CONCLUDING).isEqualTo(concluding);
    }

    @Test
    void theSqlSpellsNoConstantAndNoTaskIdOnlyNumbers() {
        List<String> statements = new ArrayList<>();
        for (Indicator indicator : Indicator.values()) {
            statements.add(IndicatorQueries.condition(indicator));
        }
        for (IndicatorQueries.Source source : IndicatorQueries.Source.values()) {
            statements.add(IndicatorQueries.pass(source, false));
            statements.add(IndicatorQueries.pass(source, true));
        }
        Pattern quoted = Pattern.compile("'([^']*)'");
        for (String sql : statements) {
            Matcher m = quoted.matcher(sql);
            while (m.find()) {
                assertThat(m.group(1)).as("a quoted value in " + sql).matches("\\d+");
            }
            assertThat(sql).doesNotContain("Task_");
        }
    }
}
