package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.weiquan.network.NetworkImport;

import java.io.IOException;
import java.io.InputStream;

/** The whole network (stations and partner agencies) as one CSV file, out and in (issue 18). */
@Path("admin/network")
public class NetworkFileResource {

    static final int MAX_BYTES = 2 * 1024 * 1024;

    @EJB
    NetworkImport files;

    @GET
    @Path("network.csv")
    @Produces("text/csv")
    @Operation(summary = "The network as a CSV file: a row per station (parents first) and per partner agency (ADMIN of the county)",
            description = "Columns: record (STATION or AGENCY), code, name, level, parent_code, address, phone, opening_hours, "
                    + "staff_contact, kind, station_code, state (OPEN/CLOSED, ACTIVE/INACTIVE). Edit it and send it back.")
    public Response export() {
        return Response.ok(files.export(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"weiquan-network.csv\"").build();
    }

    @GET
    @Path("network.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "The network as an Excel workbook: the columns and rows of network.csv on the first sheet (ADMIN of the county)")
    public Response exportXlsx() {
        return Response.ok(files.exportXlsx(), NetworkImport.xlsxMediaType())
                .header("Content-Disposition", "attachment; filename=\"weiquan-network.xlsx\"").build();
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a network file (ADMIN of the county)",
            description = "The columns of GET /api/admin/network/network.csv, as CSV or as an Excel workbook (.xlsx, its "
                    + "first sheet); at most 2 MiB, 5000 rows. New codes are created "
                    + "(a parent before its children), known ones renamed, described, moved, closed or (de)activated. Every "
                    + "row is checked first: one bad row refuses the whole file with a list naming each row and column (422).")
    @APIResponse(responseCode = "200", description = "Imported")
    @APIResponse(responseCode = "422", description = "A bad row or a missing column; nothing imported",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public NetworkImport.Result importNetwork(InputStream body) throws IOException {
        return files.importCsv(BodyLimit.readAtMost(body, MAX_BYTES, "body"));
    }
}
