package org.weiquan.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.IntakeService;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

@Path("contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    @Inject
    IntakeService intake;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a contact", description = "Registers a letter, visit, call or message and starts its acceptance review (15 days from receipt).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "walk-in visit",
            value = "{\"stationCode\":\"QX-0101\",\"channel\":\"VISIT\",\"receivedAt\":\"2026-03-02T09:30:00+08:00\",\"summary\":\"来访反映婚姻家庭纠纷\"}")))
    @APIResponse(responseCode = "201", description = "Registered; the review task is open")
    @APIResponse(responseCode = "400", description = "The body is not readable JSON", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A field breaks a rule: the problem lists each field", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response register(NewContactJson body) {
        if (body == null) {
            throw InvalidInput.of("body", "is required");
        }
        ContactDetails contact = intake.register(body.toRegistration());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(contact.id())).build())
                .entity(ContactJson.of(contact)).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A contact with its open review tasks")
    @APIResponse(responseCode = "404", description = "No such contact", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ContactJson find(@PathParam("id") String id) {
        return ContactJson.of(intake.find(parseId(id)));
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFound("contact");
        }
    }

    /** The body of a registration; times and codes as text so that each wrong field is named back. */
    public record NewContactJson(String stationCode, String channel, String receivedAt, String summary) {

        org.weiquan.intake.ContactRegistration toRegistration() {
            OffsetDateTime received = null;
            if (receivedAt != null && !receivedAt.isBlank()) {
                try {
                    received = OffsetDateTime.parse(receivedAt.strip());
                } catch (DateTimeParseException e) {
                    throw InvalidInput.of("receivedAt", "must be an ISO-8601 time with offset, e.g. 2026-03-02T09:30:00+08:00");
                }
            }
            return new org.weiquan.intake.ContactRegistration(stationCode, channel, received, summary);
        }
    }
}
