package org.weiquan.reporting;

import org.weiquan.casefile.ClosureDecision;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.casefile.RoundStart;
import org.weiquan.intake.Category;
import org.weiquan.intake.PetitionType;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.station.AgencyKind;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The domain's words as the indicator SQL needs them: for each enum a count depends on, the constants it takes.
 * The SQL spells no constant; these lists are bound as its parameters. Where the enum itself says what a constant
 * means ({@link MediationOutcome#concludes()}), the list follows the enum. Where the indicator decides (which
 * closure reasons count as resolving a dispute), every constant is decided here, taken or left out, and
 * {@code IndicatorVocabularyTest} fails when an enum gains a constant that is neither.
 */
final class IndicatorVocabulary {

    /** Which constants of an enum a count takes, and which it leaves out on purpose. */
    record Decision<E extends Enum<E>>(String name, Class<E> type, Set<E> taken, Set<E> leftOut) {

        Decision {
            taken = Collections.unmodifiableSet(EnumSet.copyOf(taken));
            leftOut = Collections.unmodifiableSet(leftOut.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(leftOut));
        }

        /** The names of the constants taken, as the columns hold them: the values bound to the SQL. */
        List<String> takenNames() {
            return names(taken);
        }

        List<String> leftOutNames() {
            return names(leftOut);
        }

        /** Constants neither taken nor left out: a new constant nobody decided about. */
        Set<E> undecided() {
            Set<E> rest = EnumSet.allOf(type);
            rest.removeAll(taken);
            rest.removeAll(leftOut);
            return rest;
        }
    }

    /** Claims (resolution rate): petitions of type 申诉求决. */
    static final Decision<PetitionType> CLAIM = new Decision<>("claim", PetitionType.class,
            EnumSet.of(PetitionType.CLAIM), EnumSet.of(PetitionType.SUGGESTION, PetitionType.ACCUSATION));

    /** Disputes (resolution rate): the categories in which the parties dispute a claim, whatever the petition type. */
    static final Decision<Category> DISPUTE = new Decision<>("dispute", Category.class,
            EnumSet.of(Category.MARRIAGE_DISPUTE, Category.DIVORCE_PROPERTY, Category.CHILD_CUSTODY_SUPPORT,
                    Category.ELDER_SUPPORT, Category.RURAL_LAND_RIGHTS, Category.INHERITANCE,
                    Category.EMPLOYMENT_DISCRIMINATION),
            EnumSet.of(Category.DOMESTIC_VIOLENCE, Category.SEXUAL_HARASSMENT, Category.SEXUAL_ASSAULT,
                    Category.TRAFFICKING, Category.LEFT_BEHIND_CHILD, Category.PRIVACY_ONLINE_HARM,
                    Category.HARDSHIP_ASSISTANCE, Category.OTHER));

    /** Closure reasons that resolve a claim or dispute (调处, DESIGN §5). */
    static final Decision<ClosureReason> RESOLVING = new Decision<>("resolving", ClosureReason.class,
            EnumSet.of(ClosureReason.MEDIATED_WRITTEN, ClosureReason.MEDIATED_ORAL, ClosureReason.CLAIM_SUPPORTED),
            EnumSet.of(ClosureReason.MEDIATION_FAILED_ADVISED, ClosureReason.REFERRAL_COMPLETED, ClosureReason.EXPLAINED,
                    ClosureReason.NOT_SUPPORTED, ClosureReason.IN_LITIGATION, ClosureReason.WITHDRAWN,
                    ClosureReason.LOST_CONTACT, ClosureReason.DUPLICATE_MERGED, ClosureReason.OUT_OF_SCOPE,
                    ClosureReason.MOVED_OR_DECEASED, ClosureReason.OTHER));

    /** Session outcomes that conclude a mediation, as the enum says. */
    static final Set<MediationOutcome> CONCLUDING = where(MediationOutcome.class, MediationOutcome::concludes);

    /** Session outcomes that conclude it with an agreement, as the enum says. */
    static final Set<MediationOutcome> AGREEMENTS = where(MediationOutcome.class, MediationOutcome::isAgreement);

    /** Follow-up results that answer the satisfaction question; the rest (联系不上) are reported apart. */
    static final Decision<FollowUpResult> ANSWERED = new Decision<>("answered", FollowUpResult.class,
            EnumSet.of(FollowUpResult.SATISFIED, FollowUpResult.NOT_SATISFIED), EnumSet.of(FollowUpResult.UNREACHABLE));

    static final Decision<FollowUpResult> SATISFIED = new Decision<>("satisfied", FollowUpResult.class,
            EnumSet.of(FollowUpResult.SATISFIED), EnumSet.of(FollowUpResult.NOT_SATISFIED, FollowUpResult.UNREACHABLE));

    /** The supervisor's decisions that close the case. */
    static final Decision<ClosureDecision> APPROVING = new Decision<>("approving", ClosureDecision.class,
            EnumSet.of(ClosureDecision.APPROVED), EnumSet.of(ClosureDecision.SENT_BACK));

    /** Why a handling round began: the reopenings of a closed case, not its acceptance. */
    static final Decision<RoundStart> REOPENING = new Decision<>("reopening", RoundStart.class,
            EnumSet.of(RoundStart.REOPENED_AFTER_FOLLOW_UP, RoundStart.REOPENED_AFTER_AUDIT,
                    RoundStart.REOPENED_IN_LEDGER),
            EnumSet.of(RoundStart.ACCEPTED));

    /** The danger levels that open the urgent path (high-risk timeliness). */
    static final Decision<RiskLevel> HIGH_RISK = new Decision<>("high risk", RiskLevel.class,
            EnumSet.of(RiskLevel.HIGH), EnumSet.of(RiskLevel.LOW, RiskLevel.MEDIUM));

    /**
     * The partners a referral goes to that count as the "police/court referral" of high-risk timeliness (DESIGN
     * §5). A shelter (civil affairs) is on the urgent path too (DESIGN §3) but not in the indicator's definition.
     */
    static final Decision<AgencyKind> POLICE_OR_COURT = new Decision<>("police or court", AgencyKind.class,
            EnumSet.of(AgencyKind.POLICE, AgencyKind.COURT),
            EnumSet.of(AgencyKind.LEGAL_AID, AgencyKind.JUDICIAL_OFFICE, AgencyKind.CIVIL_AFFAIRS,
                    AgencyKind.HR_SOCIAL_SECURITY, AgencyKind.HOSPITAL, AgencyKind.SCHOOL));

    /** Every decision made here, for the test that each enum's every constant is decided. */
    static final List<Decision<?>> DECISIONS = List.of(CLAIM, DISPUTE, RESOLVING, ANSWERED, SATISFIED, APPROVING,
            REOPENING, HIGH_RISK, POLICE_OR_COURT);

    private IndicatorVocabulary() {
    }

    static List<String> names(Set<? extends Enum<?>> constants) {
        return constants.stream().map(Enum::name).sorted().toList();
    }

    private static <E extends Enum<E>> Set<E> where(Class<E> type, Predicate<E> test) {
        Set<E> chosen = EnumSet.noneOf(type);
        Arrays.stream(type.getEnumConstants()).filter(test).forEach(chosen::add);
        return Collections.unmodifiableSet(chosen);
    }
}
