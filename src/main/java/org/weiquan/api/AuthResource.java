package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.weiquan.security.Actor;
import org.weiquan.security.ApiTokens;
import org.weiquan.security.Authentication;
import org.weiquan.security.CurrentActor;

import java.util.List;

@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @EJB
    Authentication authentication;

    @Inject
    ApiTokens tokens;

    @Inject
    CurrentActor currentActor;

    @Context
    HttpServletRequest request;

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in an API client",
            description = "Returns a bearer token for `Authorization: Bearer <token>`. It lapses after 30 idle minutes "
                    + "or 8 hours, at logout, and when the password, the roles or the account change. Wrong user name, "
                    + "wrong password and disabled account answer alike (401). Repeated failures make the attempts of "
                    + "that user name from that address wait, doubling from 2 s to 15 minutes (429 with Retry-After); "
                    + "so do many failures from one address, or for one user name from many addresses (but not from "
                    + "addresses the user has logged in from). A password reset by an administrator answers 403 "
                    + "password-change-required: choose a new one with POST /api/auth/password.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "demo intake",
            value = "{\"username\":\"jiedai\",\"password\":\"weiquan-demo-2026\"}")))
    @APIResponse(responseCode = "200", description = "Logged in")
    @APIResponse(responseCode = "401", description = "Wrong user name or password", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The password was reset by an administrator: choose a new one first", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "429", description = "Too many failed logins", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response login(Credentials body) {
        Credentials c = ContactsResource.required(body);
        String token = authentication.issueToken(c.username(), c.password(), request.getRemoteAddr());
        return Response.ok(new TokenJson(token, "Bearer", 1800)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose a new password (also after a reset by an administrator)",
            description = "Checked like a login (same answers, same throttling); the new password needs at least 12 "
                    + "characters, must not be a common password found in breaches, nor contain the user name. Every "
                    + "open session and token of the user ends; the answer is a token, as from POST /api/auth/token.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "new password",
            value = "{\"username\":\"jiedai\",\"password\":\"the-one-set-by-the-admin\",\"newPassword\":\"a-phrase-only-i-know\"}")))
    @APIResponse(responseCode = "200", description = "Changed and logged in")
    @APIResponse(responseCode = "401", description = "Wrong user name or password", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "The new password breaks the policy", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response changePassword(PasswordChange body) {
        PasswordChange c = ContactsResource.required(body);
        String token = authentication.changePassword(c.username(), c.password(), c.newPassword(), request.getRemoteAddr());
        return Response.ok(new TokenJson(token, "Bearer", 1800)).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("token")
    @Operation(summary = "Log out: the token stops working at once")
    public Response logout(@HeaderParam("Authorization") String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            tokens.revoke(authorization.substring(7).strip());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("me")
    @Operation(summary = "Who you are: user, station, roles")
    public MeJson me() {
        Actor a = currentActor.get();
        return new MeJson(a.username(), a.stationCode(), a.roles().stream().map(Enum::name).sorted().toList());
    }

    public record Credentials(String username, String password) {
    }

    public record PasswordChange(String username, String password, String newPassword) {
    }

    public record TokenJson(String token, String type, long idleSeconds) {
    }

    public record MeJson(String username, String stationCode, List<String> roles) {
    }
}
