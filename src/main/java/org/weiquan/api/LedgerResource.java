package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.weiquan.ledger.LedgerImport;
import org.weiquan.ledger.LedgerXlsx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

@Path("ledger")
public class LedgerResource {

    static final long MAX_BYTES = 5L * 1024 * 1024;

    @EJB
    LedgerImport ledger;

    @GET
    @Path("template.csv")
    @Produces("text/csv")
    @Operation(summary = "The ledger template (CSV, UTF-8): the columns and one example row")
    public Response template() {
        return Response.ok(("\uFEFF" + LedgerImport.template()).getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"weiquan-ledger-template.csv\"").build();
    }

    @GET
    @Path("template.xlsx")
    @Produces(LedgerXlsx.MEDIA_TYPE)
    @Operation(summary = "The ledger template (Excel workbook): the columns and one example row, cells formatted as "
            + "text, and a sheet of instructions (required columns, allowed values, date format)")
    public Response templateXlsx() {
        return Response.ok(LedgerXlsx.template(), LedgerXlsx.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"weiquan-ledger-template.xlsx\"").build();
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, LedgerXlsx.MEDIA_TYPE})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a station's ledger (SUPERVISOR)",
            description = "The body is the CSV file or the Excel workbook (.xlsx, its first sheet) with the template's "
                    + "columns; at most 5 MiB, 5000 rows. Every row is checked first: one bad row refuses the whole "
                    + "file with a list naming each row and column (422). A row imported before, as CSV or as XLSX, is "
                    + "recognised and not imported again. Other content types: 415.")
    @APIResponse(responseCode = "200", description = "Imported")
    @APIResponse(responseCode = "413", description = "Larger than 5 MiB", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Neither CSV nor XLSX", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "A bad row, a missing column or an unreadable file; nothing imported",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public LedgerImport.Result importLedger(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType type, InputStream body)
            throws IOException {
        byte[] content = BodyLimit.readAtMost(body, MAX_BYTES, "body");
        return isXlsx(type) ? ledger.importXlsx(content) : ledger.importCsv(content);
    }

    private static boolean isXlsx(MediaType type) {
        return type != null && (type.getType() + "/" + type.getSubtype()).equalsIgnoreCase(LedgerXlsx.MEDIA_TYPE);
    }
}
