package org.weiquan.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.ledger.LedgerImport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

@Path("ledger")
public class LedgerResource {

    static final long MAX_BYTES = 5L * 1024 * 1024;

    @Inject
    LedgerImport ledger;

    @GET
    @Path("template.csv")
    @Produces("text/csv")
    @Operation(summary = "The ledger template (CSV, UTF-8): the columns and one example row")
    public Response template() {
        return Response.ok(("\uFEFF" + LedgerImport.template()).getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"weiquan-ledger-template.csv\"").build();
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a station's ledger (SUPERVISOR)",
            description = "The body is the CSV file (the template's columns; at most 5 MiB, 5000 rows). Every row is "
                    + "checked first: one bad row refuses the whole file with a list naming each row and column "
                    + "(422). A row imported before is recognised and not imported again.")
    public LedgerImport.Result importLedger(InputStream body) throws IOException {
        return ledger.importCsv(BodyLimit.readAtMost(body, MAX_BYTES, "body"));
    }
}
