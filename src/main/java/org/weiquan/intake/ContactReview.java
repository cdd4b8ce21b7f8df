package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.weiquan.station.Station;

import java.util.Date;

/**
 * Starts {@code bpmn/ContactReview.bpmn} for a contact. The variables are ids, station codes and the
 * due date: never what the person said or who they are.
 */
@ApplicationScoped
public class ContactReview {

    public static final String PROCESS = "ContactReview";
    public static final String TASK_REVIEW = "Task_ReviewContact";
    public static final String TASK_OVERDUE = "Task_ChaseOverdueReview";

    @Inject
    RuntimeService runtime;

    /** Joins the caller's transaction: no contact without its review, no review without its contact. */
    public void start(Contact contact) {
        Station station = contact.station();
        Station escalateTo = station.parent() == null ? station : station.parent();
        runtime.startProcessInstanceByKey(PROCESS, String.valueOf(contact.id()), Variables.createVariables()
                .putValue("contactId", contact.id())
                .putValue("stationCode", station.code())
                .putValue("escalationStationCode", escalateTo.code())
                .putValue("channel", contact.channel().name())
                .putValue("reviewDue", Date.from(contact.reviewDue())));
    }

    public static String businessKey(long contactId) {
        return String.valueOf(contactId);
    }
}
