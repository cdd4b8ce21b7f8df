package org.weiquan.shared;

import org.junit.jupiter.api.Test;
import org.weiquan.casefile.AgreementPerformed;
import org.weiquan.casefile.CaseStage;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.casefile.ClosureDecision;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.ContactMeans;
import org.weiquan.casefile.DeadlineState;
import org.weiquan.casefile.ExtensionStatus;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.HandlingStep;
import org.weiquan.casefile.ReplyMeans;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.casefile.RoundStart;
import org.weiquan.casefile.ToldBy;
import org.weiquan.casework.CaseTask;
import org.weiquan.intake.AcknowledgementForm;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactStatus;
import org.weiquan.intake.Gender;
import org.weiquan.intake.PartyRole;
import org.weiquan.intake.PetitionType;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.mediation.AgreementKind;
import org.weiquan.mediation.ConfirmationStatus;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.protection.ProtectionOrderStatus;
import org.weiquan.protection.ReportMethod;
import org.weiquan.referral.ReferralAnswer;
import org.weiquan.referral.ReferralStatus;
import org.weiquan.security.Role;
import org.weiquan.station.AgencyKind;
import org.weiquan.station.StationLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every value of the domain's vocabulary has a label in Chinese and in English, and no label is a code. */
class LabelsTest {

    static final List<Class<? extends Enum<?>>> VOCABULARY = List.of(CaseTask.class, Channel.class, Category.class,
            PetitionType.class, ReviewDecision.class, ContactStatus.class, Gender.class, PartyRole.class,
            AcknowledgementForm.class, StationLevel.class, AgencyKind.class, Role.class, CaseStatus.class,
            CaseStage.class, DeadlineState.class, RiskLevel.class, RoundStart.class, HandlingStep.class,
            ClosureReason.class, ClosureDecision.class, ExtensionStatus.class, ToldBy.class, ContactMeans.class,
            ReplyMeans.class, FollowUpResult.class, AgreementPerformed.class, MediationOutcome.class,
            AgreementKind.class, ConfirmationStatus.class, ReferralStatus.class, ReferralAnswer.class,
            ReportMethod.class, ProtectionOrderStatus.class);

    @Test
    void everyConstantHasALabelInBothLanguages() {
        List<String> missing = new ArrayList<>();
        for (Class<? extends Enum<?>> type : VOCABULARY) {
            for (Enum<?> constant : type.getEnumConstants()) {
                for (Locale locale : List.of(Labels.CHINESE, Locale.ENGLISH)) {
                    String label = Labels.find(Labels.key(constant), locale);
                    if (label == null || label.isBlank() || label.equals(constant.name())) {
                        missing.add(locale + " " + Labels.key(constant));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void chineseLabelsAreChineseAndTheBundlesHaveTheSameKeys() {
        ResourceBundle zh = ResourceBundle.getBundle(Labels.BUNDLE, Locale.ROOT);
        ResourceBundle en = ResourceBundle.getBundle(Labels.BUNDLE, Locale.ENGLISH);
        assertThat(Set.copyOf(en.keySet())).isEqualTo(Set.copyOf(zh.keySet()));
        for (String key : zh.keySet()) {
            assertThat(zh.getString(key)).as(key).matches(".*\\p{IsHan}.*");
        }
    }

    @Test
    void aMissingLabelFallsBackToTheNameRatherThanFailing() {
        assertThat(Labels.of(null)).isEmpty();
        assertThat(Labels.of(RiskLevel.HIGH)).isEqualTo("高危");
        assertThat(Labels.of(RiskLevel.HIGH, Locale.ENGLISH)).isEqualTo("High risk");
    }
}
