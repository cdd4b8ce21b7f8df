package org.weiquan.web;

import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.casefile.CaseSearch;
import org.weiquan.casefile.CaseStatus;
import org.weiquan.casefile.DeadlineState;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;

import java.util.List;

import static org.weiquan.web.SearchFields.blank;
import static org.weiquan.web.SearchFields.day;
import static org.weiquan.web.SearchFields.dayAfter;

/** The case list: the intake filters, names masked, twenty a page. */
@Named
@ViewScoped
public class CasesPage extends PagedSearch<Rows.Case> {

    private static final long serialVersionUID = 1L;

    @Inject
    transient CaseSearch search;

    private String number;
    private String status;
    private String category;
    private String channel;
    private String deadline;
    private String receivedFrom;
    private String receivedTo;
    private String phone;
    private String name;

    public void reset() {
        number = status = category = channel = deadline = receivedFrom = receivedTo = phone = name = null;
        search();
    }

    @Override
    protected Found<Rows.Case> find(int page, int size) {
        CaseSearch.Page result = search.search(new CaseSearch.Criteria(blank(number), null, blank(status),
                blank(category), blank(channel), day(receivedFrom, "receivedFrom"), dayAfter(receivedTo, "receivedTo"),
                null, null, blank(deadline), blank(phone), blank(name), page, size, "number", "desc"));
        return new Found<>(result.items().stream().map(Rows.Case::new).toList(), result.total());
    }

    @Override
    protected String formId() {
        return "casesForm";
    }

    @Override
    protected String totalKey() {
        return "cases.total";
    }

    public List<SelectItem> getStatuses() {
        return ContactPage.items("status", CaseStatus.values());
    }

    public List<SelectItem> getCategories() {
        return ContactPage.items("category", Category.values());
    }

    public List<SelectItem> getChannels() {
        return ContactPage.items("channel", Channel.values());
    }

    public List<SelectItem> getDeadlines() {
        return ContactPage.items("deadline", DeadlineState.values());
    }

    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getDeadline() { return deadline; }
    public void setDeadline(String deadline) { this.deadline = deadline; }
    public String getReceivedFrom() { return receivedFrom; }
    public void setReceivedFrom(String receivedFrom) { this.receivedFrom = receivedFrom; }
    public String getReceivedTo() { return receivedTo; }
    public void setReceivedTo(String receivedTo) { this.receivedTo = receivedTo; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
