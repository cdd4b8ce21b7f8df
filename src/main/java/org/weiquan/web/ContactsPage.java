package org.weiquan.web;

import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactSearch;
import org.weiquan.intake.ContactStatus;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.weiquan.web.SearchFields.blank;
import static org.weiquan.web.SearchFields.day;
import static org.weiquan.web.SearchFields.dayAfter;

/**
 * Finding a registered contact again after the day it came in: by contact or case number, received dates,
 * status, category, channel and station, within the user's stations; twenty a page, newest first, the
 * complainant masked, each row opening the contact's read-only view.
 */
@Named
@ViewScoped
public class ContactsPage extends PagedSearch<ContactsPage.Row> {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ContactSearch search;

    @Inject
    transient org.weiquan.station.StationService stationService;

    @Inject
    Navigation navigation;

    private String number;
    private String stationCode;
    private String status;
    private String category;
    private String channel;
    private String receivedFrom;
    private String receivedTo;

    public void reset() {
        number = stationCode = status = category = channel = receivedFrom = receivedTo = null;
        search();
    }

    @Override
    protected Found<Row> find(int page, int size) {
        ContactSearch.Page result = search.search(new ContactSearch.Criteria(blank(number), blank(stationCode),
                blank(status), blank(category), blank(channel), day(receivedFrom, "receivedFrom"),
                dayAfter(receivedTo, "receivedTo"), page, size));
        return new Found<>(result.items().stream().map(Row::new).toList(), result.total());
    }

    @Override
    protected String formId() {
        return "contactsForm";
    }

    @Override
    protected String totalKey() {
        return "contacts.total";
    }

    /** A contact in the list: its number, the case once accepted, the complainant masked. */
    public static class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String caseNumber;
        private final String stationName;
        private final String channel;
        private final String category;
        private final String status;
        private final String receivedAt;
        private final String complainant;

        Row(ContactSearch.Item c) {
            id = c.id();
            caseNumber = c.caseNumber();
            stationName = c.stationName();
            channel = Texts.label("channel", c.channel());
            category = Texts.label("category", c.primaryCategory());
            status = Texts.label("contactStatus", c.status());
            receivedAt = Rows.time(c.receivedAt());
            complainant = c.complainant();
        }

        public long getId() { return id; }
        public String getCaseNumber() { return caseNumber; }
        public String getStationName() { return stationName; }
        public String getChannel() { return channel; }
        public String getCategory() { return category; }
        public String getStatus() { return status; }
        public String getReceivedAt() { return receivedAt; }
        public String getComplainant() { return complainant; }
    }

    /** The user's own station and those below it, by name. */
    public List<SelectItem> getStations() {
        String own = navigation.getStationCode();
        Deque<org.weiquan.station.StationService.StationNode> todo = new ArrayDeque<>(stationService.tree());
        while (!todo.isEmpty()) {
            var n = todo.pop();
            if (n.code().equals(own)) {
                return Rows.stationChoices(List.of(n));
            }
            todo.addAll(n.children());
        }
        return List.of();
    }

    public List<SelectItem> getStatuses() {
        return ContactPage.items("contactStatus", ContactStatus.values());
    }

    public List<SelectItem> getCategories() {
        return ContactPage.items("category", Category.values());
    }

    public List<SelectItem> getChannels() {
        return ContactPage.items("channel", Channel.values());
    }

    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public String getStationCode() { return stationCode; }
    public void setStationCode(String stationCode) { this.stationCode = stationCode; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getReceivedFrom() { return receivedFrom; }
    public void setReceivedFrom(String receivedFrom) { this.receivedFrom = receivedFrom; }
    public String getReceivedTo() { return receivedTo; }
    public void setReceivedTo(String receivedTo) { this.receivedTo = receivedTo; }
}
