package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.weiquan.protection.RiskInstrument;
import org.weiquan.protection.RiskInstrumentAdministration;
import org.weiquan.protection.RiskInstrumentVersion;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Versions of the risk instrument: drafted, reviewed and published by the county administrator (issue 18). */
@Path("admin/risk-instrument")
@Produces(MediaType.APPLICATION_JSON)
public class RiskInstrumentResource {

    @EJB
    RiskInstrumentAdministration administration;

    @GET
    @Path("versions")
    @Operation(summary = "Every drafted, reviewed and published version of the risk instrument (ADMIN of the county)")
    public List<VersionJson> versions() {
        return administration.versions().stream().map(v -> VersionJson.of(v, administration.definition(v))).toList();
    }

    @GET
    @Path("versions/{id}")
    @Operation(summary = "A version of the risk instrument with its questions and bands (ADMIN of the county); ETag = version")
    public Response version(@PathParam("id") String id) {
        RiskInstrumentVersion v = administration.version(id);
        return Response.ok(VersionJson.of(v, administration.definition(v))).tag(String.valueOf(v.version())).build();
    }

    @POST
    @Path("versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a new version of the risk instrument (ADMIN of the county)",
            description = "Questions with weights (0–100) and critical flags (a critical yes makes the band HIGH); "
                    + "LOW from 0, MEDIUM from mediumFrom, HIGH from highFrom. 409 when the id is taken.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a draft",
            value = "{\"id\":\"qx-dv-2027\",\"name\":\"家庭暴力危险性评估（2027 版）\",\"mediumFrom\":6,\"highFrom\":12,"
                    + "\"questions\":[{\"id\":\"Q1\",\"text\":\"对方是否曾扬言要杀死你或你的孩子？\",\"weight\":5,\"critical\":true}]}")))
    public Response draft(RiskInstrumentAdministration.Draft body) {
        RiskInstrumentVersion v = administration.draft(ContactsResource.required(body));
        return Response.created(URI.create("admin/risk-instrument/versions/" + v.id()))
                .entity(VersionJson.of(v, administration.definition(v))).tag(String.valueOf(v.version())).build();
    }

    @PUT
    @Path("versions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a draft (ADMIN of the county); a reviewed or published version never changes (409)")
    public Response redraft(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            RiskInstrumentAdministration.Draft body) {
        RiskInstrumentVersion v = administration.redraft(id, ContactsResource.required(body), NetworkResource.version(ifMatch));
        return Response.ok(VersionJson.of(v, administration.definition(v))).tag(String.valueOf(v.version())).build();
    }

    @POST
    @Path("versions/{id}/review")
    @Operation(summary = "Mark a draft as reviewed (ADMIN of the county); from then on it never changes")
    public Response review(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        RiskInstrumentVersion v = administration.review(id, NetworkResource.version(ifMatch));
        return Response.ok(VersionJson.of(v, administration.definition(v))).tag(String.valueOf(v.version())).build();
    }

    @POST
    @Path("versions/{id}/publication")
    @Operation(summary = "Publish a reviewed version (ADMIN of the county): new assessments use it, earlier ones keep theirs")
    public Response publish(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        RiskInstrumentVersion v = administration.publish(id, NetworkResource.version(ifMatch));
        return Response.ok(VersionJson.of(v, administration.definition(v))).tag(String.valueOf(v.version())).build();
    }

    public record QuestionJson(String id, String text, int weight, boolean critical) {
    }

    public record BandJson(String level, int from) {
    }

    public record VersionJson(String id, String name, String state, List<QuestionJson> questions, List<BandJson> bands,
                              OffsetDateTime draftedAt, String draftedBy, OffsetDateTime reviewedAt, String reviewedBy,
                              OffsetDateTime publishedAt, String publishedBy, long version) {
        static VersionJson of(RiskInstrumentVersion v, RiskInstrument.Definition d) {
            return new VersionJson(v.id(), v.name(), v.state().name(),
                    d.questions().stream().map(q -> new QuestionJson(q.id(), q.text(), q.weight(), q.critical())).toList(),
                    d.bands().stream().map(b -> new BandJson(b.level().name(), b.from())).toList(),
                    time(v.draftedAt()), v.draftedBy(), time(v.reviewedAt()), v.reviewedBy(), time(v.publishedAt()),
                    v.publishedBy(), v.version());
        }

        private static OffsetDateTime time(Instant at) {
            return at == null ? null : at.atZone(org.weiquan.shared.StationTime.ZONE).toOffsetDateTime();
        }
    }
}
