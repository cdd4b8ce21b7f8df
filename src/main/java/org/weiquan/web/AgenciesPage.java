package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.network.NetworkAdministration;
import org.weiquan.network.NetworkChange;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.station.AgencyKind;
import org.weiquan.station.PartnerAgency;
import org.weiquan.station.StationService;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The partner agencies cases are referred to, for administrators; the county's administrator also creates,
 * edits, deactivates and reactivates them here (issue 18). The kind sets the days an agency has to answer.
 */
@Named
@ViewScoped
public class AgenciesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "agenciesForm:";

    @Inject
    Navigation navigation;

    @Inject
    StationService stations;

    @Inject
    NetworkAdministration network;

    @Inject
    CurrentActor currentActor;

    @Inject
    NetworkHistory history;

    private List<AdminRows.Agency> rows;
    private boolean editing;
    private String code;
    private String name;
    private String kind;
    private String stationCode;
    private String historyCode;
    private List<NetworkHistory.Change> changes = List.of();

    @PostConstruct
    void load() {
        reload();
    }

    private void reload() {
        rows = navigation.isAdmin() ? stations.allAgencies().stream().map(AdminRows.Agency::new).toList() : List.of();
    }

    public List<AdminRows.Agency> getRows() {
        return rows;
    }

    public boolean isCountyAdmin() {
        if (!navigation.isAdmin()) {
            return false;
        }
        var actor = currentActor.get();
        return actor.has(Role.ADMIN) && actor.isAtRoot();
    }

    public void save() {
        try {
            var input = new NetworkAdministration.AgencyInput(code, name, kind, stationCode);
            PartnerAgency saved = editing ? network.editAgency(code, input, null) : network.createAgency(input);
            AdminFeedback.info(editing ? "agencies.saved" : "agencies.created", saved.name());
            clear();
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> switch (field) {
                case "code", "name", "kind", "stationCode" -> FORM + field;
                default -> null;
            });
        }
    }

    public void edit(AdminRows.Agency a) {
        editing = true;
        code = a.getCode();
        name = a.getName();
        kind = a.getKindName();
        stationCode = a.getStationCode();
    }

    public void clear() {
        editing = false;
        code = null;
        name = null;
        kind = null;
        stationCode = null;
    }

    public void deactivate(AdminRows.Agency a) {
        try {
            network.deactivateAgency(a.getCode(), null);
            AdminFeedback.info("agencies.deactivated", a.getName());
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void reactivate(AdminRows.Agency a) {
        try {
            network.reactivateAgency(a.getCode(), null);
            AdminFeedback.info("agencies.reactivated", a.getName());
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void showHistory(AdminRows.Agency a) {
        try {
            changes = history.of(NetworkChange.Subject.AGENCY, a.getCode());
            historyCode = a.getName();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void hideHistory() {
        historyCode = null;
        changes = List.of();
    }

    public List<SelectItem> getKinds() {
        return Arrays.stream(AgencyKind.values()).map(k -> new SelectItem(k.name(), AdminTexts.label("agencyKind", k)
                + AdminTexts.get("agencies.kindDays", org.weiquan.referral.AnswerPeriod.days(k, false)))).toList();
    }

    public List<SelectItem> getStations() {
        return AdminRows.flatten(stations.tree()).stream().filter(s -> !s.isClosed())
                .map(s -> new SelectItem(s.getCode(), s.getOption())).toList();
    }

    public String getHistoryTitle() {
        return historyCode == null ? "" : AdminTexts.get("agencies.historyTitle", historyCode);
    }

    public boolean isEditing() { return editing; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getStationCode() { return stationCode; }
    public void setStationCode(String stationCode) { this.stationCode = stationCode; }
    public boolean isShowingHistory() { return historyCode != null; }
    public List<NetworkHistory.Change> getChanges() { return changes; }
}
