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

/** The county administrator's network (issue 18): its stations, with their history. */
@Path("admin/stations")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {

    @EJB
    NetworkAdministration network;


    @GET
    @Operation(summary = "Every station with its details, closed ones included (ADMIN of the county)")
    public List<StationJson> stations() {
        return network.stations().stream().map(StationJson::of).toList();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "A station with its details (ADMIN of the county); ETag = version")
    public Response station(@PathParam("code") String code) {
        return withVersion(StationJson.of(network.station(code)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a station under a parent (ADMIN of the county)",
            description = "level: SUBDISTRICT under the county, COMMUNITY or VILLAGE under a sub-district. 409 when the code is taken.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a village room",
            value = "{\"code\":\"QX-0214\",\"name\":\"新村妇女儿童维权服务室\",\"level\":\"VILLAGE\",\"parentCode\":\"QX-02\","
                    + "\"address\":\"新村村委会二楼\",\"phone\":\"0791-1234567\",\"openingHours\":\"周一至周五 9:00-17:00\",\"staffContact\":\"李主任\"}")))
    public Response create(NetworkAdministration.NewStation body) {
        NetworkAdministration.StationView created = network.create(ContactsResource.required(body));
        return Response.created(URI.create("admin/stations/" + created.code())).entity(StationJson.of(created))
                .tag(String.valueOf(created.version())).build();
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a station and change its address, phone, opening hours and staff contact (ADMIN of the county)",
            description = "Send If-Match with the ETag you read to refuse (409) a change made meanwhile.")
    public Response edit(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                         NetworkAdministration.StationDetails body) {
        return withVersion(StationJson.of(network.edit(code, ContactsResource.required(body), version(ifMatch))));
    }

    @POST
    @Path("{code}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a station and everything below it under another parent (ADMIN of the county)",
            description = "One transaction: its users' scope and its cases' roll-up follow; codes, cases and tasks stay.")
    public Response move(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch, MoveJson body) {
        return withVersion(StationJson.of(network.move(code, ContactsResource.required(body).parentCode(), version(ifMatch))));
    }

    @POST
    @Path("{code}/closure")
    @Operation(summary = "Close a station (ADMIN of the county)",
            description = "It takes no new contacts. 409 while it has open cases (transfer them first), pending contacts or open stations below it.")
    public Response close(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch) {
        return withVersion(StationJson.of(network.close(code, version(ifMatch))));
    }

    @GET
    @Path("{code}/history")
    @Operation(summary = "Every recorded change of a station: who, when, before and after (ADMIN of the county)")
    public List<ChangeJson> stationHistory(@PathParam("code") String code) {
        return network.history(NetworkChange.Subject.STATION, code).stream().map(ChangeJson::of).toList();
    }

    // ---------------------------------------------------------------- JSON

    private static Response withVersion(StationJson s) {
        return Response.ok(s).tag(String.valueOf(s.version())).build();
    }

    private static Response withVersion(AgencyJson a) {
        return Response.ok(a).tag(String.valueOf(a.version())).build();
    }

    /** The version of an If-Match header ({@code "3"} or {@code 3}), or null when there is none. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (!v.matches("[0-9]{1,18}")) {
            throw InvalidInput.of("If-Match", "must be the ETag the station or agency was read with");
        }
        return Long.parseLong(v);
    }

    public record MoveJson(String parentCode) {
    }

    public record StationJson(String code, String name, String level, String parentCode, String address, String phone,
                              String openingHours, String staffContact, boolean closed, OffsetDateTime closedAt,
                              long version) {
        static StationJson of(NetworkAdministration.StationView s) {
            return new StationJson(s.code(), s.name(), s.level().name(), s.parentCode(), s.address(), s.phone(),
                    s.openingHours(), s.staffContact(), s.closed(),
                    s.closedAt() == null ? null : s.closedAt().atZone(org.weiquan.shared.StationTime.ZONE).toOffsetDateTime(),
                    s.version());
        }
    }

    public record AgencyJson(String code, String name, String kind, String stationCode, boolean active, int answerDays,
                             long version) {
        static AgencyJson of(PartnerAgency a) {
            return new AgencyJson(a.code(), a.name(), a.kind().name(), a.station() == null ? null : a.station().code(),
                    a.isActive(), AnswerPeriod.days(a.kind(), false), a.version());
        }
    }

    public record ChangeJson(String kind, OffsetDateTime at, String by, String before, String after) {
        static ChangeJson of(NetworkChange c) {
            return new ChangeJson(c.kind().name(), c.changedAt().atZone(org.weiquan.shared.StationTime.ZONE).toOffsetDateTime(),
                    c.changedBy(), c.before(), c.after());
        }
    }
}
