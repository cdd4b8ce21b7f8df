package org.weiquan.api;

import jakarta.ejb.EJB;
import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.notification.EmailMode;
import org.weiquan.notification.Notification;
import org.weiquan.notification.NotificationPreference;
import org.weiquan.notification.Notifications;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.StationTime;

import java.time.Instant;

/** The logged-in user's notifications and her e-mail choice (issue 19). */
@Path("notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @EJB
    Notifications notifications;

    @GET
    @Operation(summary = "My notifications, newest first, with the unread count",
            description = "Each names a case number, a task's name, its due date and the link to the task; kept 90 days.")
    public String mine(@QueryParam("size") String size) {
        int wanted = 50;
        if (size != null) {
            try {
                wanted = Integer.parseInt(size);
            } catch (NumberFormatException e) {
                wanted = 0;
            }
            if (wanted < 1 || wanted > 200) {
                throw InvalidInput.of("size", "must be from 1 to 200");
            }
        }
        Notifications.Inbox inbox = notifications.mine(wanted);
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        inbox.items().forEach(n -> items.add(json(n)));
        return Jsonp.createObjectBuilder().add("unread", inbox.unread()).add("items", items).build().toString();
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many of my notifications are unread (the bell)")
    public String unread() {
        return Jsonp.createObjectBuilder().add("unread", notifications.unreadCount()).build().toString();
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark one of my notifications read (404 for anyone else's)")
    public String read(@PathParam("id") String id) {
        return json(notifications.markRead(ContactsResource.parseId(id), true)).build().toString();
    }

    @DELETE
    @Path("{id}/read")
    @Operation(summary = "Mark one of my notifications unread again (404 for anyone else's)")
    public String unread(@PathParam("id") String id) {
        return json(notifications.markRead(ContactsResource.parseId(id), false)).build().toString();
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Mark all my notifications read")
    public String readAll() {
        return Jsonp.createObjectBuilder().add("marked", notifications.markAllRead()).build().toString();
    }

    @GET
    @Path("preference")
    @Operation(summary = "My e-mail choice: the address and URGENT_AND_DIGEST, DIGEST_ONLY or OFF")
    public String preference() {
        return json(notifications.preference());
    }

    @PUT
    @Path("preference")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose my e-mail: an address (empty for none) and URGENT_AND_DIGEST (urgent work at once, "
            + "the rest in the daily digest), DIGEST_ONLY or OFF")
    public String choose(PreferenceJson body) {
        PreferenceJson p = ContactsResource.required(body);
        EmailMode mode = null;
        for (EmailMode m : EmailMode.values()) {
            if (m.name().equals(p.emailMode())) {
                mode = m;
            }
        }
        return json(notifications.choose(p.email(), mode)); // an unknown mode is named back with the address
    }

    public record PreferenceJson(String email, String emailMode) {
    }

    private static String json(NotificationPreference p) {
        JsonObjectBuilder o = Jsonp.createObjectBuilder().add("emailMode", p.emailMode().name());
        if (p.email() != null) {
            o.add("email", p.email());
        }
        return o.build().toString();
    }

    static JsonObjectBuilder json(Notification n) {
        JsonObjectBuilder o = Jsonp.createObjectBuilder().add("id", n.id()).add("kind", n.kind().name())
                .add("urgent", n.urgent()).add("task", n.taskName()).add("createdAt", time(n.createdAt()))
                .add("read", n.isRead()).add("link", n.path());
        if (n.caseNumber() != null) {
            o.add("caseNumber", n.caseNumber());
        }
        if (n.taskId() != null) {
            o.add("taskId", n.taskId());
        }
        if (n.due() != null) {
            o.add("due", time(n.due()));
        }
        return o;
    }

    static String time(Instant at) {
        return StationTime.of(at).toString();
    }
}
