package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.calendar.WorkingDayCalendar;
import org.weiquan.workflow.CaseWorkflow;
import org.weiquan.workflow.ReviewStart;
import org.weiquan.workflow.WorkItem;

import java.util.List;

/**
 * The acceptance review of a contact as the engine runs it ({@code bpmn/ContactReview.bpmn}), through the
 * workflow port. What the process is given: the contact's id, station codes and due date — never what the
 * person said or who they are.
 */
@ApplicationScoped
public class ContactReview {

    /** The decision value that sends the review to another station. */
    public static final String TRANSFERRED_TO_STATION = "TRANSFERRED_TO_STATION";

    @Inject
    CaseWorkflow workflow;

    @Inject
    WorkingDayCalendar calendar;

    /**
     * Joins the caller's transaction: no contact without its review, no review without its contact.
     *
     * @return the review's open tasks
     */
    public List<WorkItem> start(Contact contact) {
        return workflow.startContactReview(startOf(contact));
    }

    /**
     * As {@link #start(Contact)}, for a contact whose station's code and escalation level the caller read already (its
     * station may be a reference not yet read).
     */
    List<WorkItem> start(Contact contact, RegistrationCheck.At at) {
        return workflow.startContactReview(startOf(contact, at));
    }

    /** The person has been told: an overdue review is then not chased. */
    public void acknowledged(Contact contact) {
        workflow.acknowledged(contact.id());
    }

    public boolean underReview(Contact contact) {
        return workflow.underReview(contact.id());
    }

    /** Completes the review with the decision; a transfer hands the review to the contact's new station. */
    public void decided(Contact contact, String decision) {
        workflow.reviewDecided(contact.id(), decision, TRANSFERRED_TO_STATION.equals(decision) ? startOf(contact) : null);
    }

    /** The receiving station objected in time: the review goes back to the station that transferred the contact. */
    public void objected(Contact contact) {
        workflow.transferObjected(contact.id(), startOf(contact));
    }

    public List<WorkItem> openTasks(Contact contact) {
        return workflow.tasksOfContact(contact.id());
    }

    private ReviewStart startOf(Contact contact) {
        return startOf(contact, RegistrationCheck.At.of(contact.station()));
    }

    private ReviewStart startOf(Contact contact, RegistrationCheck.At at) {
        return new ReviewStart(contact.id(), at.stationCode(), at.escalationCode(), contact.channel().name(),
                contact.reviewDue(), TransferObjection.closes(contact, calendar::workingDays));
    }
}
