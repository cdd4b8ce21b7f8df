package org.weiquan.casefile;

import org.weiquan.shared.StationTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.weiquan.security.Act;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Days;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.station.Station;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Reviews and re-reviews of a written reply (复查 / 复核, 信访工作条例 art. 35-36): asked for within 30 days of the
 * reply (or of the review's answer), answered by the level above the station that answered within 30 days.
 * Who may record them is the caller's to check.
 */
@ApplicationScoped
@Transactional
public class ReplyReviews {

    @PersistenceContext
    EntityManager em;

    @Inject
    CaseFiles cases;

    @Inject
    Timeline timeline;

    /** The person asked: the reviewing level is the station above the one that answered (or above the review's). */
    public ReplyReview request(Case aCase, ReviewRequestForm form, Act act) {
        List<WrittenReply> replies = cases.repliesOf(aCase);
        if (replies.isEmpty()) {
            throw new Conflict("the case has no written reply to review");
        }
        WrittenReply reply = replies.get(replies.size() - 1);
        List<ReplyReview> earlier = of(aCase).stream().filter(r -> r.reply().id().equals(reply.id())).toList();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        ReplyReview review = null;
        Station reviewing;
        if (form.kind() == ReviewKind.REVIEW) {
            if (!earlier.isEmpty()) {
                throw new Conflict("the written reply was already reviewed: ask for a re-review (复核)");
            }
            if (form.requestedOn().isBefore(reply.sentOn())) {
                errors.add("requestedOn", "lies before the written reply was sent");
            } else if (form.requestedOn().isAfter(ReplyReview.lastDayToAsk(reply.sentOn()))) {
                errors.add("requestedOn", "lies more than 30 days after the written reply (信访工作条例 art. 35)");
            }
            reviewing = above(aCase.station());
        } else {
            review = earlier.stream().filter(r -> r.kind() == ReviewKind.REVIEW).findFirst()
                    .orElseThrow(() -> new Conflict("a re-review (复核) follows a review (复查)"));
            if (!review.isAnswered()) {
                throw new Conflict("the review has not been answered yet");
            }
            if (earlier.stream().anyMatch(r -> r.kind() == ReviewKind.RE_REVIEW)) {
                throw new Conflict("the reply was already re-reviewed");
            }
            if (form.requestedOn().isBefore(review.answeredOn())) {
                errors.add("requestedOn", "lies before the review was answered");
            } else if (form.requestedOn().isAfter(ReplyReview.lastDayToAsk(review.answeredOn()))) {
                errors.add("requestedOn", "lies more than 30 days after the review's answer (信访工作条例 art. 36)");
            }
            reviewing = above(review.reviewingStation());
        }
        errors.throwIfAny();
        ReplyReview request = new ReplyReview(aCase, form.kind(), reply, review, reviewing, form.requestedOn(),
                form.reason(), act.recordedAt(), act.username());
        em.persist(request);
        em.flush(); // the unique (reply, kind) stops a second request here
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.REVIEW_REQUESTED,
                (form.kind() == ReviewKind.REVIEW ? "申请复查" : "申请复核") + "，由" + reviewing.name() + "于 "
                        + StationTime.text(Days.lastDay(request.answerDueAt())) + " 前答复：" + form.reason());
        return request;
    }

    /** 复查/复核答复. */
    public ReplyReview answer(Case aCase, long reviewId, ReviewAnswerForm form, Act act) {
        ReplyReview review = em.find(ReplyReview.class, reviewId);
        if (review == null || !review.aCase().id().equals(aCase.id())) {
            throw new NotFound("review " + reviewId);
        }
        LocalDate on = form.answeredOn() == null ? Days.dateOf(act.at()) : form.answeredOn();
        if (on.isBefore(review.requestedOn())) {
            throw InvalidInput.of("answeredOn", "lies before the request");
        }
        review.answer(on, form.upheld(), form.reviewAnswer(), act.username());
        timeline.append(act, aCase.contactId(), aCase.id(), EventType.REVIEW_ANSWERED,
                (review.kind() == ReviewKind.REVIEW ? "复查" : "复核") + "答复：" + (form.upheld() ? "维持原答复" : "变更原答复")
                        + "，" + form.reviewAnswer());
        return review;
    }

    public List<ReplyReview> of(Case aCase) {
        return em.createQuery("SELECT r FROM ReplyReview r WHERE r.aCase = :c", ReplyReview.class)
                .setParameter("c", aCase).getResultList().stream()
                .sorted(Comparator.comparing(ReplyReview::requestedOn).thenComparing(ReplyReview::id)).toList();
    }

    private static Station above(Station station) {
        return station.parent() == null ? station : station.parent();
    }
}
