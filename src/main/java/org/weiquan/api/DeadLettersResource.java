package org.weiquan.api;

import jakarta.ejb.EJB;
import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.notification.Notifications;

/** The notifications that could not be delivered by e-mail or the gateway (ADMIN, her subtree's users; issue 19). */
@Path("admin/notifications/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {

    @EJB
    Notifications notifications;

    @GET
    @Operation(summary = "Messages not delivered after the last attempt, or whose send was interrupted (ADMIN)",
            description = "Whom, which channel (EMAIL, WEBHOOK), the case number and task, the attempts and the last "
                    + "failure's kind; newest first.")
    public String list() {
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (Notifications.DeadLetter d : notifications.deadLetters()) {
            JsonObjectBuilder o = Jsonp.createObjectBuilder().add("id", d.id()).add("recipient", d.recipient())
                    .add("channel", d.channel().name()).add("task", d.taskName()).add("attempts", d.attempts())
                    .add("createdAt", NotificationsResource.time(d.createdAt()));
            if (d.caseNumber() != null) {
                o.add("caseNumber", d.caseNumber());
            }
            if (d.lastError() != null) {
                o.add("lastError", d.lastError());
            }
            if (d.failedAt() != null) {
                o.add("failedAt", NotificationsResource.time(d.failedAt()));
            }
            list.add(o);
        }
        return list.build().toString();
    }

    @POST
    @Path("{id}/resend")
    @Operation(summary = "Send a dead letter once more (ADMIN; 404 outside her subtree)")
    public Response resend(@PathParam("id") String id) {
        notifications.resend(ContactsResource.parseId(id));
        return Response.noContent().build();
    }
}
