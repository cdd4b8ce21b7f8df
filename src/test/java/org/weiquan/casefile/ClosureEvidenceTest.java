package org.weiquan.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

/** The evidence each closure reason needs before a supervisor may even be asked (DESIGN §5). */
class ClosureEvidenceTest {

    private static final ClosureEvidence NOTHING = new ClosureEvidence(false, false, false, false, List.of(), false, false, false);

    @Test
    void lostContactNeedsThreeDocumentedAttempts() {
        List<ContactAttempt> two = List.of(attempt(1, ContactMeans.PHONE), attempt(3, ContactMeans.VISIT));
        assertThat(problems(ClosureReason.LOST_CONTACT, null, two, NOTHING)).extracting(FieldError::field)
                .containsExactly("contactAttempts");

        List<ContactAttempt> three = List.of(attempt(1, ContactMeans.PHONE), attempt(3, ContactMeans.VISIT),
                attempt(6, ContactMeans.LETTER));
        assertThat(problems(ClosureReason.LOST_CONTACT, null, three, NOTHING)).isEmpty();
    }

    @Test
    void aMediatedClosureNeedsTheAgreementOfItsKind() {
        assertThat(problems(ClosureReason.MEDIATED_WRITTEN, null, List.of(), NOTHING)).extracting(FieldError::field)
                .containsExactly("closureReason");
        ClosureEvidence oralOnly = new ClosureEvidence(false, true, false, false, List.of(), false, false, false);
        assertThat(problems(ClosureReason.MEDIATED_WRITTEN, null, List.of(), oralOnly)).hasSize(1);
        assertThat(problems(ClosureReason.MEDIATED_ORAL, null, List.of(), oralOnly)).isEmpty();
    }

    @Test
    void otherNeedsAWordOfExplanation() {
        assertThat(problems(ClosureReason.OTHER, " ", List.of(), NOTHING)).extracting(FieldError::field)
                .containsExactly("closureNote");
        assertThat(problems(ClosureReason.OTHER, "当事人已迁往外省", List.of(), NOTHING)).isEmpty();
    }

    @Test
    void aReferralStillWaitingForItsAnswerBlocksTheClosureByName() {
        ClosureEvidence waiting = new ClosureEvidence(true, false, false, false, List.of("R2 清溪县法律援助中心"), false, false, false);
        List<FieldError> problems = problems(ClosureReason.MEDIATED_WRITTEN, null, List.of(), waiting);
        assertThat(problems).extracting(FieldError::field).containsExactly("referrals");
        assertThat(problems.get(0).message()).contains("R2 清溪县法律援助中心");
    }

    @Test
    void aLetterClosesOnlyAfterItsWrittenReply() {
        ClosureEvidence noReply = new ClosureEvidence(false, false, false, true, List.of(), true, false, false);
        assertThat(problems(ClosureReason.REFERRAL_COMPLETED, null, List.of(), noReply)).extracting(FieldError::field)
                .containsExactly("closureReason");
        ClosureEvidence replied = new ClosureEvidence(false, false, false, true, List.of(), true, true, false);
        assertThat(problems(ClosureReason.REFERRAL_COMPLETED, null, List.of(), replied)).isEmpty();
    }

    @Test
    void aLedgersClosureKeepsItsEvidenceInThePaperFile() {
        assertThat(problems(ClosureReason.LOST_CONTACT, null, List.of(), ClosureEvidence.ofLedger())).isEmpty();
    }

    private static ContactAttempt attempt(int day, ContactMeans means) {
        return new ContactAttempt(LocalDate.of(2026, 3, day), means, "无人应答");
    }

    private static List<FieldError> problems(ClosureReason reason, String note, List<ContactAttempt> attempts,
                                             ClosureEvidence evidence) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        ClosureRequest.checkEvidence(reason, note, attempts, evidence, errors);
        if (!errors.hasErrors()) {
            return List.of();
        }
        try {
            errors.throwIfAny();
            throw new AssertionError("unreachable");
        } catch (InvalidInput e) {
            return e.errors();
        }
    }
}
