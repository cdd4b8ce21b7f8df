package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.audit.AuditItem;
import org.weiquan.audit.ClosureAudits;
import org.weiquan.shared.StationTime;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

@Path("audits")
@Produces(MediaType.APPLICATION_JSON)
public class AuditsResource {

    @EJB
    ClosureAudits audits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draw a closure-quality audit sample (SUPERVISOR)",
            description = "A random sample of the station subtree's cases closed from `from` to `to` (dates, to "
                    + "exclusive); give `seed` to repeat an earlier draw; the seed used is recorded and returned.")
    public Response draw(DrawJson body) {
        DrawJson d = ContactsResource.required(body);
        return Response.status(201).entity(AuditJson.of(audits.draw(d.stationCode(), d.from(), d.to(), d.size(), d.seed())))
                .build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An audit with its sampled cases and their reviews (SUPERVISOR)")
    public AuditJson find(@PathParam("id") long id) {
        return AuditJson.of(audits.find(id));
    }

    @POST
    @Path("{id}/cases/{number}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review a sampled case against the checklist (SUPERVISOR)",
            description = "All four points must hold to pass; a failure needs a comment and may reopen the case.")
    public ItemJson review(@PathParam("id") long id, @PathParam("number") String number, ReviewJson body) {
        ReviewJson r = ContactsResource.required(body);
        return ItemJson.of(audits.review(id, number, r.evidencePresent(), r.reasonConsistent(), r.followUpDone(),
                r.personSatisfied(), r.comment(), Boolean.TRUE.equals(r.reopen())));
    }

    public record DrawJson(String stationCode, String from, String to, Integer size, Long seed) {
    }

    public record ReviewJson(Boolean evidencePresent, Boolean reasonConsistent, Boolean followUpDone,
                             Boolean personSatisfied, String comment, Boolean reopen) {
    }

    public record ItemJson(String caseNumber, String closureReason, Boolean passed, Boolean evidencePresent,
                           Boolean reasonConsistent, Boolean followUpDone, Boolean personSatisfied, String comment,
                           OffsetDateTime reviewedAt, String reviewedBy) {
        static ItemJson of(AuditItem i) {
            return new ItemJson(i.aCase().number(),
                    i.aCase().closureReason() == null ? null : i.aCase().closureReason().name(), i.passed(),
                    i.evidencePresent(), i.reasonConsistent(), i.followUpDone(), i.personSatisfied(), i.comment(),
                    StationTime.of(i.reviewedAt()), i.reviewedBy());
        }
    }

    public record AuditJson(long id, String stationCode, LocalDate from, LocalDate to, long seed, int sampleSize,
                            OffsetDateTime drawnAt, String drawnBy, List<ItemJson> cases) {
        static AuditJson of(ClosureAudits.Drawn d) {
            var a = d.audit();
            return new AuditJson(a.id(), a.station().code(), a.periodFrom(), a.periodTo(), a.seed(), a.sampleSize(),
                    StationTime.of(a.drawnAt()), a.drawnBy(), d.items().stream().map(ItemJson::of).toList());
        }
    }
}
