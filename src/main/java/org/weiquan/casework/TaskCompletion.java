package org.weiquan.casework;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import org.weiquan.casefile.AssignMediatorForm;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.ClosureDecisionForm;
import org.weiquan.casefile.ExtensionDecisionForm;
import org.weiquan.casefile.FollowUpForm;
import org.weiquan.casefile.FollowUpPolicy;
import org.weiquan.casefile.HandlingService;
import org.weiquan.casefile.HandlingStepForm;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.casefile.ReplyReviews;
import org.weiquan.casefile.ReviewAnswerForm;
import org.weiquan.casefile.ReviewService;
import org.weiquan.casefile.WrittenReplyForm;
import org.weiquan.intake.Contacts;
import org.weiquan.mediation.MediationAgreement;
import org.weiquan.mediation.MediationService;
import org.weiquan.mediation.MediationSession;
import org.weiquan.mediation.JudicialConfirmationForm;
import org.weiquan.mediation.MediationSessionForm;
import org.weiquan.protection.MandatoryReportForm;
import org.weiquan.protection.ProtectionOrder;
import org.weiquan.protection.ProtectionOrderApplicationForm;
import org.weiquan.protection.ProtectionOrderRulingForm;
import org.weiquan.protection.ProtectionService;
import org.weiquan.protection.RiskAssessment;
import org.weiquan.protection.RiskAssessmentForm;
import org.weiquan.protection.SafetyPlanForm;
import org.weiquan.referral.Referral;
import org.weiquan.referral.ReferralAnswerForm;
import org.weiquan.referral.ReferralOutcomeForm;
import org.weiquan.referral.ReferralService;
import org.weiquan.referral.ReferralStatus;
import org.weiquan.referral.UrgentReferralForm;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Act;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;
import org.weiquan.shared.Forms;
import org.weiquan.shared.Labels;
import org.weiquan.shared.NotFound;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.ChildStart;
import org.weiquan.workflow.WorkItem;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Completes a user task with its form: the form is bound to the task's record type (from the API's JSON or a
 * page's values, the same record either way) and validated; the capability that owns the work records it
 * (a mediation session, a referral, an assessment …); the task's receipt names that record; and the engine is
 * told what is due next — all in one transaction. Nothing is completed when the form breaks a rule (422) or
 * when someone else completed the task meanwhile (409).
 */
@Stateless
public class TaskCompletion {

    @PersistenceContext
    EntityManager em;

    @Inject
    TaskInbox inbox;

    @Inject
    CurrentActor currentActor;

    @Inject
    CaseWorkflow workflow;

    @Inject
    ReviewService decisions;

    @Inject
    ReplyReviews reviews;

    @Inject
    HandlingService handling;

    @Inject
    MediationService mediation;

    @Inject
    ReferralService referrals;

    @Inject
    ProtectionService protection;

    @Inject
    CaseRecords records;

    @Inject
    Contacts contacts;

    @Inject
    Timeline timeline;

    @EJB
    AccessLog accessLog;

    @Inject
    Clock clock;

