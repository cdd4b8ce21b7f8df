package org.weiquan.api;

import jakarta.ejb.EJB;
import org.weiquan.shared.Jsonp;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.casework.AbsenceService;
import org.weiquan.shared.InvalidInput;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Path("absences")
@Produces(MediaType.APPLICATION_JSON)
public class AbsencesResource {

    @EJB
    AbsenceService absences;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A member of staff is away from–to (SUPERVISOR of her station or above)",
            description = "From the first day her open tasks are offered to her station, and tasks the models would "
                    + "give her go there too. Answers how many tasks were offered now.")
    public String set(AbsenceJson body) {
        AbsenceJson a = ContactsResource.required(body);
        int released = absences.set(a.username(), date("from", a.from()), date("to", a.to()), a.reason());
        return Jsonp.createObjectBuilder().add("tasksReleased", released).build().toString();
    }

    private static LocalDate date(String field, String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInput.of(field, "must be a date like 2026-03-02");
        }
    }

    public record AbsenceJson(String username, String from, String to, String reason) {
    }
}
