package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.weiquan.casefile.ReviewDecisionForm;
import org.weiquan.casefile.ReviewService;
import org.weiquan.intake.Attachment;
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.IntakeService;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@Path("contacts")
@ApplicationScoped // one instance, not one per request: creating it and its references was a twentieth of an intake
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*=UTF-8''([^;]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    @EJB
    IntakeService intake;

    @EJB
    ReviewService reviews;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a contact",
            description = "Registers a letter, visit, call or message with its parties and starts its acceptance review "
                    + "(15 days from receipt). When earlier contacts in your scope look like the same matter, nothing "
                    + "is saved and 409 lists them: register again with repeatOfContactId (a repeat visit) or "
                    + "confirmedNew=true.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a letter with two parties",
            value = """
                    {"stationCode":"QX-0101","channel":"LETTER","receivedAt":"2026-03-02T09:30:00+08:00",
                     "summary":"来信反映丈夫多次殴打，要求帮助","petitionType":"CLAIM","primaryCategory":"DOMESTIC_VIOLENCE",
                     "otherCategories":["MARRIAGE_DISPUTE"],"flags":["minorInvolved"],
                     "parties":[{"role":"COMPLAINANT","name":"张晓花","gender":"FEMALE","birthDate":"1990-05-17",
                                 "idNumber":"11010519491231002X","phones":[{"number":"13812345678","safeToContact":false}],
                                 "address":"城关镇东门村3组","addressSafeToContact":false},
                                {"role":"RESPONDENT","name":"李大军","gender":"MALE","relation":"丈夫"}],
                     "confirmedNew":false}""")))
    @APIResponse(responseCode = "201", description = "Registered; the review task is open")
    @APIResponse(responseCode = "400", description = "The body is not readable JSON", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Earlier contacts may be the same matter: the problem lists them as candidates", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A field breaks a rule: the problem lists each field", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response register(NewContactJson body, @Context UriInfo uri) {
        ContactDetails contact = intake.register(required(body).toRegistration());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(contact.id())).build())
                .entity(ContactJson.of(contact)).build();
    }

    @POST
    @Path("duplicate-candidates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Earlier contacts that may be the same matter",
            description = "Send the parties typed so far (same shape as a registration); the answer lists contacts and "
                    + "cases in your scope with the same phone or ID number, or whose names agree enough: the same or a homophone "
                    + "name (also typed in pinyin) of the same gender and a near age, the same respondent, or a name "
                    + "one character apart together with the same respondent. At most 20, best first; names are masked.")
    public List<DuplicateJson> duplicateCandidates(NewContactJson body) {
        return intake.duplicateCandidates(required(body).toRegistration()).stream().map(DuplicateJson::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A contact with its parties, review state and open review tasks")
    @APIResponse(responseCode = "404", description = "No such contact in your scope", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response find(@PathParam("id") String id) {
        return NoStore.ok(ContactJson.of(intake.find(parseId(id))));
    }

    @POST
    @Path("{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that the person was told the contact is being handled",
            description = "form: ORAL, WRITTEN or SMS; date: the day they were told (ISO date).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "by SMS",
            value = "{\"date\":\"2026-03-03\",\"form\":\"SMS\"}")))
    public ContactJson acknowledge(@PathParam("id") String id, AcknowledgementJson body) {
        AcknowledgementJson a = required(body);
        LocalDate date = null;
        if (a.date() != null && !a.date().isBlank()) {
            try {
                date = LocalDate.parse(a.date().strip());
            } catch (DateTimeParseException e) {
                throw InvalidInput.of("date", "must be a date like 2026-03-03");
            }
        }
        return ContactJson.of(intake.acknowledge(parseId(id), date, a.form()));
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide the acceptance review (supervisor)",
            description = "decision: CONSULTATION_ANSWERED, NOT_ACCEPTED (reason and referredTo: where the person was "
                    + "told to go), TRANSFERRED (toStationCode for another station, which then reviews it, or referredTo "
                    + "for an outside body) or ACCEPTED (opens the case and returns its number). A contact already "
                    + "decided answers 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "accept", value = "{\"decision\":\"ACCEPTED\"}"),
            @ExampleObject(name = "transfer to a station", value = "{\"decision\":\"TRANSFERRED\",\"toStationCode\":\"QX-0201\",\"reason\":\"属河西镇辖区\"}"),
            @ExampleObject(name = "not accepted", value = "{\"decision\":\"NOT_ACCEPTED\",\"reason\":\"已进入诉讼程序\",\"referredTo\":\"县人民法院\"}")}))
    @APIResponse(responseCode = "409", description = "The contact was already decided", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ReviewService.Outcome decide(@PathParam("id") String id, String body,
                                       @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        return reviews.decide(parseId(id), org.weiquan.shared.Forms.bindValid(ReviewDecisionForm.class,
                JsonBodies.read(body), Languages.of(headers)));
    }

    @POST
    @Path("{id}/objection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Object that a contact transferred here is not this station's matter (SUPERVISOR)",
            description = "Within 5 working days of the transfer (信访工作条例 art. 23): the contact goes back to the "
                    + "review of the station that transferred it. Later, or for a contact not transferred here, 409.")
    @APIResponse(responseCode = "204", description = "Sent back")
    @APIResponse(responseCode = "409", description = "Not transferred here, decided, or the window has closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response object(@PathParam("id") String id, ObjectionJson body) {
        intake.objectToTransfer(parseId(id), required(body).reason());
        return Response.noContent().build();
    }

    public record ObjectionJson(String reason) {
    }

    @POST
    @Path("{id}/attachments")
    @Consumes({"application/pdf", "image/jpeg", "image/png"})
    @Operation(summary = "Attach a scanned page (PDF, JPEG or PNG, at most 10 MiB)",
            description = "The body is the file; Content-Type says what it is and is checked against the content; "
                    + "the file name goes in Content-Disposition (filename*=UTF-8''…), never in the URL.")
    @APIResponse(responseCode = "201", description = "Attached")
    @APIResponse(responseCode = "413", description = "Larger than 10 MiB", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Not what its Content-Type says", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response attach(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Disposition") String disposition, InputStream body,
                           @Context UriInfo uri) throws IOException {
        byte[] content = BodyLimit.readAtMost(body, Attachment.MAX_BYTES, "content");
        var info = intake.attach(parseId(id), fileName(disposition), contentType, content);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(info.id())).build())
                .entity(new ContactJson.AttachmentJson(info)).build();
    }

    @GET
    @Path("{id}/attachments/{attachmentId}")
    @Produces({"application/pdf", "image/jpeg", "image/png"})
    @Operation(summary = "An attachment's content")
    public Response attachment(@PathParam("id") String id, @PathParam("attachmentId") String attachmentId) {
        Attachment a = intake.attachment(parseId(id), parseId(attachmentId));
        return Response.ok(a.content(), a.mediaType())
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(a.fileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        Matcher star = FILENAME_STAR.matcher(disposition);
        if (star.find()) {
            try {
                return URLDecoder.decode(star.group(1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEncoding) {
                throw InvalidInput.of("fileName", "is not percent-encoded UTF-8 (filename*=UTF-8''…)");
            }
        }
        Matcher plain = FILENAME.matcher(disposition);
        return plain.find() ? plain.group(1) : null;
    }

    static <T> T required(T body) {
        if (body == null) {
            throw InvalidInput.of("body", "is required");
        }
        return body;
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFound("contact");
        }
    }

    /** The body of a registration; times and codes as text so that each wrong field is named back. */
    public record NewContactJson(String stationCode, String channel, String receivedAt, String summary,
                                 String petitionType, String primaryCategory, List<String> otherCategories,
                                 List<String> flags, List<ContactRegistration.PartyInput> parties,
                                 Long repeatOfContactId, Boolean confirmedNew) {

        ContactRegistration toRegistration() {
            OffsetDateTime received = null;
            if (receivedAt != null && !receivedAt.isBlank()) {
                try {
                    received = OffsetDateTime.parse(receivedAt.strip());
                } catch (DateTimeParseException e) {
                    throw InvalidInput.of("receivedAt", "must be an ISO-8601 time with offset, e.g. 2026-03-02T09:30:00+08:00");
                }
            }
            return new ContactRegistration(stationCode, channel, received, summary, petitionType, primaryCategory,
                    otherCategories, flags, parties, repeatOfContactId, Boolean.TRUE.equals(confirmedNew));
        }
    }

    public record AcknowledgementJson(String date, String form) {
    }


    public record DuplicateJson(long contactId, String caseNumber, String stationCode, String stationName,
                                OffsetDateTime receivedAt, String status, String complainant, List<String> reasons) {
        static DuplicateJson of(org.weiquan.intake.DuplicateCandidate d) {
            return new DuplicateJson(d.contactId(), d.caseNumber(), d.stationCode(), d.stationName(),
                    org.weiquan.shared.StationTime.of(d.receivedAt()), d.status().name(), d.complainant(),
                    d.reasons().stream().map(Enum::name).toList());
        }
    }
}
