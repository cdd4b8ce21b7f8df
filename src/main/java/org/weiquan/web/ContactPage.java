package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.ContactDetails;
import org.weiquan.intake.ContactFlags;
import org.weiquan.intake.ContactRegistration;
import org.weiquan.intake.DuplicateCandidate;
import org.weiquan.intake.DuplicatesFound;
import org.weiquan.intake.Gender;
import org.weiquan.intake.IntakeService;
import org.weiquan.intake.PartyRole;
import org.weiquan.intake.PetitionType;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Register a contact: one form for every channel, parties added inline, earlier contacts on the same
 * matter shown while the user types, and — once saved — attachments. A refused form keeps everything
 * typed and names each wrong field.
 */
@Named
@ViewScoped
public class ContactPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern PARTY_FIELD = Pattern.compile("parties\\[(\\d+)]\\.(\\w+)(?:\\[\\d+]\\.?\\w*)?");

    @Inject
    transient IntakeService intake;

    @Inject
    Navigation navigation;

    @Inject
    transient Clock clock;

    private String channel;
    private String receivedAt;
    private String summary;
    private String petitionType;
    private String primaryCategory;
    private List<String> otherCategories = new ArrayList<>();
    private List<String> flags = new ArrayList<>();
    private final List<PartyForm> parties = new ArrayList<>();
    private List<Candidate> candidates = List.of();
    private Long repeatOfContactId;
    private boolean confirmedNew;
    private Long registeredId;
    private String stationCode;
    private UploadedFile upload;
    private final List<String> uploaded = new ArrayList<>();

    @PostConstruct
    void start() {
        stationCode = navigation.getStationCode();
        receivedAt = LocalDateTime.now(clock.withZone(StationTime.ZONE)).truncatedTo(ChronoUnit.MINUTES).toString();
        parties.add(new PartyForm("COMPLAINANT"));
        parties.add(new PartyForm("RESPONDENT"));
    }

    /** One party as typed; one phone per party on this form (the API takes more). */
    public static class PartyForm implements Serializable {
        private static final long serialVersionUID = 1L;
        private String role;
        private String name;
        private String gender;
        private Integer age;
        private String idNumber;
        private String phone;
        /** Unticked until someone says so: unstated is not safe. */
        private boolean phoneSafe;
        private String address;
        private boolean addressSafe;
        private String relation;

        PartyForm(String role) {
            this.role = role;
        }

        ContactRegistration.PartyInput input() {
            List<ContactRegistration.PhoneInput> phones = phone == null ? List.of()
                    : List.of(new ContactRegistration.PhoneInput(phone, phoneSafe));
            return new ContactRegistration.PartyInput(role, name, gender, null, age, idNumber, phones, address,
                    address == null ? null : addressSafe, relation);
        }

        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getGender() { return gender; }
        public void setGender(String gender) { this.gender = gender; }
        public Integer getAge() { return age; }
        public void setAge(Integer age) { this.age = age; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public boolean isPhoneSafe() { return phoneSafe; }
        public void setPhoneSafe(boolean phoneSafe) { this.phoneSafe = phoneSafe; }
        public String getAddress() { return address; }
        public void setAddress(String address) { this.address = address; }
        public boolean isAddressSafe() { return addressSafe; }
        public void setAddressSafe(boolean addressSafe) { this.addressSafe = addressSafe; }
        public String getRelation() { return relation; }
        public void setRelation(String relation) { this.relation = relation; }
    }

    /** An earlier contact that may be the same matter (names masked by the service). */
    public static class Candidate implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long contactId;
        private final String caseNumber;
        private final String stationName;
        private final String receivedAt;
        private final String complainant;
        private final String reasons;

        Candidate(DuplicateCandidate d) {
            contactId = d.contactId();
            caseNumber = d.caseNumber();
            stationName = d.stationName();
            receivedAt = Rows.time(d.receivedAt());
            complainant = d.complainant();
            reasons = String.join("，", d.reasons().stream().map(r -> Texts.label("duplicate", r)).toList());
        }

        public long getContactId() { return contactId; }
        public String getCaseNumber() { return caseNumber; }
        public String getStationName() { return stationName; }
        public String getReceivedAt() { return receivedAt; }
        public String getComplainant() { return complainant; }
        public String getReasons() { return reasons; }
    }

    ContactRegistration registration() {
        return new ContactRegistration(stationCode, channel, receivedAtOffset(), summary, petitionType, primaryCategory,
                otherCategories, flags, parties.stream().map(PartyForm::input).toList(), repeatOfContactId, confirmedNew);
    }

    private java.time.OffsetDateTime receivedAtOffset() {
        try {
            return receivedAt == null ? null : LocalDateTime.parse(receivedAt).atZone(StationTime.ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** While the user types a phone, ID number or name: earlier contacts that may be the same matter. */
    public void checkDuplicates() {
        try {
            candidates = intake.duplicateCandidates(registration()).stream().map(Candidate::new).toList();
        } catch (RuntimeException e) {
            candidates = List.of();
            if (!(Feedback.unwrap(e) instanceof org.weiquan.shared.InvalidInput)) {
                Feedback.refused(e); // a half-typed form is not an error yet: it is checked in full when saved
            }
        }
    }

    public void linkRepeat(long contactId) {
        repeatOfContactId = contactId;
        confirmedNew = false;
        Feedback.info("contact.linked", String.valueOf(contactId));
    }

    public void confirmNew() {
        repeatOfContactId = null;
        confirmedNew = true;
        Feedback.info("contact.confirmedNew");
    }

    public void addParty() {
        parties.add(new PartyForm("OTHER"));
    }

    public void removeParty(int index) {
        if (index >= 0 && index < parties.size() && parties.size() > 1) {
            parties.remove(index);
        }
    }

    public void register() {
        if (receivedAt != null && receivedAtOffset() == null) {
            Feedback.error("contactForm:receivedAt", Texts.get("rule.must_be_a_time"));
            jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        try {
            ContactDetails saved = intake.register(registration());
            registeredId = saved.id();
            Feedback.info("contact.saved", String.valueOf(saved.id()));
        } catch (RuntimeException e) {
            if (Feedback.unwrap(e) instanceof DuplicatesFound found) {
                candidates = found.candidates().stream().map(Candidate::new).toList();
                Feedback.error(null, duplicateBanner(candidates));
                jakarta.faces.context.FacesContext.getCurrentInstance().validationFailed();
                return;
            }
            Feedback.refused(e, ContactPage::componentOf);
        }
    }

    /**
     * The message at the top when saving met earlier contacts: which ones (number, station, date, masked
     * complainant) and what the clerk can do — not a sentence that ends in "please choose:" with nothing after it.
     */
    static String duplicateBanner(List<Candidate> candidates) {
        String list = candidates.stream().map(c -> Texts.get("contact.duplicateItem", String.valueOf(c.getContactId()),
                        c.getStationName(), c.getReceivedAt(), c.getComplainant().isEmpty() ? "—" : c.getComplainant()))
                .collect(java.util.stream.Collectors.joining("；"));
        return Texts.get("contact.duplicateBanner", String.valueOf(candidates.size()), list,
                Texts.get("contact.linkRepeat"), Texts.get("contact.isNew"));
    }

    /** parties[1].phones[0].number → contactForm:parties:1:phone; channel → contactForm:channel. */
    static String componentOf(String field) {
        Matcher m = PARTY_FIELD.matcher(field);
        if (m.matches()) {
            String name = switch (m.group(2)) {
                case "phones" -> "phone";
                case "birthDate" -> "age";
                case "addressSafeToContact" -> "address";
                default -> m.group(2);
            };
            return "contactForm:parties:" + m.group(1) + ":" + name;
        }
        return switch (field) {
            case "channel", "receivedAt", "summary", "petitionType", "primaryCategory", "otherCategories" -> "contactForm:" + field;
            default -> field.startsWith("flags") ? "contactForm:flags" : null;
        };
    }

    public void attach() {
        if (upload == null || upload.getSize() == 0 || registeredId == null) {
            return;
        }
        try {
            intake.attach(registeredId, upload.getFileName(), upload.getContentType(), upload.getContent());
            uploaded.add(upload.getFileName());
            Feedback.info("contact.uploaded", upload.getFileName());
        } catch (RuntimeException e) {
            Feedback.refused(e, field -> "uploadForm:upload");
        }
    }

    public String another() {
        return "/app/contact?faces-redirect=true";
    }

    public List<SelectItem> getChannels() {
        return items("channel", Channel.values());
    }

    public List<SelectItem> getCategories() {
        return items("category", Category.values());
    }

    public List<SelectItem> getPetitionTypes() {
        return items("petition", PetitionType.values());
    }

    public List<SelectItem> getRoles() {
        return items("role", PartyRole.values());
    }

    public List<SelectItem> getGenders() {
        return items("gender", Gender.values());
    }

    public List<SelectItem> getFlagItems() {
        return ContactFlags.NAMES.stream().filter(f -> !"repeatVisit".equals(f))
                .map(f -> new SelectItem(f, Texts.label("flag", f))).toList();
    }

    static List<SelectItem> items(String prefix, Enum<?>[] values) {
        return Arrays.stream(values).map(v -> new SelectItem(v.name(), Texts.label(prefix, v))).toList();
    }

    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getReceivedAt() { return receivedAt; }
    public void setReceivedAt(String receivedAt) { this.receivedAt = receivedAt; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public String getPetitionType() { return petitionType; }
    public void setPetitionType(String petitionType) { this.petitionType = petitionType; }
    public String getPrimaryCategory() { return primaryCategory; }
    public void setPrimaryCategory(String primaryCategory) { this.primaryCategory = primaryCategory; }
    public List<String> getOtherCategories() { return otherCategories; }
    public void setOtherCategories(List<String> otherCategories) { this.otherCategories = otherCategories; }
    public List<String> getFlags() { return flags; }
    public void setFlags(List<String> flags) { this.flags = flags; }
    public List<PartyForm> getParties() { return parties; }
    public List<Candidate> getCandidates() { return candidates; }
    public Long getRepeatOfContactId() { return repeatOfContactId; }
    public boolean isConfirmedNew() { return confirmedNew; }
    public Long getRegisteredId() { return registeredId; }
    public String getLinkedText() { return Texts.get("contact.linked", String.valueOf(repeatOfContactId)); }
    public String getRegisteredText() { return Texts.get("contact.registered", String.valueOf(registeredId)); }
    public boolean isRegistered() { return registeredId != null; }
    public UploadedFile getUpload() { return upload; }
    public void setUpload(UploadedFile upload) { this.upload = upload; }
    public List<String> getUploaded() { return uploaded; }
}
