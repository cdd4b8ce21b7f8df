package org.weiquan.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.weiquan.casefile.CaseTasks;
import org.weiquan.shared.StationTime;

import java.time.OffsetDateTime;
import java.util.List;

@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

    @Inject
    CaseTasks tasks;

    @GET
    @Operation(summary = "The task inbox",
            description = "scope=mine: the tasks you hold; scope=station: the unclaimed tasks of your station and role "
                    + "(a supervisor's include the stations below). Overdue first, then HIGH risk, then by due date.")
    public List<TaskJson> inbox(@QueryParam("scope") String scope) {
        List<CaseTasks.TaskView> list = "station".equals(scope) ? tasks.unclaimed() : tasks.mine();
        return list.stream().map(TaskJson::of).toList();
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Take a task (409 when someone else holds it)")
    public TaskJson claim(@PathParam("id") String id) {
        return TaskJson.of(tasks.claim(id));
    }

    @DELETE
    @Path("{id}/claim")
    @Operation(summary = "Give a task back to the station (the holder or a supervisor)")
    public TaskJson unclaim(@PathParam("id") String id) {
        return TaskJson.of(tasks.unclaim(id));
    }

    @PUT
    @Path("{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand a task to someone else (SUPERVISOR)")
    public TaskJson reassign(@PathParam("id") String id, AssigneeJson body) {
        return TaskJson.of(tasks.reassign(id, ContactsResource.required(body).assignee()));
    }

    @POST
    @Path("{id}/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a task with its form",
            description = "The form depends on the task (its key): e.g. Task_AssignMediator {mediator}; Task_AssessRisk "
                    + "{answers:{Q1:true,…}}; Task_HoldMediationSession {heldAt, attendees, notes, nextStep, outcome: "
                    + "CONTINUE|WRITTEN_AGREEMENT|ORAL_AGREEMENT|TERMINATED|REFUSED, agreementTerms, routesExplained}; "
                    + "Task_HandleCase {step: MEDIATE|WRITTEN_REPLY|REQUEST_CLOSURE, closureReason, closureNote, "
                    + "contactAttempts}; Task_ApproveClosure {approved, comment}; Task_FollowUpVisit {result, "
                    + "problemBack}; chases and reminders {note}. A wrong form answers 422 naming each field and "
                    + "completes nothing; a task completed meanwhile answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a mediation session",
            value = "{\"heldAt\":\"2026-03-05T10:00:00+08:00\",\"attendees\":\"双方当事人、调解员\",\"notes\":\"…\","
                    + "\"outcome\":\"WRITTEN_AGREEMENT\",\"agreementTerms\":\"…\"}")))
    @APIResponse(responseCode = "204", description = "Completed")
    @APIResponse(responseCode = "409", description = "Completed or held by someone else", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The form breaks a rule", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response complete(@PathParam("id") String id, JsonObject form) {
        tasks.complete(id, ContactsResource.required(form));
        return Response.noContent().build();
    }

    public record AssigneeJson(String assignee) {
    }

    public record TaskJson(String id, String key, String name, String formKey, String process, String caseNumber,
                           Long contactId, String assignee, List<String> candidateGroups, OffsetDateTime created,
                           OffsetDateTime due, boolean overdue, String riskLevel) {
        static TaskJson of(CaseTasks.TaskView t) {
            return new TaskJson(t.id(), t.key(), t.name(), t.formKey(), t.process(), t.caseNumber(), t.contactId(),
                    t.assignee(), t.candidateGroups(), StationTime.of(t.created()), StationTime.of(t.due()),
                    t.overdue(), t.riskLevel());
        }
    }
}