    /** A task's form as the API sent it. */
    public void complete(String taskId, JsonValue body, Locale locale) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem item = holdable(taskId, actor);
        CaseTask task = task(item);
        complete(item, task, Forms.bindValid(task.form(), body, locale), actor);
    }

    /** A task's form as a page gave it (field name to value). */
    public void complete(String taskId, Map<String, ?> values, Locale locale) {
        Actor actor = currentActor.get().requireCaseRole();
        WorkItem item = holdable(taskId, actor);
        CaseTask task = task(item);
        complete(item, task, Forms.bindValid(task.form(), values, locale), actor);
    }

    /**
     * A task's form as a user completed it at an earlier moment, recorded now: the demo data's live cases are
     * brought to their stage at start-up through the same records and engine steps as the pages'.
     */
    public void completeEarlier(String taskId, Record form, Actor actor, Instant at) {
        WorkItem item = workflow.task(taskId).orElseThrow(() -> new NotFound("task " + taskId));
        complete(item, task(item), form, actor, Act.earlier(actor.username(), actor.stationCode(), at, clock.instant()));
    }

    private WorkItem holdable(String taskId, Actor actor) {
        WorkItem item = inbox.doable(taskId, actor);
        if (item.assignee() != null && !item.assignee().equals(actor.username())) {
            throw new Conflict("the task is held by someone else; claim it first");
        }
        return item;
    }

    private static CaseTask task(WorkItem item) {
        return CaseTask.byId(item.taskKey())
                .orElseThrow(() -> new IllegalStateException("a model has a task CaseTask does not name"));
    }

    private void complete(WorkItem item, CaseTask task, Record form, Actor actor) {
        complete(item, task, form, actor, Act.now(actor, clock.instant()));
    }

    private void complete(WorkItem item, CaseTask task, Record form, Actor actor, Act act) {
        if (item.model() == WorkItem.Model.REVIEW) {
            completeReviewTask(item, task, form, act);
            return;
        }
        Case aCase = inbox.caseOf(item).orElseThrow(() -> new NotFound("task " + item.id()));
        Map<String, Object> variables = new HashMap<>();
        Instant extendedTo = null;
        Object done = switch (task) {
            case RECORD_MANDATORY_REPORT -> protection.recordMandatoryReport(aCase, (MandatoryReportForm) form, act);
            case ASSIGN_MEDIATOR -> {
                handling.assignMediator(aCase, (AssignMediatorForm) form, act);
                variables.put("mediator", aCase.mediator());
                yield null;
            }
            case ASSESS_RISK -> {
                RiskAssessment assessment = protection.assessRisk(aCase, (RiskAssessmentForm) form, act);
                variables.put("riskLevel", assessment.level().name());
                yield assessment;
            }
            case MAKE_SAFETY_PLAN -> protection.makeSafetyPlan(aCase, (SafetyPlanForm) form, act);
            case REFER_TO_POLICE_OR_SHELTER -> referrals.referUrgently(aCase, (UrgentReferralForm) form, act).get(0);
            case OFFER_PROTECTION_ORDER -> {
                ProtectionOrder order = protection.offerProtectionOrder(aCase, (ProtectionOrderApplicationForm) form, act);
                if (order.rulingDueAt() != null) {
                    em.flush(); // the order's id names its process
                    workflow.startProtectionOrder(child(aCase, "/P" + order.id()), order.rulingDueAt());
                }
                yield order;
            }
            case RECORD_PROTECTION_ORDER_RULING -> {
                ProtectionOrder order = protection.recordRuling(aCase, idIn(item, 'P'), (ProtectionOrderRulingForm) form,
                        act);
                variables.put("protectionOrderGranted", order.validUntil() != null);
                if (order.validUntil() != null) {
                    variables.put("renewalReminder", Date.from(Days.startOf(order.renewalReminderOn())));
                    variables.put("validUntilEnd", Date.from(Days.endOf(order.validUntil())));
                }
                yield order;
            }
            case HANDLE_CASE -> {
                HandlingStepForm step = (HandlingStepForm) form;
                handling.chooseStep(aCase, step, records.evidence(aCase), act);
                variables.put("handlingStep", step.step().name());
                // a closure request is a record of its own; choosing to mediate or to reply is not
                yield aCase.currentRound().pendingClosure().orElse(null);
            }
            case HOLD_MEDIATION_SESSION -> {
                MediationSession session = mediation.recordSession(aCase, (MediationSessionForm) form, act);
                variables.put("mediationOutcome", session.outcome().name());
                MediationAgreement agreement = session.agreement();
                if (agreement != null && agreement.confirmationDueOn() != null) {
                    em.flush(); // the agreement's id names its process
                    workflow.startJudicialConfirmation(child(aCase, "/J" + agreement.id()),
                            Days.startOf(agreement.reminderOn()), Days.endOf(agreement.confirmationDueOn()));
                }
                yield session;
            }
            case REMIND_JUDICIAL_CONFIRMATION -> {
                JudicialConfirmationForm confirmation = (JudicialConfirmationForm) form;
                mediation.confirmation(aCase, idIn(item, 'J'), confirmation.confirmationStatus(), act);
                yield confirmation.note() == null ? null
                        : note(aCase.contactId(), aCase.id(), task, new NoteForm(confirmation.note()), act);
            }
            case ANSWER_REVIEW -> reviews.answer(aCase, idIn(item, 'V'), (ReviewAnswerForm) form, act);
            case WRITE_REPLY -> handling.recordWrittenReply(aCase, (WrittenReplyForm) form, act);
            case APPROVE_CLOSURE -> {
                ClosureDecisionForm decision = (ClosureDecisionForm) form;
                // the receipt names the request decided (the follow-up it schedules has its own record)
                var closure = aCase.currentRound().pendingClosure().orElse(null);
                if (decision.approved()) {
                    settleReferralsForClosure(aCase, act);
                }
                HandlingService.ClosureDecided decided = handling.decideClosure(aCase, decision, FollowUpPolicy.days(),
                        act);
                variables.put("closureApproved", decided.approved());
                variables.put("needsFollowUp", decided.followUp() != null);
                if (decided.followUp() != null) {
                    variables.put("followUpDue", Date.from(Days.startOf(decided.followUp().dueOn())));
                    variables.put("followUpVisitDue", Date.from(Days.endOf(decided.followUp().dueOn())));
                }
                yield closure;
            }
            case APPROVE_EXTENSION -> {
                var asked = aCase.currentRound().pendingExtension().orElse(null);
                extendedTo = handling.decideExtension(aCase, (ExtensionDecisionForm) form, act).orElse(null);
                variables.put("extensionApproved", extendedTo != null);
                yield asked;
            }
            case FOLLOW_UP_VISIT -> {
                var visit = aCase.dueFollowUp().orElse(null);
                variables.put("problemBack", handling.recordFollowUp(aCase, (FollowUpForm) form, act).isPresent());
                yield visit;
            }
            case AWAIT_REFERRAL_ANSWER -> {
                ReferralAnswerForm answer = (ReferralAnswerForm) form;
                Referral referral = referrals.answer(referralOf(item), aCase, answer, act);
                variables.put("referralAnswer", answer.answer().name());
                yield referral;
            }
            case RECORD_REFERRAL_OUTCOME -> referrals.recordOutcome(referralOf(item), aCase,
                    (ReferralOutcomeForm) form, act);
            default -> {
                if (!task.isNote()) {
                    throw new IllegalStateException(task + " has no completion");
                }
                yield note(aCase.contactId(), aCase.id(), task, (NoteForm) form, act);
            }
        };
        em.flush(); // gives the record its id
        em.persist(new TaskReceipt(aCase.id(), aCase.acceptedStation().id(), item.id(), task, act.recordedAt(),
                act.username(), done == null ? null : done.getClass().getSimpleName(), idOf(done)));
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(), "办理任务：" + Labels.of(task));
        try {
            em.flush(); // a second completion of the same task stops at the receipt's unique task id
        } catch (PersistenceException e) {
            throw new Conflict("the task was completed by someone else at the same moment");
        }
        workflow.complete(item.id(), variables);
        if (extendedTo != null) {
            workflow.deadlineMoved(aCase.number(), extendedTo);
        }
    }

    /**
     * A case closes with every referral answered: one still waiting for its answer stops the approval; one the
     * agency accepted whose outcome was not recorded is revoked with the case, recorded.
     */
    private void settleReferralsForClosure(Case aCase, Act act) {
        List<Referral> open = referrals.ofCase(aCase.id()).stream().filter(Referral::isOpen).toList();
        List<String> waiting = open.stream().filter(r -> r.status() == ReferralStatus.REQUESTED)
                .map(r -> "R" + r.number() + " " + r.agency().name()).toList();
        if (!waiting.isEmpty()) {
            throw new Conflict("referrals still wait for an answer: " + String.join("，", waiting)
                    + "; record the answer or revoke them first");
        }
        for (Referral r : open) {
            referrals.revoke(r, aCase, "结案时撤销：机构已接收，办理结果未记录", act);
        }
    }

    /** What a piece of the case's work that runs on its own starts with. */
    private static ChildStart child(Case aCase, String suffix) {
        var station = aCase.station();
        return new ChildStart(aCase.number() + suffix, aCase.number(), station.code(),
                (station.parent() == null ? station : station.parent()).code(), aCase.mediator());
    }

    /** The id a child process's business key carries after its letter: {@code …/P51} → 51. */
    private static long idIn(WorkItem item, char letter) {
        String key = item.businessKey() == null ? "" : item.businessKey();
        int at = key.lastIndexOf("/" + letter);
        try {
            return Long.parseLong(key.substring(at + 2));
        } catch (RuntimeException e) {
            throw new NotFound("task " + item.id());
        }
    }

    /** The review's own task is decided through the review service, with the same checks as its endpoint. */
    private void completeReviewTask(WorkItem item, CaseTask task, Record form, Act act) {
        if (task == CaseTask.REVIEW_CONTACT) {
            decisions.decide(item.contactId(), (ReviewDecisionForm) form);
            return;
        }
        note(item.contactId(), null, task, (NoteForm) form, act);
        workflow.complete(item.id(), Map.of());
    }

    private TaskNote note(long contactId, Long caseId, CaseTask task, NoteForm form, Act act) {
        TaskNote note = new TaskNote(contactId, caseId, task, form.note(), act.at(), act.username());
        em.persist(note);
        timeline.append(act, contactId, caseId, EventType.TASK_COMPLETED, Labels.of(task) + "：" + form.note());
        return note;
    }

    private Referral referralOf(WorkItem item) {
        return referrals.byKey(item.referralKey()).orElseThrow(() -> new NotFound("referral of task " + item.id()));
    }

    /** The id of the record a task produced, for its receipt. */
    private static Long idOf(Object record) {
        if (record == null) {
            return null;
        }
        if (record instanceof MediationSession s) {
            return s.id();
        }
        if (record instanceof Referral r) {
            return r.id();
        }
        if (record instanceof RiskAssessment a) {
            return a.id();
        }
        if (record instanceof ProtectionOrder o) {
            return o.id();
        }
        if (record instanceof TaskNote n) {
            return n.id();
        }
        if (record instanceof org.weiquan.protection.SafetyPlan p) {
            return p.id();
        }
        if (record instanceof org.weiquan.protection.MandatoryReport m) {
            return m.id();
        }
        if (record instanceof org.weiquan.casefile.WrittenReply w) {
            return w.id();
        }
        if (record instanceof org.weiquan.casefile.FollowUpVisit v) {
            return v.id();
        }
        if (record instanceof org.weiquan.casefile.ClosureRequest c) {
            return c.id();
        }
        if (record instanceof org.weiquan.casefile.ExtensionRequest e) {
            return e.id();
        }
        if (record instanceof org.weiquan.casefile.ReplyReview r) {
            return r.id();
        }
        throw new IllegalArgumentException("not a record of a case: " + record.getClass().getSimpleName());
    }
}
