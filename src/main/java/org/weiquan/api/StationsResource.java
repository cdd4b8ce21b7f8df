package org.weiquan.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.weiquan.station.StationService;

import java.util.List;

@Path("stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationsResource {

    @EJB
    StationService stations;

    @GET
    @Operation(summary = "The station tree", description = "County, sub-district centres, community stations and village rooms, each with its children.")
    public List<StationJson> tree() {
        return stations.tree().stream().map(StationJson::of).toList();
    }

    public record StationJson(String code, String name, String level, List<StationJson> children) {
        static StationJson of(StationService.StationNode node) {
            return new StationJson(node.code(), node.name(), node.level().name(),
                    node.children().stream().map(StationJson::of).toList());
        }
    }
}
