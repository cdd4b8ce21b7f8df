package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.weiquan.security.AccessLog;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.security.User;
import org.weiquan.security.UserAdministration;
import org.weiquan.shared.Fields;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @EJB
    UserAdministration administration;

    @EJB
    AccessLog accessLog;

    @Inject
    CurrentActor currentActor;

    @Inject
    org.weiquan.calendar.WorkingDayCalendar calendar;

    @GET
    @Path("users")
    @Operation(summary = "Users of the stations in your scope (ADMIN)")
    public List<UserJson> users() {
        return administration.list().stream().map(UserJson::of).toList();
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user (ADMIN)",
            description = "roles: INTAKE, MEDIATOR, SUPERVISOR, ADMIN; ADMIN never together with another role "
                    + "(an administrator reads no case file). The password needs at least 12 characters, must not be "
                    + "a common password found in breaches, nor contain the user name.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "a mediator",
            value = "{\"username\":\"liumin\",\"displayName\":\"刘敏\",\"stationCode\":\"QX-0101\",\"roles\":[\"MEDIATOR\"],\"password\":\"a-long-secret-phrase\"}")))
    public Response create(UserAdministration.NewUser body) {
        User user = administration.create(ContactsResource.required(body));
        return Response.status(201).entity(UserJson.of(user)).build();
    }

    @POST
    @Path("users/{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a user's password (ADMIN)",
            description = "Their sessions and tokens end; the password only lets them choose their own at the next "
                    + "login (POST /api/auth/password, or the login page).")
    public UserJson resetPassword(@PathParam("username") String username, PasswordJson body) {
        return UserJson.of(administration.resetPassword(username, ContactsResource.required(body).password()));
    }

    @jakarta.ws.rs.PUT
    @Path("users/{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's roles (ADMIN)",
            description = "Not your own; ADMIN never together with INTAKE, MEDIATOR or SUPERVISOR. The user's sessions "
                    + "and tokens end.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "mediator and intake",
            value = "{\"roles\":[\"INTAKE\",\"MEDIATOR\"]}")))
    public UserJson changeRoles(@PathParam("username") String username, RolesJson body) {
        return UserJson.of(administration.changeRoles(username, ContactsResource.required(body).roles()));
    }

    @POST
    @Path("users/{username}/disable")
    @Operation(summary = "Disable a user (ADMIN); their tokens stop working")
    public UserJson disable(@PathParam("username") String username) {
        return UserJson.of(administration.disable(username));
    }

    @POST
    @Path("users/{username}/enable")
    @Operation(summary = "Enable a disabled user (ADMIN)")
    public UserJson enable(@PathParam("username") String username) {
        return UserJson.of(administration.enable(username));
    }

    @GET
    @Path("access-log")
    @Operation(summary = "Search the access log (ADMIN)",
            description = "The entries of the users of your station subtree. Filters: username, caseNumber, action (OPEN, EXPORT, CHANGE), from/to (ISO times with offset). Newest first.")
    public List<AccessLogJson> accessLog(@QueryParam("username") String username,
                                         @QueryParam("caseNumber") String caseNumber,
                                         @QueryParam("action") String action, @QueryParam("from") String from,
                                         @QueryParam("to") String to, @QueryParam("page") String page,
                                         @QueryParam("size") String size) {
        String scope = currentActor.get().require(Role.ADMIN).stationPath();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Instant f = Fields.offsetTime(errors, "from", from);
        Instant t = Fields.offsetTime(errors, "to", to);
        Integer p = Fields.wholeNumber(errors, "page", page, 0, 100_000);
        Integer s = Fields.wholeNumber(errors, "size", size, 1, 500);
        errors.throwIfAny();
        return accessLog.search(scope, username, caseNumber, action, f, t, p == null ? 0 : p, s == null ? 50 : s)
                .stream().map(AccessLogJson::of).toList();
    }

    @GET
    @Path("calendar")
    @Operation(summary = "The working-day calendar of a year: holidays and make-up working days (ADMIN)")
    public List<CalendarDayJson> calendar(@QueryParam("year") String year) {
        currentActor.get().require(Role.ADMIN);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Integer given = Fields.wholeNumber(errors, "year", year, 1900, 2999);
        errors.throwIfAny();
        int y = given == null ? java.time.LocalDate.now(StationTime.ZONE).getYear() : given;
        return calendar.year(y).stream().map(CalendarDayJson::of).toList();
    }

    @jakarta.ws.rs.PUT
    @Path("calendar/{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a date as HOLIDAY or WORKDAY (调休) with its name (ADMIN of the root station)",
            description = "The calendar is the whole county's: only an administrator of the root station changes it.")
    public CalendarDayJson setDay(@PathParam("date") String date, CalendarDayJson body) {
        CalendarDayJson d = ContactsResource.required(body);
        return CalendarDayJson.of(calendar.set(date, d.kind(), d.name()));
    }

    @jakarta.ws.rs.DELETE
    @Path("calendar/{date}")
    @Operation(summary = "Make a date an ordinary day again (ADMIN of the root station)")
    public Response removeDay(@PathParam("date") String date) {
        calendar.remove(date);
        return Response.noContent().build();
    }

    @POST
    @Path("calendar/years/{year}/confirmation")
    @Operation(summary = "Say that a year's calendar was checked against the State Council's notice (ADMIN)",
            description = "From 1 December the administration page warns while next year is not confirmed.")
    public CalendarYearJson confirmYear(@PathParam("year") int year) {
        var confirmed = calendar.confirm(year);
        return new CalendarYearJson(confirmed.year(), true);
    }

    @GET
    @Path("calendar/attention")
    @Operation(summary = "The year whose calendar still needs checking, if any (ADMIN)")
    public Response calendarAttention() {
        var year = calendar.yearToConfirm(java.time.LocalDate.now(org.weiquan.shared.StationTime.ZONE));
        return year.isPresent() ? Response.ok(new CalendarYearJson(year.getAsInt(), false)).build()
                : Response.noContent().build();
    }

    public record CalendarYearJson(int year, boolean confirmed) {
    }

    public record CalendarDayJson(String date, String kind, String name) {
        static CalendarDayJson of(org.weiquan.calendar.CalendarDay d) {
            return new CalendarDayJson(d.day().toString(), d.kind().name(), d.name());
        }
    }

    public record PasswordJson(String password) {
    }

    public record RolesJson(List<String> roles) {
    }

    public record UserJson(String username, String displayName, String stationCode, List<String> roles,
                           boolean enabled) {
        static UserJson of(User u) {
            return new UserJson(u.username(), u.displayName(), u.station().code(),
                    u.roles().stream().map(Enum::name).sorted().toList(), u.enabled());
        }
    }

    public record AccessLogJson(OffsetDateTime at, String username, String stationCode, String action, Long contactId,
                                String caseNumber, String clientAddress, String detail) {
        static AccessLogJson of(org.weiquan.security.AccessLogEntry e) {
            return new AccessLogJson(StationTime.of(e.occurredAt()), e.username(), e.stationCode(), e.action().name(),
                    e.contactId(), e.caseNumber(), e.clientAddress(), e.detail());
        }
    }
}
