package org.weiquan.casefile;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.intake.Contact;
import org.weiquan.intake.ContactReview;
import org.weiquan.intake.Contacts;
import org.weiquan.intake.ReviewDecision;
import org.weiquan.security.AccessAction;
import org.weiquan.security.AccessLog;
import org.weiquan.security.Actor;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.shared.StationTime;
import org.weiquan.station.Station;
import org.weiquan.station.Stations;
import org.weiquan.timeline.EventType;
import org.weiquan.timeline.Timeline;
import org.weiquan.workflow.CaseWorkflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The supervisor's acceptance decision (受理审查): consultation answered, not accepted, transferred
 * (to another station, which reviews afresh, or to an outside body), or accepted — which opens the
 * case with its number. The decision, the case, the process step and the timeline entry are one
 * transaction; a second decision on the same contact is a conflict.
 */
@Stateless
public class ReviewService {

    static final int REASON_MAX = 1000;
    static final int REFERRED_TO_MAX = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    Contacts contacts;

    @Inject
    Stations stations;

    @Inject
    ContactReview review;

    @Inject
    CaseNumbering numbering;

    @Inject
    Timeline timeline;

    @Inject
    CurrentActor currentActor;

    @Inject
    Clock clock;

    @Inject
    CaseWorkflow workflow;

    @EJB
    AccessLog accessLog;

    @Inject
    CaseFiles cases;

    /** The contact's state after the decision, with the case number when it was accepted. */
    public record Outcome(long contactId, String status, String stationCode, String caseNumber) {
    }

    public Outcome decide(long contactId, ReviewDecisionForm input) {
        Actor actor = currentActor.get();
        // an acceptance asks for the contact's categories (is it a case of domestic violence?), the others do not
        Optional<Contact> read = input.decision() == ReviewDecision.ACCEPTED ? contacts.forAcceptance(contactId)
                : contacts.byIdWithStation(contactId);
        Contact contact = read.filter(c -> actor.sees(c.station().path()))
                .orElseThrow(() -> new NotFound("contact " + contactId));
        actor.require(Role.SUPERVISOR);
        Outcome outcome = apply(contact, input, clock.instant(), actor.username(), actor.stationCode(),
                actor.clientAddress(), new InvalidInput.Collector());
        accessLog.record(actor, AccessAction.CHANGE, contact.id(), outcome.caseNumber(),
                "受理审查：" + org.weiquan.shared.Labels.of(input.decision()));
        return outcome;
    }

    /**
     * Records a decision taken in the past, by the user named: for decisions brought in from elsewhere (a
     * station's paper ledger, the demo data). Checked as {@link #decide}, with the same errors; an
     * acceptance takes the station's next number in the year of {@code at}, and the timeline shows the
     * decision at {@code at}. A contact under review has its review completed as usual; a contact imported
     * without a review ({@code IntakeService.importContact}) is decided without one, and when it is
     * transferred to another station its review starts there. Authorisation is the caller's: this method
     * trusts {@code by} and sees the whole tree.
     */
    public Outcome decideAt(long contactId, ReviewDecisionForm input, Instant at, String by) {
        Contact contact = contacts.byId(contactId).orElseThrow(() -> new NotFound("contact " + contactId));
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String user = text(errors, "decidedBy", by, 64);
        if (by == null || by.isBlank()) {
            errors.add("decidedBy", "is required");
        }
        if (at == null) {
            errors.add("decidedAt", "is required");
        } else if (at.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
            errors.add("decidedAt", "lies in the future");
        } else if (at.isBefore(contact.registeredAt())) {
            errors.add("decidedAt", "lies before the contact was registered");
        }
        return apply(contact, input, at, user, contact.station().code(), null, errors);
    }

