package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import org.weiquan.casework.CaseActions;
import org.weiquan.casework.CaseFileService;
import org.weiquan.casework.CaseFileView;
import org.weiquan.referral.ReferralForm;
import org.weiquan.casefile.CaseSearch;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;
import org.weiquan.timeline.Change;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

@Path("cases")
@Produces(MediaType.APPLICATION_JSON)
public class CasesResource {

    @EJB
    CaseFileService files;

    @EJB
    CaseActions actions;

    @EJB
    CaseSearch search;

    @GET
    @Operation(summary = "Search cases in your scope",
            description = "Filters by number, station (its subtree), status (OPEN, CLOSED), category, channel, "
                    + "received and accepted periods (ISO times with offset; from inclusive, to exclusive) and deadline "
                    + "state (ON_TIME, DUE_SOON, OVERDUE). Paged (page from 0, size ≤ 100) and sorted (number, "
                    + "receivedAt, acceptedAt, handlingDue; asc or desc). Names are masked. To search by phone or name, "
                    + "POST /api/cases/search: personal data never goes into URLs.")
    public Response list(@QueryParam("number") String number, @QueryParam("stationCode") String stationCode,
                         @QueryParam("status") String status, @QueryParam("category") String category,
                         @QueryParam("channel") String channel, @QueryParam("receivedFrom") String receivedFrom,
                         @QueryParam("receivedTo") String receivedTo, @QueryParam("acceptedFrom") String acceptedFrom,
                         @QueryParam("acceptedTo") String acceptedTo, @QueryParam("deadline") String deadline,
                         @QueryParam("page") String page, @QueryParam("size") String size,
                         @QueryParam("sort") String sort, @QueryParam("direction") String direction) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        // the ranges are the search's to name, together with its other rules; here only: a whole number
        Integer p = Fields.wholeNumber(errors, "page", page, Integer.MIN_VALUE, Integer.MAX_VALUE);
        Integer s = Fields.wholeNumber(errors, "size", size, Integer.MIN_VALUE, Integer.MAX_VALUE);
        errors.throwIfAny();
        return NoStore.ok(PageJson.of(search.search(new SearchJson(number, stationCode, status, category, channel,
                receivedFrom, receivedTo, acceptedFrom, acceptedTo, deadline, null, null, p, s, sort, direction)
                .toCriteria())));
    }

    @POST
    @Path("search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search cases, also by a party's phone or name",
            description = "The same filters as GET /api/cases, plus phone (found through its keyed hash, never by "
                    + "decrypting) and name (exact or pinyin), in the body.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "by phone",
            value = "{\"phone\":\"13812345678\",\"status\":\"OPEN\"}")))
    public Response searchByBody(SearchJson body) {
        return NoStore.ok(PageJson.of(search.search(ContactsResource.required(body).toCriteria())));
    }

    @GET
    @Path("{number}")
    @Operation(summary = "Open a case file", description = "The case, its parties in full, deadlines, linked contacts and the timeline.")
    @APIResponse(responseCode = "404", description = "No such case in your scope", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response open(@PathParam("number") String number) {
        CaseFileView file = files.open(number);
        return Response.ok(CaseFileJson.of(file)).header("ETag", "\"" + file.version() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @PATCH
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a case file",
            description = "Send the version you read and the fields to change (summary, petitionType, primaryCategory, "
                    + "otherCategories, flags). A stale version answers 409 with the current version in the ETag; "
                    + "every change is written to the timeline with its old and new value.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "recategorise",
            value = "{\"version\":0,\"primaryCategory\":\"DOMESTIC_VIOLENCE\",\"flags\":[\"minorInvolved\"]}")))
    @APIResponse(responseCode = "409", description = "Someone changed the file since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response edit(@PathParam("number") String number, EditJson body) {
        EditJson e = ContactsResource.required(body);
        CaseFileView file = files.edit(number, new CaseFileService.Edit(e.version(), e.summary(), e.petitionType(),
                e.primaryCategory(), e.otherCategories(), e.flags()));
        return Response.ok(CaseFileJson.of(file)).header("ETag", "\"" + file.version() + "\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{number}/access-log")
    @Operation(summary = "Who opened, exported or changed this case (SUPERVISOR)", description = "Newest first.")
    public List<AdminResource.AccessLogJson> accessLog(@PathParam("number") String number) {
        return files.accessLogOf(number).stream().map(AdminResource.AccessLogJson::of).toList();
    }

    @POST
    @Path("{number}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for the one extension of the handling deadline (≤ 30 days, with the reason)",
            description = "The supervisor approves or refuses it as a task; approval moves the deadline and its timers.")
    public Response requestExtension(@PathParam("number") String number, ExtensionJson body) {
        ExtensionJson e = ContactsResource.required(body);
        return NoStore.ok(CaseFileJson.of(actions.requestExtension(number, e.days(), e.reason())));
    }

    @POST
    @Path("{number}/extension/told")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that the person was told of the approved extension and why (信访工作条例 art. 34)",
            description = "on: the date; means: ORAL, WRITTEN or SMS.")
    public Response extensionTold(@PathParam("number") String number, ToldJson body) {
        ToldJson t = ContactsResource.required(body);
        java.time.LocalDate on;
        try {
            on = t.on() == null ? null : java.time.LocalDate.parse(t.on());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInput.of("on", "must be a date like 2026-03-02");
        }
        return NoStore.ok(CaseFileJson.of(actions.extensionTold(number, on, t.means())));
    }

    @POST
    @Path("{number}/reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The person asks for a review (复查) of the written reply, or a re-review (复核) of its answer",
            description = "kind: REVIEW (within 30 days of the written reply) or RE_REVIEW (within 30 days of the "
                    + "review's answer); requestedOn, reason. The level above answers within 30 days "
                    + "(信访工作条例 art. 35-36), chased when late.")
    public Response requestReview(@PathParam("number") String number, String body,
                                  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        java.util.Locale locale = Languages.of(headers);
        return NoStore.ok(CaseFileJson.of(actions.requestReview(number, org.weiquan.shared.Forms.bind(
                org.weiquan.casefile.ReviewRequestForm.class, JsonBodies.read(body), locale), locale)));
    }

    @POST
    @Path("{number}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The person withdrew: the case ends at once (closed as WITHDRAWN)")
    public Response withdraw(@PathParam("number") String number, ReasonJson body) {
        return NoStore.ok(CaseFileJson.of(actions.withdraw(number, ContactsResource.required(body).reason())));
    }

    @POST
    @Path("{number}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the case and its open tasks to another station (SUPERVISOR)")
    public Response transfer(@PathParam("number") String number, TransferJson body) {
        TransferJson t = ContactsResource.required(body);
        CaseFileView file = actions.transfer(number, t.toStationCode(), t.reason());
        return file == null ? Response.noContent().build() : NoStore.ok(CaseFileJson.of(file));
    }

    @POST
    @Path("{number}/referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refer the case to a partner agency (with the person's consent)",
            description = "The answer is due after the agency kind's period (a legal-aid centre: 7 days, 法律援助法 art. 43; "
                    + "others 15 days); an unanswered referral is chased (督办). The referral is numbered within its "
                    + "case (R1, R2 …) and stays in the case file, revoked ones too.")
    public Response refer(@PathParam("number") String number, String body,
                          @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        java.util.Locale locale = Languages.of(headers);
        String key = actions.refer(number, org.weiquan.shared.Forms.bind(ReferralForm.class, JsonBodies.read(body), locale),
                locale);
        return Response.status(201).entity(org.weiquan.shared.Jsonp.createObjectBuilder().add("referral", key).build().toString())
                .type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{number}/referrals/{referral}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a referral that has not ended (its number: R1 is 1); it stays in the file as REVOKED")
    public Response revokeReferral(@PathParam("number") String number, @PathParam("referral") int referral,
                                   ReasonJson body) {
        actions.revokeReferral(number, referral, ContactsResource.required(body).reason());
        return Response.noContent().build();
    }

    public record ExtensionJson(Integer days, String reason) {
    }

    public record ReasonJson(String reason) {
    }

    public record ToldJson(String on, String means) {
    }

    public record TransferJson(String toStationCode, String reason) {
    }

    public record EditJson(Long version, String summary, String petitionType, String primaryCategory,
                           List<String> otherCategories, List<String> flags) {
    }

    public record SearchJson(String number, String stationCode, String status, String category, String channel,
                             String receivedFrom, String receivedTo, String acceptedFrom, String acceptedTo,
                             String deadline, String phone, String name, Integer page, Integer size, String sort,
                             String direction) {
        CaseSearch.Criteria toCriteria() {
            InvalidInput.Collector errors = new InvalidInput.Collector();
            // the first row of a page must be a row number the database can take
            if (page != null && page > 0 && (long) page * (size == null || size < 1 ? 20 : size) > Integer.MAX_VALUE) {
                errors.add("page", "lies past any possible result");
            }
            Instant rf = Fields.offsetTime(errors, "receivedFrom", receivedFrom);
            Instant rt = Fields.offsetTime(errors, "receivedTo", receivedTo);
            Instant af = Fields.offsetTime(errors, "acceptedFrom", acceptedFrom);
            Instant at = Fields.offsetTime(errors, "acceptedTo", acceptedTo);
            errors.throwIfAny();
            return new CaseSearch.Criteria(number, stationCode, status, category, channel, rf, rt, af, at, deadline,
                    phone, name, page, size, sort, direction);
        }
    }

    public record PageJson(List<ItemJson> items, int page, int size, long total) {
        static PageJson of(CaseSearch.Page p) {
            return new PageJson(p.items().stream().map(ItemJson::of).toList(), p.page(), p.size(), p.total());
        }
    }

    public record ItemJson(String number, String stationCode, String stationName, String status, String stage,
                           String primaryCategory, String channel, OffsetDateTime receivedAt,
                           OffsetDateTime acceptedAt, OffsetDateTime handlingDue, String deadlineState,
                           String complainant) {
        static ItemJson of(CaseSearch.Item i) {
            return new ItemJson(i.number(), i.stationCode(), i.stationName(), i.status().name(), i.stage().name(),
                    i.primaryCategory() == null ? null : i.primaryCategory().name(), i.channel().name(),
                    StationTime.of(i.receivedAt()), StationTime.of(i.acceptedAt()), StationTime.of(i.handlingDue()),
                    i.deadlineState() == null ? null : i.deadlineState().name(), i.complainant());
        }
    }

    public record CaseFileJson(String number, String stationCode, String stationName, String status, String stage,
                               OffsetDateTime acceptedAt, String acceptedBy, OffsetDateTime handlingDue,
                               String deadlineState, Long daysLeft, ContactJson contact,
                               List<LinkedJson> linkedContacts, List<EventJson> timeline, String mediator,
                               String riskLevel, String closureReason, OffsetDateTime closedAt, int reopenCount,
                               List<TasksResource.TaskJson> openTasks, List<CompletedJson> completedTasks,
                               long version, List<CaseFileView.Round> rounds,
                               List<CaseFileView.Session> mediationSessions, List<CaseFileView.ReferralLine> referrals,
                               List<CaseFileView.Assessment> riskAssessments, List<CaseFileView.Plan> safetyPlans,
                               List<CaseFileView.Order> protectionOrders, List<CaseFileView.Report> mandatoryReports,
                               List<CaseFileView.Reply> writtenReplies, List<CaseFileView.Visit> followUpVisits,
                               List<CaseFileView.Note> notes, List<CaseFileView.Review> reviews) {
        static CaseFileJson of(CaseFileView f) {
            return new CaseFileJson(f.number(), f.stationCode(), f.stationName(), f.status().name(), f.stage().name(),
                    StationTime.of(f.acceptedAt()), f.acceptedBy(), StationTime.of(f.handlingDue()),
                    f.deadlineState() == null ? null : f.deadlineState().name(), f.daysLeft(),
                    ContactJson.of(f.contact()),
                    f.linkedContacts().stream().map(l -> new LinkedJson(l.contactId(), l.relation(),
                            StationTime.of(l.receivedAt()), l.status(), l.caseNumber())).toList(),
                    f.timeline().stream().map(EventJson::of).toList(), f.mediator(),
                    f.riskLevel() == null ? null : f.riskLevel().name(),
                    f.closureReason() == null ? null : f.closureReason().name(),
                    StationTime.of(f.closedAt()), f.reopenCount(),
                    f.openTasks().stream().map(TasksResource.TaskJson::of).toList(),
                    f.completedTasks().stream().map(c -> new CompletedJson(c.taskId(), c.task().id(), c.name(),
                            StationTime.of(c.completedAt()), c.completedBy(), c.recordType(), c.recordId())).toList(),
                    f.version(), f.rounds(), f.mediationSessions(), f.referrals(), f.riskAssessments(), f.safetyPlans(),
                    f.protectionOrders(), f.mandatoryReports(), f.writtenReplies(), f.followUpVisits(), f.notes(),
                    f.reviews());
        }
    }

    public record CompletedJson(String taskId, String key, String name, OffsetDateTime completedAt,
                                String completedBy, String recordType, Long recordId) {
    }

    public record LinkedJson(long contactId, String relation, OffsetDateTime receivedAt, String status,
                             String caseNumber) {
    }

    public record EventJson(OffsetDateTime at, OffsetDateTime recordedAt, String actor, String actorStation,
                            String clientAddress, String type, String description, List<Change> changes) {
        static EventJson of(CaseFileView.TimelineEntry e) {
            return new EventJson(StationTime.of(e.at()), StationTime.of(e.recordedAt()), e.actor(), e.actorStation(),
                    e.clientAddress(), e.type(), e.description(), e.changes());
        }
    }

    @Inject
    org.weiquan.reporting.EvidenceExports evidence;

    @GET
    @Path("{number}/evidence.pdf")
    @Produces(org.weiquan.reporting.Export.PDF)
    @Operation(summary = "The case's evidence record (求助记录) as PDF",
            description = "Times, who recorded what (registration, timeline, completed tasks with outcomes), the "
                    + "parties with names and phones masked, and mediation agreement terms; minors appear only as "
                    + "未成年人, without name or identity number. The opening and the export go to the access log.")
    @APIResponse(responseCode = "404", description = "No such case in your scope", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response evidenceRecord(@PathParam("number") String number) {
        return ReportsResource.download(evidence.evidenceRecord(number));
    }
}
