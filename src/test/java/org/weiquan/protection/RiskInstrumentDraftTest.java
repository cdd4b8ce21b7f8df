package org.weiquan.protection;

import org.junit.jupiter.api.Test;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Issue 18: a draft of the risk instrument is checked as a whole and scores as its bands say. */
class RiskInstrumentDraftTest {

    private static RiskInstrumentAdministration.QuestionInput q(String id, int weight, boolean critical) {
        return new RiskInstrumentAdministration.QuestionInput(id, "题目 " + id, weight, critical);
    }

    @Test
    void aCheckedDraftScoresWithItsWeightsBandsAndCriticalQuestions() {
        String json = RiskInstrumentAdministration.checked(new RiskInstrumentAdministration.Draft("v2", "第二版",
                List.of(q("A", 4, false), q("B", 3, false), q("C", 1, true)), 4, 7));
        RiskInstrument.Definition d = RiskInstrument.parse(json);
        assertThat(d.id()).isEqualTo("v2");
        assertThat(d.score(Map.of("A", false, "B", true, "C", false)).level()).isEqualTo(RiskLevel.LOW);
        assertThat(d.score(Map.of("A", true, "B", false, "C", false)).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(d.score(Map.of("A", true, "B", true, "C", false)).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(d.score(Map.of("A", false, "B", false, "C", true)).level()).as("a critical yes").isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void everyBrokenRuleOfADraftIsNamedAtOnce() {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> RiskInstrumentAdministration.checked(
                new RiskInstrumentAdministration.Draft("bad id!", "", List.of(q("A", 4, false), q("A", 101, false)), 9, 3)));
        assertThat(refused.errors()).extracting(FieldError::field)
                .contains("id", "name", "questions[1].id", "questions[1].weight", "highFrom");
    }
}
