package org.weiquan.casework;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.casefile.Case;
import org.weiquan.casefile.HandlingService;
import org.weiquan.casefile.ReplyReview;
import org.weiquan.casefile.ReplyReviews;
import org.weiquan.casefile.ReviewKind;
import org.weiquan.casefile.ReviewRequestForm;
import org.weiquan.casefile.ToldBy;
import org.weiquan.referral.Referral;
import org.weiquan.referral.ReferralForm;
import org.weiquan.referral.ReferralService;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Act;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.Forms;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.ChildStart;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

/**
 * What staff do to a case outside its tasks: ask for an extension, tell the person of it, refer to a partner
 * agency or revoke a referral, record a withdrawal, move the case to another station. Each checks the
 * actor's scope and role, records the step, and tells the engine, in one transaction.
 */
@Stateless
public class CaseActions {

    @Inject
    CurrentActor currentActor;

    @Inject
    CaseFileService files;

    @Inject
    HandlingService handling;

    @Inject
    ReferralService referrals;

    @Inject
    ReplyReviews reviews;

    @Inject
    CaseWorkflow workflow;

    @Inject
    Stations stations;

    @EJB
    AccessLog accessLog;

    @Inject
    Clock clock;

    /** The mediator or supervisor asks for the round's one extension (≤ 30 days, with the reason). */
    public CaseFileView requestExtension(String number, Integer days, String reason) {
        Actor actor = mediatorOrSupervisor("an extension is asked for by the mediator or the supervisor");
        Case aCase = files.inScope(number, actor);
        handling.requestExtension(aCase, days, reason, Act.now(actor, clock.instant()));
        workflow.extensionRequested(aCase.number(), days);
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(), "申请延期");
        return files.view(aCase);
    }

    /** The person was told of the approved extension and why (信访工作条例 art. 34). */
    public CaseFileView extensionTold(String number, LocalDate on, String how) {
        Actor actor = mediatorOrSupervisor("the mediator or the supervisor records that the person was told");
        Case aCase = files.inScope(number, actor);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (on == null) {
            errors.add("on", "is required");
        } else if (on.isAfter(LocalDate.now(clock.withZone(org.weiquan.shared.StationTime.ZONE)))) {
            errors.add("on", "lies in the future");
        }
        ToldBy means = how == null ? null : org.weiquan.shared.Fields.enumValue(errors, "means", how, ToldBy.class);
        if (how == null) {
            errors.add("means", "is required");
        }
        errors.throwIfAny();
        handling.extensionTold(aCase, on, means, Act.now(actor, clock.instant()));
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(), "记录已告知延期");
        return files.view(aCase);
    }

    /**
     * The person asked for a review (复查) of the written reply, or a re-review (复核) of the review's answer: the
     * reviewing level answers within 30 days.
     */
    public CaseFileView requestReview(String number, ReviewRequestForm form, Locale locale) {
        Actor actor = currentActor.get().requireCaseRole();
        Case aCase = files.inScope(number, actor);
        Forms.validate(form, locale);
        ReplyReview review = reviews.request(aCase, form, Act.now(actor, clock.instant()));
        Station reviewing = review.reviewingStation();
        workflow.startReplyReview(new ChildStart(review.key(), aCase.number(), reviewing.code(),
                (reviewing.parent() == null ? reviewing : reviewing.parent()).code(), null), review.kind().name(),
                review.answerDueAt());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(),
                review.kind() == ReviewKind.REVIEW ? "记录复查申请" : "记录复核申请");
        return files.view(aCase);
    }

    /** The person withdrew (撤回): the case ends at once; its running referrals are revoked, recorded. */
    public CaseFileView withdraw(String number, String reason) {
        Actor actor = currentActor.get().requireCaseRole();
        Case aCase = files.inScope(number, actor);
        Act act = Act.now(actor, clock.instant());
        handling.withdraw(aCase, reason, act);
        for (Referral referral : referrals.ofCase(aCase.id())) {
            if (referral.isOpen()) {
                referrals.revoke(referral, aCase, "当事人撤回，转介随之撤销", act);
            }
        }
        workflow.withdrawn(aCase.number());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(), "记录撤回");
        return files.view(aCase);
    }

    /** A supervisor moves the case to another station; its open work moves with it. */
    public CaseFileView transfer(String number, String toStationCode, String reason) {
        Actor actor = currentActor.get().require(Role.SUPERVISOR);
        Case aCase = files.inScope(number, actor);
        Station to = toStationCode == null ? null : stations.byCode(toStationCode.strip()).orElse(null);
        if (to == null) {
            throw InvalidInput.of("toStationCode", "no station has this code");
        }
        if (to.isClosed()) {
            throw InvalidInput.of("toStationCode", "the station is closed");
        }
        Station from = aCase.station();
        handling.transfer(aCase, to, reason, Act.now(actor, clock.instant()));
        workflow.transferred(aCase.number(), from.code(), to.code(), (to.parent() == null ? to : to.parent()).code());
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(), "移送至" + to.name());
        return actor.sees(to.path()) ? files.view(aCase) : null;
    }

    /** Refers the case to a partner agency with the person's consent; returns the referral's key. */
    public String refer(String number, ReferralForm form, Locale locale) {
        Actor actor = mediatorOrSupervisor("a referral is sent by the mediator or the supervisor");
        Case aCase = files.inScope(number, actor);
        Forms.validate(form, locale);
        Referral referral = referrals.refer(aCase, form.agencyCode(), form.consent(), false,
                Act.now(actor, clock.instant()));
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(),
                "转介 R" + referral.number() + "：" + referral.agency().name());
        return referral.key();
    }

    /** Revokes a referral that has not ended (REVOKED): the agency is told, its tasks end. */
    public void revokeReferral(String number, int referralNumber, String reason) {
        Actor actor = mediatorOrSupervisor("a referral is revoked by the mediator or the supervisor");
        Case aCase = files.inScope(number, actor);
        Referral referral = referrals.number(aCase, referralNumber);
        referrals.revoke(referral, aCase, reason, Act.now(actor, clock.instant()));
        accessLog.record(actor, AccessAction.CHANGE, aCase.contactId(), aCase.number(),
                "撤销转介 R" + referralNumber);
    }

    private Actor mediatorOrSupervisor(String why) {
        Actor actor = currentActor.get();
        if (!actor.has(Role.MEDIATOR) && !actor.has(Role.SUPERVISOR)) {
            throw new Forbidden(why);
        }
        return actor;
    }
}