    /** Checks the decision (adding to {@code errors}), then applies it: contact, case, process step, timeline. */
    private Outcome apply(Contact contact, ReviewDecisionForm input, Instant at, String user, String actorStation,
                          String clientAddress, InvalidInput.Collector errors) {
        ReviewDecision decision = input.decision();
        if (decision == null) {
            errors.add("decision", "is required");
        }
        String reason = text(errors, "reason", input.reason(), REASON_MAX);
        String referredTo = text(errors, "referredTo", input.referredTo(), REFERRED_TO_MAX);
        Station toStation = null;
        if (decision == ReviewDecision.NOT_ACCEPTED) {
            if (reason == null) {
                errors.add("reason", "is required: why the contact is not accepted");
            }
            if (referredTo == null) {
                errors.add("referredTo", "is required: where the person was told to go");
            }
        } else if (decision == ReviewDecision.TRANSFERRED) {
            if (input.toStationCode() != null && !input.toStationCode().isBlank()) {
                toStation = stations.byCode(input.toStationCode().strip()).orElse(null);
                if (toStation == null) {
                    errors.add("toStationCode", "no station has this code");
                } else if (toStation.isClosed()) {
                    errors.add("toStationCode", "the station is closed");
                } else if (toStation.id().equals(contact.station().id())) {
                    errors.add("toStationCode", "is the contact's own station: a transfer goes elsewhere");
                }
            } else if (referredTo == null) {
                errors.add("toStationCode", "a transfer needs a station (toStationCode) or an outside body (referredTo)");
            }
        }
        errors.throwIfAny();

        boolean underReview = workflow.underReview(contact.id());
        String station = contact.station().code();
        String by = actorStation;
        String caseNumber = null;
        switch (decision) {
            case CONSULTATION_ANSWERED -> {
                contact.answerAsConsultation(reason, at, user);
                endReview(contact, underReview, decision.name());
                timeline.appendAt(at, user, by, clientAddress, contact.id(), null,
                        EventType.ANSWERED_AS_CONSULTATION, "咨询已解答");
            }
            case NOT_ACCEPTED -> {
                contact.notAccept(reason, referredTo, at, user);
                endReview(contact, underReview, decision.name());
                timeline.appendAt(at, user, by, clientAddress, contact.id(), null, EventType.NOT_ACCEPTED,
                        "不予受理，已告知去向：" + referredTo);
            }
            case TRANSFERRED -> {
                if (toStation != null) {
                    contact.transferTo(toStation, reason, at, user);
                    if (underReview) {
                        review.decided(contact, ContactReview.TRANSFERRED_TO_STATION);
                    } else {
                        review.start(contact); // the new station reviews it, 15 days from the transfer
                    }
                    timeline.appendAt(at, user, by, clientAddress, contact.id(), null,
                            EventType.TRANSFERRED_TO_STATION, "转送" + toStation.name() + "审查");
                } else {
                    contact.transferOut(referredTo, reason, at, user);
                    endReview(contact, underReview, decision.name());
                    timeline.appendAt(at, user, by, clientAddress, contact.id(), null, EventType.TRANSFERRED_OUT,
                            "转送外单位：" + referredTo);
                }
            }
            case ACCEPTED -> {
                int year = at.atZone(StationTime.ZONE).getYear();
                CaseNumber number = numbering.next(contact.station(), year);
                Case aCase = Case.open(number, contact, at, user, clock.instant());
                cases.add(aCase);
                contact.accept(number.value(), at, user);
                endReview(contact, underReview, decision.name());
                em.flush();
                workflow.startHandling(HandlingStarts.of(aCase)); // the case and its process: one transaction
                caseNumber = aCase.number();
                timeline.appendAt(at, user, by, clientAddress, contact.id(), aCase.id(), EventType.ACCEPTED,
                        "受理，案件编号 " + caseNumber);
            }
        }
        em.flush(); // a concurrent decision on the same contact fails here, as a conflict
        return new Outcome(contact.id(), contact.status().name(), contact.station().code(), caseNumber);
    }

    /** Completes the review with the decision, when the contact has one running. */
    private void endReview(Contact contact, boolean underReview, String decision) {
        if (underReview) {
            review.decided(contact, decision);
        }
    }

    private static String text(InvalidInput.Collector errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > max) {
            errors.add(field, "is longer than " + max + " characters");
            return null;
        }
        return value.strip();
    }
}
