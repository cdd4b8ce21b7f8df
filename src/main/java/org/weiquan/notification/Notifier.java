package org.weiquan.notification;

import org.weiquan.casework.CaseTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.referral.ReferralAnswered;
import org.weiquan.security.Role;
import org.weiquan.shared.StationTime;
import org.weiquan.workflow.WorkAnnounced;
import org.weiquan.workflow.WorkItem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an announced task into notifications, in the announcing transaction: the task's assignee, or else the
 * users who hold the role of its candidate group at that station, each once per event (the key names the task
 * and to whom it went, so the same hand-over told twice is one notification). The one who acted is not told.
 * Writes the in-app row and, for the channels that are on, the outbox rows the dispatcher sends after the commit.
 */
@ApplicationScoped
public class Notifier {

    @PersistenceContext
    EntityManager em;

    @Inject
    Delivery delivery;

    @Inject
    Clock clock;

    void onWork(@Observes WorkAnnounced announced) {
        WorkItem work = announced.work();
        Instant now = clock.instant();
        Set<String> recipients = new LinkedHashSet<>();
        Notification.Kind kind;
        String eventKey;
        boolean notYetTold; // the recipients were read leaving out those told already
        if (work.assignee() != null) {
            kind = Notification.Kind.ASSIGNED;
            eventKey = "task:" + work.id() + ":to:" + work.assignee();
            recipients.add(work.assignee());
            // a task made just now has an id no notification can name yet: asking would be a statement for nothing
            notYetTold = announced.created();
        } else {
            kind = Notification.Kind.OFFERED;
            eventKey = "task:" + work.id() + ":offered";
            for (String group : work.candidateGroups()) {
                recipients.addAll(holdersNotYetTold(group, eventKey));
            }
            notYetTold = true;
        }
        if (announced.actor() != null) {
            recipients.remove(announced.actor());
        }
        if (record(recipients, notYetTold, eventKey, kind, isUrgent(work), work, now) > 0) {
            em.flush(); // in the database within the announcing transaction now, rolled back with it
        }
    }

    /** The case's mediator learns that an agency answered a referral someone else recorded. */
    void onReferralAnswered(@Observes ReferralAnswered answered) {
        if (answered.mediator() == null || answered.mediator().equals(answered.recordedBy())) {
            return;
        }
        WorkItem about = new WorkItem(null, null, "转介已答复(R" + answered.referralNumber() + ")", WorkItem.Model.REFERRAL,
                answered.caseNumber(), answered.caseNumber(), null, null, answered.mediator(), List.of(), null, null, null, null);
        if (record(answered.mediator(), "referral:" + answered.caseNumber() + "/" + answered.referralNumber() + ":answered",
                Notification.Kind.REFERRAL_ANSWERED, false, about, clock.instant())) {
            em.flush();
        }
    }

    /**
     * One notification for one recipient and event, with its outbox rows for the channels that are on and that she
     * wants; nothing when she was told of this event already. False when nothing was written.
     */
    boolean record(String recipient, String eventKey, Notification.Kind kind, boolean urgent, WorkItem work, Instant now) {
        return record(Set.of(recipient), false, eventKey, kind, urgent, work, now) > 0;
    }

    /** One notification of an event to one person, as {@link #recordEach} takes them. */
    record Event(String recipient, String eventKey, Notification.Kind kind, boolean urgent, WorkItem work) {
    }

    /**
     * Each event's notification, unless its recipient was told of it already; how many were written. Those already
     * told are read in one statement for all the events (the reminders' page of hundreds of tasks, most of which
     * were reminded an hour before), not one an event.
     */
    int recordEach(List<Event> events, Instant now) {
        if (events.isEmpty()) {
            return 0;
        }
        Set<List<String>> told = new java.util.HashSet<>();
        for (Object[] n : em.createQuery("SELECT n.recipient, n.eventKey FROM Notification n WHERE n.eventKey IN :k",
                Object[].class).setParameter("k", events.stream().map(Event::eventKey).distinct().toList())
                .getResultList()) {
            told.add(List.of((String) n[0], (String) n[1]));
        }
        int written = 0;
        for (Event e : events) {
            if (told.add(List.of(e.recipient(), e.eventKey()))) {
                written += record(Set.of(e.recipient()), true, e.eventKey(), e.kind(), e.urgent(), e.work(), now);
            }
        }
        return written;
    }

