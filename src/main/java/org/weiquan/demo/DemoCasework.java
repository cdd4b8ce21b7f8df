package org.weiquan.demo;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.casefile.AgreementPerformed;
import org.weiquan.casefile.AssignMediatorForm;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.ClosureDecisionForm;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.FollowUpForm;
import org.weiquan.casefile.FollowUpPolicy;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.HandlingService;
import org.weiquan.casefile.HandlingStep;
import org.weiquan.casefile.HandlingStepForm;
import org.weiquan.casefile.ReplyMeans;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.casefile.WrittenReplyForm;
import org.weiquan.casework.CaseRecords;
import org.weiquan.casework.CaseTask;
import org.weiquan.casework.TaskCompletion;
import org.weiquan.mediation.MediationOutcome;
import org.weiquan.mediation.MediationService;
import org.weiquan.mediation.MediationSessionForm;
import org.weiquan.referral.Referral;
import org.weiquan.referral.ReferralAnswer;
import org.weiquan.referral.ReferralAnswerForm;
import org.weiquan.referral.ReferralOutcomeForm;
import org.weiquan.referral.ReferralService;
import org.weiquan.security.Act;
import org.weiquan.security.Actor;
import org.weiquan.security.Role;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Stations;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.WorkItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The handling of the demo's accepted cases, as {@link DemoRow#handling()} says: closed cases are brought in as
 * they happened (a mediation session, a referral, the mediator's closure request, the supervisor's approval and the
 * follow-up visit, each at its own earlier time, through the services staff use, the way a ledger import brings
 * closed cases in); the cases of live work are driven through the process engine's own tasks
 * ({@link TaskCompletion#completeEarlier}) to their stage, so that their next task waits in the demo users' lists.
 * The acts are those of the case's sub-district's people ({@link DemoPeople}).
 */
@Dependent
public class DemoCasework {

    /** The tasks of a case's ordinary handling, which the live cases go through. */
    private static final Set<CaseTask> DRIVEN = Set.of(CaseTask.ASSIGN_MEDIATOR, CaseTask.HANDLE_CASE,
            CaseTask.HOLD_MEDIATION_SESSION, CaseTask.APPROVE_CLOSURE);

    @PersistenceContext
    EntityManager em;

    @Inject
    HandlingService handling;

    @Inject
    MediationService mediation;

    @Inject
    ReferralService referrals;

    @Inject
    CaseRecords records;

    @Inject
    CaseWorkflow workflow;

    @Inject
    TaskCompletion tasks;

    @Inject
    Stations stations;

    @Inject
    Clock clock;

    /** Brings the case to what its row says; nothing for a case that awaits its first step. */
    void handle(Case aCase, DemoRow row, long shift, DemoPeople people) {
        switch (row.handling()) {
            case NEW, OVERDUE -> {
            }
            case CLOSED -> closeEarlier(aCase, row, shift, people);
            default -> driveLive(aCase, row, shift, people);
        }
    }

    // ------------------------------------------------------------------ closed before today

    private void closeEarlier(Case aCase, DemoRow row, long shift, DemoPeople people) {
        Instant now = clock.instant();
        String station = aCase.station().code();
        String mediator = people.mediatorOf(station);
        String supervisor = people.supervisorOf(station);
        Instant accepted = aCase.acceptedAt();
        Instant closed = row.closedAt(shift);
        Duration span = Duration.between(accepted, closed);
        ClosureReason reason = ClosureReason.valueOf(row.closureReason());
        if (aCase.isDomesticViolence()) {
            aCase.recordRisk(row.number() % 5 == 0 ? RiskLevel.MEDIUM : RiskLevel.LOW);
        }
        switch (reason) {
            case MEDIATED_WRITTEN, MEDIATED_ORAL, MEDIATION_FAILED_ADVISED -> {
                Instant held = accepted.plus(span.multipliedBy(3).dividedBy(5));
                mediation.recordSession(aCase, session(reason, held), Act.earlier(mediator, station, held, now));
            }
            case REFERRAL_COMPLETED -> {
                Instant sent = accepted.plus(span.dividedBy(5));
                Referral referral = referrals.refer(aCase, agencyFor(aCase), true, false,
                        Act.earlier(mediator, station, sent, now));
                Instant answered = accepted.plus(span.multipliedBy(2).dividedBy(5));
                referrals.answer(referral, aCase, new ReferralAnswerForm(ReferralAnswer.ACCEPTED, at(answered),
                        "已接收，指定专人办理"), Act.earlier(mediator, station, answered, now));
                Instant done = accepted.plus(span.multipliedBy(4).dividedBy(5));
                referrals.recordOutcome(referral, aCase, new ReferralOutcomeForm(outcomeOf(aCase), at(done)),
                        Act.earlier(mediator, station, done, now));
            }
            default -> {
            }
        }
        if (aCase.needsWrittenReply()) {
            Instant sent = closed.minus(Duration.ofDays(2)).isAfter(accepted) ? closed.minus(Duration.ofDays(2)) : closed;
            handling.recordWrittenReply(aCase, new WrittenReplyForm(LocalDate.ofInstant(sent, StationTime.ZONE),
                    ReplyMeans.LETTER, "书面答复当事人：处理意见及其依据，不服可依法申请复查"),
                    Act.earlier(mediator, station, sent, now));
        }
        em.flush();
        Act requesting = Act.earlier(mediator, station, closed.minus(Duration.ofHours(20)), now);
        handling.requestClosure(aCase, reason, null, List.of(), records.evidence(aCase), requesting);
        handling.decideClosure(aCase, new ClosureDecisionForm(true, null), FollowUpPolicy.days(),
                Act.earlier(supervisor, station, closed, now));
        workflow.endHandling(aCase.number(), "demo case closed before the demo's start");
        if (row.followUp() != null) {
            Instant visited = closed.plus(Duration.ofDays(FollowUpPolicy.days() + row.number() % 4));
            if (visited.isAfter(now)) {
                visited = now.minus(Duration.ofHours(2));
            }
            FollowUpResult result = FollowUpResult.valueOf(row.followUp());
            boolean agreement = reason == ClosureReason.MEDIATED_WRITTEN || reason == ClosureReason.MEDIATED_ORAL;
            handling.recordFollowUp(aCase, new FollowUpForm(at(visited), result,
                    agreement && result != FollowUpResult.UNREACHABLE ? AgreementPerformed.YES : null, false,
                    followUpNote(result)), Act.earlier(mediator, station, visited, now));
        }
        em.flush();
    }

    private static MediationSessionForm session(ClosureReason reason, Instant held) {
        return switch (reason) {
            case MEDIATED_WRITTEN -> new MediationSessionForm(at(held), "双方当事人、调解员", "双方陈述意见，经释法说理达成一致",
                    MediationOutcome.WRITTEN_AGREEMENT, "双方就争议事项达成调解协议，按约定履行", null, null);
            case MEDIATED_ORAL -> new MediationSessionForm(at(held), "双方当事人、调解员", "经调解双方互谅互让",
                    MediationOutcome.ORAL_AGREEMENT, "双方口头约定互相尊重、按约履行", null, null);
            default -> new MediationSessionForm(at(held), "双方当事人、调解员", "双方分歧较大，未能达成一致",
                    MediationOutcome.TERMINATED, null, "已告知可向人民法院起诉或申请法律援助", null);
        };
    }

    private static String agencyFor(Case aCase) {
        boolean hexi = aCase.station().code().startsWith("QX-02");
        return switch (aCase.primaryCategory() == null ? org.weiquan.intake.Category.OTHER : aCase.primaryCategory()) {
            case DOMESTIC_VIOLENCE, SEXUAL_ASSAULT, TRAFFICKING, SEXUAL_HARASSMENT -> hexi ? "QX-GA-HX" : "QX-GA-CG";
            case HARDSHIP_ASSISTANCE, LEFT_BEHIND_CHILD -> "QX-MZ";
            case EMPLOYMENT_DISCRIMINATION -> "QX-RS";
            default -> "QX-FLYZ";
        };
    }

    private static String outcomeOf(Case aCase) {
        return aCase.isDomesticViolence() ? "公安机关已出具告诫书，当事人安全状况稳定" : "已依法办理并告知当事人结果";
    }

    private static String followUpNote(FollowUpResult result) {
        return switch (result) {
            case SATISFIED -> "当事人表示满意，生活恢复正常";
            case NOT_SATISFIED -> "当事人对处理结果不太满意，已再次解释";
            case UNREACHABLE -> "电话三次未接通";
        };
    }

    // ------------------------------------------------------------------ live work, through the engine

    /** Completes the case's tasks in order, as its mediator and supervisor would have, until it reaches its stage. */
    private void driveLive(Case aCase, DemoRow row, long shift, DemoPeople people) {
        DemoRow.Handling stage = row.handling();
        String station = aCase.station().code();
        Actor mediator = actor(people.mediatorOf(station), station, Role.MEDIATOR);
        Actor supervisor = actor(people.supervisorOf(station), people.supervisorStationOf(station), Role.SUPERVISOR);
        Instant accepted = aCase.acceptedAt();
        Instant end = stage.closes() ? row.closedAt(shift) : clock.instant().minus(Duration.ofHours(3));
        Duration step = Duration.between(accepted, end).dividedBy(6);
        ClosureReason reason = row.closureReason() == null ? ClosureReason.MEDIATED_ORAL
                : ClosureReason.valueOf(row.closureReason());
        int sessions = 0;
        boolean agreed = false;
        for (int n = 1; n <= 8; n++) {
            Instant when = n >= 6 ? end : accepted.plus(step.multipliedBy(n));
            Optional<WorkItem> open = workflow.tasksOfCase(aCase.number()).stream()
                    .filter(t -> CaseTask.byId(t.taskKey()).filter(DRIVEN::contains).isPresent()).findFirst();
            if (open.isEmpty()) {
                return;
            }
            WorkItem item = open.get();
            CaseTask task = CaseTask.byId(item.taskKey()).orElseThrow();
            switch (task) {
                case ASSIGN_MEDIATOR -> tasks.completeEarlier(item.id(),
                        new AssignMediatorForm(mediator.username()), supervisor, when);
                case HANDLE_CASE -> {
                    if (stage == DemoRow.Handling.MEDIATOR_ASSIGNED) {
                        return;
                    }
                    if (stage == DemoRow.Handling.REFERRED) {
                        referrals.refer(aCase, "QX-FLYZ", true, false,
                                Act.earlier(mediator.username(), station, when, clock.instant()));
                        return;
                    }
                    HandlingStepForm form = agreed
                            ? new HandlingStepForm(HandlingStep.REQUEST_CLOSURE, reason, null, List.of())
                            : new HandlingStepForm(HandlingStep.MEDIATE, null, null, List.of());
                    tasks.completeEarlier(item.id(), form, mediator, when);
                }
                case HOLD_MEDIATION_SESSION -> {
                    if (stage == DemoRow.Handling.MEDIATING && sessions > 0) {
                        return;
                    }
                    MediationSessionForm form = stage == DemoRow.Handling.MEDIATING
                            ? new MediationSessionForm(at(when), "双方当事人、调解员", "双方初步陈述意见，约定下次继续调解",
                                    MediationOutcome.CONTINUE, null, null, "一周后再次调解")
                            : session(reason, when);
                    tasks.completeEarlier(item.id(), form, mediator, when);
                    sessions++;
                    agreed = form.outcome() != MediationOutcome.CONTINUE;
                }
                case APPROVE_CLOSURE -> {
                    if (stage == DemoRow.Handling.CLOSURE_REQUESTED) {
                        return;
                    }
                    tasks.completeEarlier(item.id(), new ClosureDecisionForm(true, null), supervisor, end);
                }
                default -> {
                    return;
                }
            }
            em.flush();
        }
    }

    private Actor actor(String username, String stationCode, Role role) {
        String path = stations.byCode(stationCode).map(s -> s.path()).orElseThrow();
        return new Actor(username, null, stationCode, path, Set.of(role), null);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atZone(StationTime.ZONE).toOffsetDateTime();
    }
}
