package org.weiquan.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.weiquan.shared.Conflict;
import org.weiquan.station.Station;

import java.util.Date;

/**
 * The acceptance review as a process ({@code bpmn/ContactReview.bpmn}). The variables are ids, station
 * codes, flags and due dates: never what the person said or who they are.
 */
@ApplicationScoped
public class ContactReview {

    public static final String PROCESS = "ContactReview";
    public static final String TASK_REVIEW = "Task_ReviewContact";
    public static final String TASK_OVERDUE = "Task_ChaseOverdueReview";
    /** The decision variable's value that sends the review to another station. */
    public static final String TRANSFERRED_TO_STATION = "TRANSFERRED_TO_STATION";

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    /** Joins the caller's transaction: no contact without its review, no review without its contact. */
    public void start(Contact contact) {
        runtime.startProcessInstanceByKey(PROCESS, businessKey(contact.id()), stationVariables(contact)
                .putValue("contactId", contact.id())
                .putValue("channel", contact.channel().name())
                .putValue("acknowledged", false));
    }

    /** The person has been told: an overdue review is then not chased. */
    public void acknowledged(Contact contact) {
        runtime.setVariable(instance(contact).getId(), "acknowledged", true);
    }

    /** Completes the review task with the decision; a transfer hands the review to the contact's new station. */
    public void decided(Contact contact, String decision) {
        Task task = tasks.createTaskQuery().processInstanceId(instance(contact).getId())
                .taskDefinitionKey(TASK_REVIEW).singleResult();
        if (task == null) {
            throw new Conflict("the contact has no open review");
        }
        VariableMap variables = Variables.createVariables().putValue("decision", decision);
        if (TRANSFERRED_TO_STATION.equals(decision)) {
            variables.putAll(stationVariables(contact));
        }
        tasks.complete(task.getId(), variables);
    }

    private ProcessInstance instance(Contact contact) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS)
                .processInstanceBusinessKey(businessKey(contact.id())).active().singleResult();
        if (instance == null) {
            throw new Conflict("the contact's review has ended");
        }
        return instance;
    }

    private static VariableMap stationVariables(Contact contact) {
        Station station = contact.station();
        Station escalateTo = station.parent() == null ? station : station.parent();
        return Variables.createVariables()
                .putValue("stationCode", station.code())
                .putValue("escalationStationCode", escalateTo.code())
                .putValue("reviewDue", Date.from(contact.reviewDue()));
    }

    public static String businessKey(long contactId) {
        return String.valueOf(contactId);
    }
}
