package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.station.StationService;

import java.util.List;

/** The partner agencies cases are referred to, for administrators. */
@Named
@RequestScoped
public class AgenciesPage {

    @Inject
    Navigation navigation;

    @Inject
    StationService stations;

    private List<AdminRows.Agency> rows;

    public List<AdminRows.Agency> getRows() {
        if (rows == null) {
            rows = navigation.isAdmin() ? stations.agencies().stream().map(AdminRows.Agency::new).toList() : List.of();
        }
        return rows;
    }
}
