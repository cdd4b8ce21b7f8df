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
import org.weiquan.network.NetworkAdministration;
import org.weiquan.network.NetworkChange;
import org.weiquan.referral.AnswerPeriod;
import org.weiquan.shared.InvalidInput;
import org.weiquan.station.PartnerAgency;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/** The county administrator's network (issue 18): the partner agencies, with their history. */
@Path("admin/agencies")
@Produces(MediaType.APPLICATION_JSON)
public class AgenciesResource {

    @EJB
    NetworkAdministration network;


    @GET
    @Operation(summary = "Every partner agency, inactive ones included (ADMIN of the county)")
    public List<NetworkResource.AgencyJson> agencies() {
        return network.agencies().stream().map(NetworkResource.AgencyJson::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a partner agency (ADMIN of the county)",
            description = "kind: POLICE, COURT, LEGAL_AID, JUDICIAL_OFFICE, CIVIL_AFFAIRS, HR_SOCIAL_SECURITY, HOSPITAL, SCHOOL; "
                    + "it sets the days the agency has to answer a referral (answerDays: legal aid 7, others 15).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a legal-aid centre",
            value = "{\"code\":\"QX-FLYZ-2\",\"name\":\"清溪县法律援助中心河西工作站\",\"kind\":\"LEGAL_AID\",\"stationCode\":\"QX-02\"}")))
    public Response createAgency(NetworkAdministration.AgencyInput body) {
        PartnerAgency created = network.createAgency(ContactsResource.required(body));
        return Response.created(URI.create("admin/agencies/" + created.code())).entity(NetworkResource.AgencyJson.of(created))
                .tag(String.valueOf(created.version())).build();
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a partner agency's name, kind or station (ADMIN of the county)")
    public Response editAgency(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                               NetworkAdministration.AgencyInput body) {
        return withVersion(NetworkResource.AgencyJson.of(network.editAgency(code, ContactsResource.required(body), NetworkResource.version(ifMatch))));
    }

    @POST
    @Path("{code}/deactivation")
    @Operation(summary = "Deactivate a partner agency: no new referral goes to it (ADMIN of the county)")
    public Response deactivateAgency(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch) {
        return withVersion(NetworkResource.AgencyJson.of(network.deactivateAgency(code, NetworkResource.version(ifMatch))));
    }

    @POST
    @Path("{code}/activation")
    @Operation(summary = "Let a deactivated partner agency take referrals again (ADMIN of the county)")
    public Response reactivateAgency(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch) {
        return withVersion(NetworkResource.AgencyJson.of(network.reactivateAgency(code, NetworkResource.version(ifMatch))));
    }

    @GET
    @Path("{code}/history")
    @Operation(summary = "Every recorded change of a partner agency (ADMIN of the county)")
    public List<NetworkResource.ChangeJson> agencyHistory(@PathParam("code") String code) {
        return network.history(NetworkChange.Subject.AGENCY, code).stream().map(NetworkResource.ChangeJson::of).toList();
    }

    private static Response withVersion(NetworkResource.AgencyJson a) {
        return Response.ok(a).tag(String.valueOf(a.version())).build();
    }
}