    /**
     * The same for several recipients, in a fixed number of statements whatever their number: those already told of
     * the event read in one (none when {@code notYetTold}: the caller read the recipients leaving those out), their
     * e-mail choices in one, and the new rows written together at the flush. Written one by one, each recipient's
     * check flushed the one before her: two statements a recipient, six for an intake at a station with three
     * supervisors.
     */
    private int record(Collection<String> recipients, boolean notYetTold, String eventKey, Notification.Kind kind,
                       boolean urgent, WorkItem work, Instant now) {
        if (recipients.isEmpty()) {
            return 0;
        }
        Set<String> told = notYetTold ? Set.of() : Set.copyOf(em.createQuery(
                        "SELECT n.recipient FROM Notification n WHERE n.eventKey = :k AND n.recipient IN :r", String.class)
                .setParameter("k", eventKey).setParameter("r", recipients).getResultList());
        List<String> fresh = recipients.stream().filter(r -> !told.contains(r)).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        DeliverySettings settings = delivery.settings();
        Map<String, NotificationPreference> choices = new HashMap<>();
        if (settings.emailOn()) {
            for (NotificationPreference p : em.createQuery(
                    "SELECT p FROM NotificationPreference p WHERE p.username IN :u", NotificationPreference.class)
                    .setParameter("u", fresh).getResultList()) {
                choices.put(p.username(), p);
            }
        }
        for (String recipient : fresh) {
            Notification n = new Notification(recipient, eventKey, kind, urgent, work.caseNumber(), work.id(),
                    work.name(), work.due(), now);
            em.persist(n);
            NotificationPreference choice = choices.get(recipient);
            if (choice != null && choice.wantsEmail()) {
                boolean atOnce = urgent && choice.emailMode() == EmailMode.URGENT_AND_DIGEST;
                em.persist(new OutboxMessage(n, Channel.EMAIL, atOnce ? now : nextDigest(now, settings.digestHour()), now));
            }
            if (settings.webhookOn() && urgent) {
                em.persist(new OutboxMessage(n, Channel.WEBHOOK, now, now));
            }
        }
        return fresh.size();
    }

    /** Urgent: a chase or an escalation of a passed deadline, or work on a case of HIGH danger. */
    static boolean isUrgent(WorkItem work) {
        boolean chase = work.taskKey() != null && CaseTask.byId(work.taskKey())
                .filter(t -> t == CaseTask.CHASE_OVERDUE || t == CaseTask.ESCALATE_OVERDUE).isPresent();
        return chase || "HIGH".equals(work.riskLevel());
    }

    /** The next digest: today at the hour (Beijing time) if that is still ahead, else tomorrow at the hour. */
    static Instant nextDigest(Instant now, int hour) {
        LocalDate today = LocalDate.ofInstant(now, StationTime.ZONE);
        Instant atHour = today.atTime(hour, 0).atZone(StationTime.ZONE).toInstant();
        return atHour.isAfter(now) ? atHour : today.plusDays(1).atTime(hour, 0).atZone(StationTime.ZONE).toInstant();
    }

    /**
     * The enabled users holding the group's role at the group's station ({@code station:<code>:<role>}) who have not
     * been told of the event yet: one statement.
     */
    private List<String> holdersNotYetTold(String group, String eventKey) {
        for (Role role : Role.values()) {
            Optional<String> station = role.stationOf(group);
            if (station.isPresent()) {
                return em.createNamedQuery(Notification.HOLDERS_NOT_YET_TOLD, String.class)
                        .setParameter("c", station.get()).setParameter("role", role).setParameter("k", eventKey)
                        .getResultList();
            }
        }
        return List.of();
    }
}
