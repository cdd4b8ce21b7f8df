package org.weiquan.casefile;

import org.weiquan.shared.StationTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.weiquan.security.Act;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.Users;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Labels;
import org.weiquan.station.Station;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The handling of a case (办理): mediator, next steps, extensions, closure and its approval, written
 * replies, follow-up visits, reopening, withdrawal and transfer — each as a change of the case's records
 * and an entry of its timeline. Staff actions and the ledger import call the same methods with an
 * {@link Act} saying who did it and when it happened; who may do it is checked by the caller.
 */
@ApplicationScoped
@Transactional
public class HandlingService {

    @Inject
    CaseFiles cases;

    @Inject
    Users users;

    @Inject
    Timeline timeline;

    /** 指派调解员: an active mediator of the case's station or of a station above it. */
    public void assignMediator(Case aCase, AssignMediatorForm form, Act act) {
        User mediator = users.byUsername(form.mediator()).filter(u -> mayMediate(u, aCase.station()))
                .orElseThrow(() -> InvalidInput.of("mediator",
                        "is not an active mediator of this station or a station above it"));
        aCase.assignMediator(mediator.username());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.MEDIATOR_ASSIGNED,
                "指派调解员：" + mediator.displayName());
    }

    /**
     * 轮派: the station's active mediator with the fewest open cases (then by name) takes the case; empty when
     * the station has none.
     */
    public Optional<String> assignInTurn(Case aCase, Act act) {
        Optional<User> chosen = users.inSubtree(aCase.station().path()).stream()
                .filter(u -> u.enabled() && u.roles().contains(Role.MEDIATOR) && u.station().id().equals(aCase.station().id()))
                .min(Comparator.comparingLong((User u) -> cases.openCasesOf(u.username())).thenComparing(User::username));
        chosen.ifPresent(u -> {
            aCase.assignMediator(u.username());
            timeline.append(act, aCase.contactId(), aCase.id(), EventType.MEDIATOR_ASSIGNED,
                    "轮派调解员：" + u.displayName());
        });
        return chosen.map(User::username);
    }

    private static boolean mayMediate(User u, Station station) {
        return u.enabled() && u.roles().contains(Role.MEDIATOR) && station.path().startsWith(u.station().path());
    }

    /**
     * 案件办理: the mediator's next step. A closure request names its reason and brings the evidence that
     * reason needs; it waits for the supervisor.
     */
    public void chooseStep(Case aCase, HandlingStepForm form, ClosureEvidence evidence, Act act) {
        if (form.step() != HandlingStep.REQUEST_CLOSURE) {
            timeline.append(act, aCase.contactId(), aCase.id(), EventType.TASK_COMPLETED,
                    "下一步：" + Labels.of(form.step()));
            return;
        }
        requestClosure(aCase, form.closureReason(), form.closureNote(), form.attempts(), evidence, act);
    }

    /** 申请结案, checked against the case's records. */
    public ClosureRequest requestClosure(Case aCase, ClosureReason reason, String note, List<ContactAttempt> attempts,
                                         ClosureEvidence evidence, Act act) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (reason == null) {
            errors.add("closureReason", "is required when closing");
        } else if (reason == ClosureReason.WITHDRAWN) {
            errors.add("closureReason", "a withdrawal is recorded as such (撤回), not as a closure request");
        }
        ClosureRequest.checkEvidence(reason, note, attempts, evidence, errors);
        errors.throwIfAny();
        ClosureRequest request = aCase.requestClosure(reason, note, attempts, act.at(), act.username(), act.recordedAt());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.CLOSURE_REQUESTED,
                "申请结案：" + Labels.of(reason) + (note == null ? "" : "（" + note + "）"));
        return request;
    }

    /** 结案审批: approve (the closure date of the indicators) or send back with a comment. */
    public ClosureDecided decideClosure(Case aCase, ClosureDecisionForm form, int followUpDays, Act act) {
        if (!form.approved() && (form.comment() == null || form.comment().isBlank())) {
            throw InvalidInput.of("comment", "is required when the closure is sent back: say what is missing");
        }
        if (!form.approved()) {
            aCase.sendClosureBack(act.at(), act.username(), form.comment());
            timeline.append(act, aCase.contactId(), aCase.id(), EventType.CLOSURE_SENT_BACK,
                    "结案申请退回：" + form.comment());
            return new ClosureDecided(false, null);
        }
        Optional<FollowUpVisit> visit = aCase.approveClosure(act.at(), act.username(), form.comment(), followUpDays);
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.CLOSURE_APPROVED,
                "结案审批通过：" + Labels.of(aCase.closureReason())
                        + visit.map(v -> "，" + StationTime.text(v.dueOn()) + " 回访").orElse(""));
        return new ClosureDecided(true, visit.orElse(null));
    }

    /** What the closure decision led to: approved or not, and the follow-up visit now due, if any. */
    public record ClosureDecided(boolean approved, FollowUpVisit followUp) {
    }

    /** Asks for the current round's one extension (≤ 30 days, with the reason the person is told). */
    public ExtensionRequest requestExtension(Case aCase, Integer days, String reason, Act act) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (days == null || days < 1 || days > ExtensionRequest.MAX_DAYS) {
            errors.add("days", "must be between 1 and 30 (信访工作条例 art. 34)");
        }
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "is required: the person is told why");
        } else if (reason.length() > 1000) {
            errors.add("reason", "is longer than 1000 characters");
        }
        errors.throwIfAny();
        ExtensionRequest request = aCase.requestExtension(days, reason.strip(), act.at(), act.username(), act.recordedAt());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.EXTENSION_REQUESTED,
                "申请延期 " + days + " 天：" + reason.strip() + (request.late() ? "（期限已过）" : ""));
        return request;
    }

    /** 延期审批: approve (the round's deadline moves) or refuse with a comment; returns the new deadline. */
    public Optional<Instant> decideExtension(Case aCase, ExtensionDecisionForm form, Act act) {
        ExtensionRequest request = aCase.currentRound().pendingExtension()
                .orElseThrow(() -> new org.weiquan.shared.Conflict("no extension request of this case waits for a decision"));
        if (!form.approved()) {
            if (form.comment() == null || form.comment().isBlank()) {
                throw InvalidInput.of("comment", "is required when the extension is refused");
            }
            aCase.refuseExtension(request, act.at(), act.username(), form.comment());
            timeline.append(act, aCase.contactId(), aCase.id(), EventType.EXTENSION_REFUSED,
                    "延期申请未批准：" + form.comment());
            return Optional.empty();
        }
        Instant due = aCase.approveExtension(request, act.at(), act.username(), form.comment(),
                Boolean.TRUE.equals(form.grantLate()));
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.EXTENSION_APPROVED,
                "延期 " + request.days() + " 天已批准，办理期限至 " + StationTime.text(Days.lastDay(due)));
        return Optional.of(due);
    }

    /** The person was told of the extension and why (信访工作条例 art. 34). */
    public void extensionTold(Case aCase, LocalDate on, ToldBy how, Act act) {
        ExtensionRequest approved = aCase.currentRound().approvedExtension()
                .orElseThrow(() -> new org.weiquan.shared.Conflict("the current round has no approved extension"));
        approved.personTold(on, how);
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.EXTENSION_APPROVED,
                "已告知当事人延期及理由（" + Labels.of(how) + "，" + StationTime.text(on) + "）");
    }

    /** 书面答复 sent. */
    public WrittenReply recordWrittenReply(Case aCase, WrittenReplyForm form, Act act) {
        WrittenReply reply = new WrittenReply(aCase, form.sentOn(), form.means(), form.summary(), act.recordedAt(),
                act.username());
        cases.add(reply);
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.WRITTEN_REPLY_SENT,
                "书面答复已发出（" + Labels.of(form.means()) + "，" + StationTime.text(form.sentOn()) + "）");
        return reply;
    }

    /** 回访: recorded on the visit that is due; when the problem is back a new round starts (returned). */
    public Optional<HandlingRound> recordFollowUp(Case aCase, FollowUpForm form, Act act) {
        FollowUpVisit visit = aCase.dueFollowUp()
                .orElseThrow(() -> new org.weiquan.shared.Conflict("no follow-up visit of this case is due"));
        if (form.result() == FollowUpResult.UNREACHABLE && form.problemBack()) {
            throw InvalidInput.of("problemBack", "an unreachable person cannot report the problem back");
        }
        Instant at = form.visitedAt() == null ? act.at() : form.visitedAt().toInstant();
        Act visited = act.happenedAt(at);
        Optional<HandlingRound> round = aCase.recordFollowUp(visit, at, form.result(), form.agreementPerformed(),
                form.problemBack(), form.note(), act.username(), act.recordedAt());
        timeline.append(visited, aCase.contactId(), aCase.id(), EventType.FOLLOW_UP_VISITED,
                "回访：" + Labels.of(form.result())
                        + (form.agreementPerformed() == null ? "" : "，协议" + Labels.of(form.agreementPerformed())));
        round.ifPresent(r -> timeline.append(visited, aCase.contactId(), aCase.id(), EventType.REOPENED,
                "回访发现问题反复，重新办理（第 " + r.number() + " 轮，期限至 " + StationTime.text(Days.lastDay(r.dueAt())) + "）"));
        return round;
    }

    /** 重新办理 after a failed closure audit: a new round with its own 60 days. */
    public HandlingRound reopen(Case aCase, RoundStart reason, String note, Act act) {
        HandlingRound round = aCase.reopen(act.at(), reason, note, act.username(), act.recordedAt());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.REOPENED,
                Labels.of(reason) + (note == null ? "" : "：" + note) + "（第 " + round.number() + " 轮，期限至 "
                        + StationTime.text(Days.lastDay(round.dueAt())) + "）");
        return round;
    }

    /** 撤回: the case ends at once, whatever it waited for. */
    public void withdraw(Case aCase, String reason, Act act) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required: how the person withdrew");
        }
        aCase.withdraw(act.at(), act.username());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.WITHDRAWN, "当事人撤回：" + reason.strip());
    }

    /** 移送: the case moves to another station; the caller moves its open work. */
    public void transfer(Case aCase, Station to, String reason, Act act) {
        Station from = aCase.station();
        if (to.id().equals(from.id())) {
            throw InvalidInput.of("toStationCode", "is the case's own station: a transfer goes elsewhere");
        }
        aCase.transferTo(to);
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.TRANSFERRED_TO_STATION,
                "案件移送：" + from.name() + " → " + to.name() + (reason == null || reason.isBlank() ? "" : "：" + reason.strip()));
    }
}
