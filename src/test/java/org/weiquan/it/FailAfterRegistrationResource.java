package org.weiquan.it;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.weiquan.intake.ContactRegistration;

import java.time.OffsetDateTime;

/** Test-only endpoint (only in the test deployment): a request whose transaction fails after both writes. */
@Path("it/fail-after-registration")
public class FailAfterRegistrationResource {

    @Inject
    FailAfterRegistration failing;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response registerThenFail() {
        try {
            failing.registerThenFail(new ContactRegistration("QX-0104", "VISIT", OffsetDateTime.now().minusHours(1),
                    "来访", null, "OTHER", null, null, null, null, true));
            return Response.serverError().build();
        } catch (FailAfterRegistration.LaterStepFailed e) {
            return Response.status(409).entity(Json.createObjectBuilder().add("contactId", e.contactId).build()
                    .toString()).build();
        }
    }
}
