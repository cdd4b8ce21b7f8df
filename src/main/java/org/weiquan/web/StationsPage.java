package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.station.StationService;

import java.util.List;

/** The station tree, for administrators: code, name and level, children indented under their parent. */
@Named
@RequestScoped
public class StationsPage {

    @Inject
    Navigation navigation;

    @Inject
    StationService stations;

    private List<AdminRows.Station> rows;

    public List<AdminRows.Station> getRows() {
        if (rows == null) {
            rows = navigation.isAdmin() ? AdminRows.flatten(stations.tree()) : List.of();
        }
        return rows;
    }
}
