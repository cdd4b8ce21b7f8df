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
import org.weiquan.station.StationLevel;
import org.weiquan.station.StationService;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The station tree for administrators; the county's administrator also creates, renames and describes,
 * moves and closes stations here and reads each station's change history (issue 18).
 */
@Named
@ViewScoped
public class StationsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "stationsForm:";

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

    @Inject
    transient org.weiquan.network.NetworkImport files;

    private transient org.primefaces.model.file.UploadedFile upload;

    private List<AdminRows.Station> rows;

    // the create / edit form
    private boolean editing;
    private String code;
    private String name;
    private String level;
    private String parentCode;
    private String address;
    private String phone;
    private String openingHours;
    private String staffContact;
    private Long version;

    // the move form
    private String movingCode;
    private String moveTo;

    // the history shown
    private String historyCode;
    private List<NetworkHistory.Change> changes = List.of();

    @PostConstruct
    void load() {
        reload();
    }

    private void reload() {
        rows = navigation.isAdmin() ? AdminRows.flatten(stations.tree()) : List.of();
    }

    public List<AdminRows.Station> getRows() {
        return rows;
    }

    /** The administrator of the county station: the one who changes the network. */
    public boolean isCountyAdmin() {
        if (!navigation.isAdmin()) {
            return false;
        }
        var actor = currentActor.get();
        return actor.has(Role.ADMIN) && actor.isAtRoot();
    }

    public void save() {
        try {
            NetworkAdministration.StationView saved = editing
                    ? network.edit(code, new NetworkAdministration.StationDetails(name, address, phone, openingHours,
                    staffContact), version)
                    : network.create(new NetworkAdministration.NewStation(code, name, level, parentCode, address, phone,
                    openingHours, staffContact));
            AdminFeedback.info(editing ? "stations.saved" : "stations.created", saved.name(), saved.code());
            clear();
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> switch (field) {
                case "code", "name", "level", "parentCode", "address", "phone", "openingHours", "staffContact" -> FORM + field;
                default -> null;
            });
        }
    }

    public void edit(String stationCode) {
        try {
            NetworkAdministration.StationView s = network.station(stationCode);
            editing = true;
            code = s.code();
            name = s.name();
            level = s.level().name();
            parentCode = s.parentCode();
            address = s.address();
            phone = s.phone();
            openingHours = s.openingHours();
            staffContact = s.staffContact();
            version = s.version();
            movingCode = null;
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void clear() {
        editing = false;
        code = null;
        name = null;
        level = null;
        parentCode = null;
        address = null;
        phone = null;
        openingHours = null;
        staffContact = null;
        version = null;
    }

    public void startMove(String stationCode) {
        movingCode = stationCode;
        moveTo = null;
    }

    public void move() {
        try {
            NetworkAdministration.StationView moved = network.move(movingCode, moveTo, null);
            AdminFeedback.info("stations.moved", moved.name(), moved.code(), nameOf(moved.parentCode()));
            movingCode = null;
            moveTo = null;
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> "parentCode".equals(field) ? FORM + "moveTo" : null);
        }
    }

    public void cancelMove() {
        movingCode = null;
        moveTo = null;
    }

    public void close(String stationCode) {
        try {
            NetworkAdministration.StationView closed = network.close(stationCode, null);
            AdminFeedback.info("stations.closed", closed.name(), closed.code());
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void showHistory(String stationCode) {
        try {
            changes = history.of(NetworkChange.Subject.STATION, stationCode);
            historyCode = stationCode;
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void hideHistory() {
        historyCode = null;
        changes = List.of();
    }

    private String nameOf(String stationCode) {
        return rows.stream().filter(r -> r.getCode().equals(stationCode)).map(AdminRows.Station::getName).findFirst()
                .orElse(stationCode);
    }

    /** The open stations a new station may sit under: code and name. */
    public List<SelectItem> getParents() {
        List<SelectItem> items = new ArrayList<>();
        for (AdminRows.Station r : rows) {
            if (!r.isClosed() && !"VILLAGE".equals(r.getLevelName()) && !"COMMUNITY".equals(r.getLevelName())
                    && (movingCode == null || !r.getCode().equals(movingCode))) {
                items.add(new SelectItem(r.getCode(), r.getOption()));
            }
        }
        return items;
    }

    public List<SelectItem> getLevels() {
        return Arrays.stream(StationLevel.values()).filter(l -> l != StationLevel.COUNTY)
                .map(l -> new SelectItem(l.name(), AdminTexts.label("level", l))).toList();
    }

    public String getMovingTitle() {
        return movingCode == null ? "" : AdminTexts.get("stations.moveTitle", nameOf(movingCode), movingCode);
    }

    public String getHistoryTitle() {
        return historyCode == null ? "" : AdminTexts.get("stations.historyTitle", nameOf(historyCode), historyCode);
    }

    /** The whole network as the CSV file the import reads. */
    public org.primefaces.model.StreamedContent getNetworkFile() {
        byte[] content = files.export();
        return org.primefaces.model.DefaultStreamedContent.builder().name("weiquan-network.csv")
                .contentType("text/csv; charset=UTF-8").stream(() -> new java.io.ByteArrayInputStream(content)).build();
    }

    /** The whole network as an Excel workbook. */
    public org.primefaces.model.StreamedContent getNetworkWorkbook() {
        byte[] content = files.exportXlsx();
        return org.primefaces.model.DefaultStreamedContent.builder().name("weiquan-network.xlsx")
                .contentType(org.weiquan.network.NetworkImport.xlsxMediaType())
                .stream(() -> new java.io.ByteArrayInputStream(content)).build();
    }

    /** Imports a network file: all of it, or nothing and a message per bad row. */
    public void importFile() {
        if (upload == null || upload.getSize() == 0) {
            AdminFeedback.error("networkFileForm:upload", "network.chooseFile");
            return;
        }
        try {
            var result = files.importCsv(upload.getContent());
            AdminFeedback.info("network.imported", result.stationsCreated(), result.stationsChanged() + result.stationsClosed(),
                    result.agenciesCreated(), result.agenciesChanged());
            reload();
        } catch (RuntimeException e) {
            Throwable cause = Feedback.unwrap(e);
            if (cause instanceof org.weiquan.shared.InvalidInput invalid) {
                jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
                Feedback.error(null, AdminTexts.get("network.refused"));
                for (var fe : invalid.errors()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("row (\\d+): (.+)").matcher(fe.field());
                    String message = AdminFeedback.message(fe.message());
                    Feedback.error(null, m.matches()
                            ? AdminTexts.get("network.rowError", m.group(1), AdminTexts.label("network.column", m.group(2)), message)
                            : AdminTexts.get("feedback.field", AdminFeedback.fieldLabel(fe.field()), message));
                }
            } else {
                AdminFeedback.refused(e);
            }
        }
    }

    public org.primefaces.model.file.UploadedFile getUpload() { return upload; }
    public void setUpload(org.primefaces.model.file.UploadedFile upload) { this.upload = upload; }

    public boolean isEditing() { return editing; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = level; }
    public String getParentCode() { return parentCode; }
    public void setParentCode(String parentCode) { this.parentCode = parentCode; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getOpeningHours() { return openingHours; }
    public void setOpeningHours(String openingHours) { this.openingHours = openingHours; }
    public String getStaffContact() { return staffContact; }
    public void setStaffContact(String staffContact) { this.staffContact = staffContact; }
    public boolean isMoving() { return movingCode != null; }
    public String getMoveTo() { return moveTo; }
    public void setMoveTo(String moveTo) { this.moveTo = moveTo; }
    public boolean isShowingHistory() { return historyCode != null; }
    public List<NetworkHistory.Change> getChanges() { return changes; }
}
