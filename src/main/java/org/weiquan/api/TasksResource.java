package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.weiquan.casework.CaseTask;
import org.weiquan.casework.TaskCompletion;
import org.weiquan.casework.TaskInbox;
import org.weiquan.casework.TaskView;
import org.weiquan.shared.StationTime;
import org.weiquan.workflow.InboxQuery;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Path("tasks")
@ApplicationScoped // one instance, not one per request (as ContactsResource)
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {

    @EJB
    TaskInbox inbox;

    @EJB
    TaskCompletion completion;

    @GET
    @Operation(summary = "The task inbox, a page at a time",
            description = "scope=mine: the tasks you hold; scope=station: the unclaimed tasks of your station and role "
                    + "(a supervisor's include the stations below); scope=overseen (SUPERVISOR): every open task of "
                    + "the stations you supervise, whoever holds it. Only tasks whose case (or contact) lies in your "
                    + "scope now. sort=risk (default: HIGH first, then by due date), due, created, case or station; "
                    + "order=asc (default) or desc; page from 0; size 1-200 (20 by default); kind: a task's key "
                    + "(Task_…) or name, repeatable; station: a station code of your scope (with the stations below). "
                    + "Answers {items, total, page, size}: total counts every task of the inbox.")
    public InboxJson inbox(@QueryParam("scope") String scope, @QueryParam("page") String page,
                           @QueryParam("size") String size, @QueryParam("sort") String sort,
                           @QueryParam("order") String order, @QueryParam("kind") List<String> kinds,
                           @QueryParam("station") String station) {
        if (scope != null && !List.of("mine", "station", "overseen").contains(scope)) {
            throw org.weiquan.shared.InvalidInput.of("scope", "must be mine, station or overseen");
        }
        InboxQuery.Order by;
        try {
            by = sort == null || sort.isBlank() ? InboxQuery.Order.RISK
                    : InboxQuery.Order.valueOf(sort.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw org.weiquan.shared.InvalidInput.of("sort", "must be risk, due, created, case or station");
        }
        if (order != null && !List.of("asc", "desc").contains(order)) {
            throw org.weiquan.shared.InvalidInput.of("order", "must be asc or desc");
        }
        List<CaseTask> kindList = new ArrayList<>();
        for (String k : kinds == null ? List.<String>of() : kinds) {
            kindList.add(CaseTask.byId(k).or(() -> java.util.Arrays.stream(CaseTask.values())
                            .filter(t -> t.name().equals(k)).findFirst())
                    .orElseThrow(() -> org.weiquan.shared.InvalidInput.of("kind", "is not a task's key or name")));
        }
        TaskInbox.Scope which = "station".equals(scope) ? TaskInbox.Scope.STATION
                : "overseen".equals(scope) ? TaskInbox.Scope.OVERSEEN : TaskInbox.Scope.MINE;
        TaskInbox.Page found = inbox.page(which, new TaskInbox.Filter(kindList, station), by, "desc".equals(order),
                number("page", page, 0), number("size", size, TaskInbox.PAGE_SIZE));
        return new InboxJson(found.items().stream().map(TaskJson::of).toList(), found.total(), found.page(),
                found.size());
    }

    private static int number(String field, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw org.weiquan.shared.InvalidInput.of(field, "must be a whole number");
        }
    }

    /** One page of an inbox; {@code total}: how many tasks the whole inbox holds. */
    public record InboxJson(List<TaskJson> items, long total, int page, int size) {
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Take a task (409 when someone else holds it)")
    public TaskJson claim(@PathParam("id") String id) {
        return TaskJson.of(inbox.claim(id));
    }

    @DELETE
    @Path("{id}/claim")
    @Operation(summary = "Give a task back to the station (the holder or a supervisor)")
    public TaskJson unclaim(@PathParam("id") String id) {
        return TaskJson.of(inbox.unclaim(id));
    }

    @PUT
    @Path("{id}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand a task to someone else (SUPERVISOR of the case's station or above)",
            description = "Any open task of a case in your scope, whoever holds it, to an active user of its role at "
                    + "its station or above; the reason goes into the case's timeline.")
    public TaskJson reassign(@PathParam("id") String id, AssigneeJson body) {
        AssigneeJson b = ContactsResource.required(body);
        return TaskJson.of(inbox.reassign(id, b.assignee(), b.reason()));
    }

    @POST
    @Path("{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a task from whoever holds it and offer it to its station again (SUPERVISOR)",
            description = "For a mediator who is away or overloaded; the reason goes into the case's timeline.")
    public TaskJson release(@PathParam("id") String id, ReasonJson body) {
        return TaskJson.of(inbox.release(id, body == null ? null : body.reason()));
    }

    @POST
    @Path("{id}/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a task with its form",
            description = "The form depends on the task; by the task's key, without its prefix: "
                    + "AssignMediator {mediator}; AssessRisk {answers:{Q1:true,…}} (every question); "
                    + "HoldMediationSession {heldAt, attendees, notes, nextStep, outcome: CONTINUE|WRITTEN_AGREEMENT|"
                    + "ORAL_AGREEMENT|TERMINATED|REFUSED, agreementTerms, routesExplained}; HandleCase {step: "
                    + "MEDIATE|WRITTEN_REPLY|REQUEST_CLOSURE, closureReason, closureNote, contactAttempts: [{on, means, "
                    + "note}]}; WriteReply {sentOn, means, summary}; ApproveClosure {approved, comment}; "
                    + "ApproveExtension {approved, comment, grantLate}; FollowUpVisit {visitedAt, result, "
                    + "agreementPerformed, problemBack, note}; RecordMandatoryReport {reportedTo, reportedAt, "
                    + "method}; MakeSafetyPlan {plan}; ReferToPoliceOrShelter {agencyCodes, consent}; "
                    + "OfferProtectionOrder {applied, urgent, appliedAt}; RecordProtectionOrderRuling "
                    + "{granted, ruledAt, validUntil}; AwaitReferralAnswer {answer, answeredAt, note}; "
                    + "RecordReferralOutcome {outcome, doneAt}; chases, reminders and warnings {note}. Fields "
                    + "not in the form are refused; a wrong form answers 422 naming each field (in Chinese with "
                    + "Accept-Language: zh) and completes nothing; a task completed meanwhile answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a mediation session",
            value = "{\"heldAt\":\"2026-03-05T10:00:00+08:00\",\"attendees\":\"双方当事人、调解员\",\"notes\":\"…\","
                    + "\"outcome\":\"WRITTEN_AGREEMENT\",\"agreementTerms\":\"…\"}")))
    @APIResponse(responseCode = "204", description = "Completed")
    @APIResponse(responseCode = "400", description = "The body is not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Completed or held by someone else", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The form breaks a rule", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response complete(@PathParam("id") String id, String body, @Context HttpHeaders headers) {
        completion.complete(id, JsonBodies.read(body), Languages.of(headers));
        return Response.noContent().build();
    }

    public record AssigneeJson(String assignee, String reason) {
    }

    public record ReasonJson(String reason) {
    }

    /**
     * A task. {@code chasing}: for a chase or escalation, the deadline that passed ({@code chasingLabel} in the
     * reader's language); {@code extension}: for an extension's approval, the days and the reason asked for.
     */
    public record TaskJson(String id, String key, String task, String name, String formKey, String process,
                           String caseNumber, Long contactId, String referral, String assignee,
                           String assigneeName, List<String> candidateGroups, OffsetDateTime created, OffsetDateTime due, boolean overdue,
                           String riskLevel, String chasing, String chasingLabel, ExtensionJson extension,
                           String station, String complainant, String category, Integer daysLeft) {
        static TaskJson of(TaskView t) {
            var e = t.extension();
            return new TaskJson(t.id(), t.key(), t.task().name(), t.name(), t.task().formKey(), t.model().name(),
                    t.caseNumber(), t.contactId(), t.referralKey(), t.assignee(), t.assigneeName(), t.candidateGroups(),
                    StationTime.of(t.created()), StationTime.of(t.due()), t.overdue(), t.riskLevel(),
                    t.chasing() == null ? null : t.chasing().name(),
                    t.chasing() == null ? null : org.weiquan.shared.Labels.of(t.chasing()),
                    e == null ? null : new ExtensionJson(e.days(), e.reason(), StationTime.of(e.requestedAt()),
                            e.requestedBy(), e.late()),
                    t.stationName(), t.complainant(), t.category(), t.daysLeft());
        }
    }

    public record ExtensionJson(int days, String reason, OffsetDateTime requestedAt, String requestedBy, boolean late) {
    }
}
