package org.weiquan.web;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.IntakeService;
import org.weiquan.intake.PersonName;
import org.weiquan.shared.NotFound;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A registered contact, read only ({@code contact-view.xhtml?id=N}): what was registered — summary, parties
 * (names masked, no phones, identity numbers or addresses), category, channel, station, received time, status
 * and, once accepted, the case. Opened through {@link IntakeService#find}: the same scope check as the API's
 * contact read (another station's contact is "not found", 404) and the opening goes to the access log.
 */
@Named
@ViewScoped
public class ContactViewPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient IntakeService intake;

    @Inject
    transient org.weiquan.security.Users users;

    private boolean loaded;
    private boolean found;
    private long id;
    private String station;
    private String channel;
    private String receivedAt;
    private String registered;
    private String petitionType;
    private String category;
    private String otherCategories;
    private String flags;
    private String summary;
    private String status;
    private String decision;
    private String caseNumber;
    private Long repeatOf;
    private List<Party> parties = List.of();

    /** Opens the contact named in the URL once per page view. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        String param = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("id");
        try {
            if (param == null || !param.strip().matches("\\d{1,18}")) {
                throw new NotFound("contact");
            }
            show(intake.find(Long.parseLong(param.strip())));
        } catch (RuntimeException e) {
            if (Feedback.unwrap(e) instanceof NotFound) {
                FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
                Feedback.error(null, Texts.get("contactView.notFound"));
            } else {
                Feedback.refused(e);
            }
        }
    }

    private void show(ContactDetails c) {
        found = true;
        id = c.id();
        station = c.stationName();
        channel = Texts.label("channel", c.channel());
        receivedAt = Rows.time(c.receivedAt());
        registered = Rows.time(c.registeredAt()) + " · " + who(c.registeredBy());
        petitionType = Texts.label("petition", c.petitionType());
        category = Texts.label("category", c.primaryCategory());
        otherCategories = c.otherCategories().stream().map(k -> Texts.label("category", k)).collect(Collectors.joining("，"));
        flags = c.flags().stream().map(f -> Texts.label("flag", f)).collect(Collectors.joining("，"));
        summary = c.summary();
        status = Texts.label("contactStatus", c.status());
        decision = c.decision() == null ? "" : Texts.label("decision", c.decision())
                + (c.decidedAt() == null ? "" : " · " + Rows.time(c.decidedAt()) + " · " + who(c.decidedBy()));
        caseNumber = c.caseNumber();
        repeatOf = c.repeatOfContactId();
        parties = c.parties().stream().map(Party::new).toList();
    }

    private String who(String username) {
        if (username == null || username.isBlank()) {
            return "";
        }
        return users.byUsername(username).map(u -> u.displayName()).orElse(Texts.get("contactView.someone"));
    }

    /** A party as the contact view shows it: role, masked name, gender, age, relation. */
    public static class Party implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String role;
        private final String name;
        private final String gender;
        private final String age;
        private final String relation;

        Party(ContactDetails.PartyDetails p) {
            role = Texts.label("role", p.role());
            name = p.name() == null || p.name().isBlank() ? Texts.get("contactView.nameUnknown") : PersonName.mask(p.name());
            gender = Texts.label("gender", p.gender());
            age = p.age() == null ? "" : String.valueOf(p.age());
            relation = p.relation() == null ? "" : p.relation();
        }

        public String getRole() { return role; }
        public String getName() { return name; }
        public String getGender() { return gender; }
        public String getAge() { return age; }
        public String getRelation() { return relation; }
    }

    public String getTitle() { load(); return found ? Texts.get("contactView.title", String.valueOf(id)) : Texts.get("contacts.title"); }
    public boolean isFound() { load(); return found; }
    public long getId() { return id; }
    public String getStation() { return station; }
    public String getChannel() { return channel; }
    public String getReceivedAt() { return receivedAt; }
    public String getRegistered() { return registered; }
    public String getPetitionType() { return petitionType; }
    public String getCategory() { return category; }
    public String getOtherCategories() { return otherCategories; }
    public String getFlags() { return flags; }
    public String getSummary() { return summary; }
    public String getStatus() { return status; }
    public String getDecision() { return decision; }
    public String getCaseNumber() { return caseNumber; }
    public Long getRepeatOf() { return repeatOf; }
    public List<Party> getParties() { return parties; }
}
