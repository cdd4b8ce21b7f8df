package org.weiquan.casework;

import org.weiquan.casefile.AssignMediatorForm;
import org.weiquan.casefile.ClosureDecisionForm;
import org.weiquan.casefile.ExtensionDecisionForm;
import org.weiquan.casefile.FollowUpForm;
import org.weiquan.casefile.HandlingStepForm;
import org.weiquan.casefile.ReviewAnswerForm;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.casefile.WrittenReplyForm;
import org.weiquan.mediation.JudicialConfirmationForm;
import org.weiquan.mediation.MediationSessionForm;
import org.weiquan.protection.MandatoryReportForm;
import org.weiquan.protection.ProtectionOrderApplicationForm;
import org.weiquan.protection.ProtectionOrderRulingForm;
import org.weiquan.protection.RiskAssessmentForm;
import org.weiquan.protection.SafetyPlanForm;
import org.weiquan.referral.ReferralAnswerForm;
import org.weiquan.referral.ReferralOutcomeForm;
import org.weiquan.referral.UrgentReferralForm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every user task of the models in {@code bpmn/}: the one place in Java that names their BPMN ids, each with
 * the form it is completed with. The model's form key is {@code weiquan:<name in lower case>}; the task's label is
 * {@code CaseTask.<NAME>} in the labels bundle. A test holds this list and the models to each other, both ways.
 */
public enum CaseTask {

    // ContactReview.bpmn
    REVIEW_CONTACT("Task_ReviewContact", ReviewDecisionForm.class),

    // Escalation.bpmn: every deadline that passes
    CHASE_OVERDUE("Task_ChaseOverdue", NoteForm.class),
    ESCALATE_OVERDUE("Task_EscalateOverdue", NoteForm.class),

    // MandatoryReport.bpmn
    RECORD_MANDATORY_REPORT("Task_RecordMandatoryReport", MandatoryReportForm.class),

    // DangerAssessment.bpmn
    ASSESS_RISK("Task_AssessRisk", RiskAssessmentForm.class),
    MAKE_SAFETY_PLAN("Task_MakeSafetyPlan", SafetyPlanForm.class),
    REFER_TO_POLICE_OR_SHELTER("Task_ReferToPoliceOrShelter", UrgentReferralForm.class),
    OFFER_PROTECTION_ORDER("Task_OfferProtectionOrder", ProtectionOrderApplicationForm.class),

    // ProtectionOrder.bpmn
    RECORD_PROTECTION_ORDER_RULING("Task_RecordProtectionOrderRuling", ProtectionOrderRulingForm.class),
    REMIND_PROTECTION_ORDER_RENEWAL("Task_RemindProtectionOrderRenewal", NoteForm.class),

    // CaseHandling.bpmn
    ASSIGN_MEDIATOR("Task_AssignMediator", AssignMediatorForm.class),
    HANDLE_CASE("Task_HandleCase", HandlingStepForm.class),
    HOLD_MEDIATION_SESSION("Task_HoldMediationSession", MediationSessionForm.class),
    WRITE_REPLY("Task_WriteReply", WrittenReplyForm.class),
    APPROVE_CLOSURE("Task_ApproveClosure", ClosureDecisionForm.class),
    APPROVE_EXTENSION("Task_ApproveExtension", ExtensionDecisionForm.class),
    HANDLING_DEADLINE_WARNING("Task_HandlingDeadlineWarning", NoteForm.class),
    FOLLOW_UP_VISIT("Task_FollowUpVisit", FollowUpForm.class),

    // JudicialConfirmation.bpmn
    REMIND_JUDICIAL_CONFIRMATION("Task_RemindJudicialConfirmation", JudicialConfirmationForm.class),

    // Review.bpmn
    ANSWER_REVIEW("Task_AnswerReview", ReviewAnswerForm.class),

    // Referral.bpmn
    AWAIT_REFERRAL_ANSWER("Task_AwaitReferralAnswer", ReferralAnswerForm.class),
    RECORD_REFERRAL_OUTCOME("Task_RecordReferralOutcome", ReferralOutcomeForm.class);

    /**
     * Tasks of earlier versions of the models, which instances started before an upgrade may still wait at: each
     * is done as the task that replaced it.
     */
    static final Map<String, CaseTask> RETIRED = Map.of(
            "Task_ChaseOverdueReview", CHASE_OVERDUE,
            "Task_ChaseMandatoryReport", CHASE_OVERDUE,
            "Task_ChaseUrgentAction", CHASE_OVERDUE,
            "Task_ChaseOverdueCase", CHASE_OVERDUE,
            "Task_ChaseProtectionOrderRuling", CHASE_OVERDUE,
            "Task_ChaseReferral", CHASE_OVERDUE);

    private final String id;
    private final Class<? extends Record> form;

    CaseTask(String id, Class<? extends Record> form) {
        this.id = id;
        this.form = form;
    }

    /** The task's id in its BPMN model. */
    public String id() {
        return id;
    }

    /** The record its form binds to. */
    public Class<? extends Record> form() {
        return form;
    }

    /** The form key the model gives the task: {@code weiquan:} and the task's name in lower case with hyphens. */
    public String formKey() {
        return "weiquan:" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The page fragment with the form's fields ({@code WEB-INF/forms/<name>.xhtml}); chases share the note form. */
    public String formName() {
        return isNote() ? "note" : name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The task that carries a BPMN id (or carried it in an earlier version of the models), if it is one of ours. */
    public static Optional<CaseTask> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .or(() -> Optional.ofNullable(RETIRED.get(id)));
    }

    /** A chase, reminder or warning: done by writing what was done about it. */
    public boolean isNote() {
        return form == NoteForm.class;
    }

    /** A deadline passed: its station's supervisor chases it, then the level above. */
    public boolean isChase() {
        return this == CHASE_OVERDUE || this == ESCALATE_OVERDUE;
    }

    /** An approval a supervisor gives (acceptance, extension, closure). */
    public boolean isApproval() {
        return this == REVIEW_CONTACT || this == APPROVE_EXTENSION || this == APPROVE_CLOSURE;
    }
}
