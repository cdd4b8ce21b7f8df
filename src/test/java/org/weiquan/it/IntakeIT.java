package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.infrastructure.WeiquanDatabase;

import javax.sql.DataSource;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/** Intake and the case file through the REST API, on the real database and engine. */
@ExtendWith(ArquillianExtension.class)
class IntakeIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.weiquan();
    }

    @ArquillianResource
    URL base;

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Inject
    RuntimeService runtime;

    @Inject
    TaskService tasks;

    private Api api() {
        return TestUsers.countyStaff(base);
    }

    private Database db() {
        return new Database(dataSource);
    }

    private long register(String json) {
        Api.Reply reply = api().post("api/contacts", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private JsonObject decide(long contactId, String json) {
        Api.Reply reply = api().post("api/contacts/" + contactId + "/decision", json);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void aLetterWithTwoPartiesAndAScanIsLinkedToItsRepeatVisitAcceptedAndReadBackWithItsTimeline() {
        String phone = TestData.mobile();
        String complainant = TestData.name();
        long letter = register(contact("QX-0102", "LETTER", "DOMESTIC_VIOLENCE")
                .add("petitionType", "CLAIM").add("flags", Json.createArrayBuilder().add("minorInvolved"))
                .add("parties", Json.createArrayBuilder()
                        .add(party("COMPLAINANT", complainant, phone).add("idNumber", TestData.idNumber())
                                .add("address", "东门村3组").add("addressSafeToContact", false))
                        .add(party("RESPONDENT", TestData.name()).add("relation", "丈夫")))
                .add("confirmedNew", true).build().toString());
        Api.Reply scan = api().postBytes("api/contacts/" + letter + "/attachments", "application/pdf",
                "attachment; filename*=UTF-8''%E6%9D%A5%E4%BF%A1.pdf", "%PDF-1.4\n%scan\n".getBytes());
        assertThat(scan.status()).as(scan.toString()).isEqualTo(201);

        // a second visit with the same phone: the station is warned before anything is saved
        String second = contact("QX-0102", "VISIT", "DOMESTIC_VIOLENCE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), phone))).build()
                .toString();
        Api.Reply warned = api().post("api/contacts", second);
        assertThat(warned.status()).as(warned.toString()).isEqualTo(409);
        assertThat(warned.json().getJsonArray("candidates").getValuesAs(JsonObject.class))
                .anySatisfy(c -> {
                    assertThat(c.getJsonNumber("contactId").longValue()).isEqualTo(letter);
                    assertThat(c.getJsonArray("reasons").getValuesAs(JsonString.class))
                            .extracting(JsonString::getString).contains("SAME_PHONE");
                    assertThat(c.getString("complainant")).contains("*").doesNotContain(complainant);
                });
        long repeat = register(Json.createObjectBuilder(Json.createReader(new java.io.StringReader(second)).readObject())
                .add("repeatOfContactId", letter).build().toString());
        assertThat(api().get("api/contacts/" + repeat).json().getJsonArray("flags").getValuesAs(JsonString.class))
                .extracting(JsonString::getString).contains("repeatVisit");

        String number = decide(letter, "{\"decision\":\"ACCEPTED\"}").getString("caseNumber");
        assertThat(number).matches("QX-0102-20\\d\\d-\\d{4}");

        Api.Reply file = api().get("api/cases/" + number);
        assertThat(file.status()).isEqualTo(200);
        JsonObject caseFile = file.json();
        assertThat(caseFile.getString("status")).isEqualTo("OPEN");
        assertThat(caseFile.getString("deadlineState")).isEqualTo("ON_TIME");
        JsonObject theContact = caseFile.getJsonObject("contact");
        assertThat(theContact.getJsonArray("parties")).hasSize(2);
        assertThat(theContact.getJsonArray("parties").getJsonObject(0).getString("name")).isEqualTo(complainant);
        assertThat(theContact.getJsonArray("attachments").getJsonObject(0).getString("fileName")).isEqualTo("来信.pdf");
        assertThat(caseFile.getJsonArray("linkedContacts").getValuesAs(JsonObject.class))
                .anySatisfy(l -> assertThat(l.getJsonNumber("contactId").longValue()).isEqualTo(repeat));
        assertThat(caseFile.getJsonArray("timeline").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("type"))
                .containsExactly("CONTACT_REGISTERED", "ATTACHMENT_ADDED", "ACCEPTED");
        assertThat(file.body()).doesNotContain("\"changes\":null");
    }

    @Test
    void eachReviewDecisionLeavesTheContactWhereTheStationExpects() {
        long consultation = register(contact("QX-0103", "HOTLINE", "MARRIAGE_DISPUTE").add("confirmedNew", true).build().toString());
        assertThat(decide(consultation, "{\"decision\":\"CONSULTATION_ANSWERED\",\"reason\":\"已解答离婚程序\"}")
                .getString("status")).isEqualTo("CONSULTATION_ANSWERED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(consultation)).count()).isZero();

        long refused = register(contact("QX-0103", "VISIT", "INHERITANCE").add("confirmedNew", true).build().toString());
        Api.Reply missing = api().post("api/contacts/" + refused + "/decision", "{\"decision\":\"NOT_ACCEPTED\"}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("\"reason\"").contains("\"referredTo\"");
        assertThat(decide(refused, "{\"decision\":\"NOT_ACCEPTED\",\"reason\":\"已起诉\",\"referredTo\":\"县人民法院\"}")
                .getString("status")).isEqualTo("NOT_ACCEPTED");

        long moved = register(contact("QX-0103", "PHONE", "RURAL_LAND_RIGHTS").add("confirmedNew", true).build().toString());
        Api.Reply toItself = api().post("api/contacts/" + moved + "/decision", "{\"decision\":\"TRANSFERRED\",\"toStationCode\":\"QX-0103\"}");
        assertThat(toItself.status()).isEqualTo(422);
        assertThat(toItself.body()).contains("toStationCode");
        JsonObject transferred = decide(moved, "{\"decision\":\"TRANSFERRED\",\"toStationCode\":\"QX-0201\",\"reason\":\"属河西镇\"}");
        assertThat(transferred.getString("status")).isEqualTo("AWAITING_REVIEW");
        assertThat(transferred.getString("stationCode")).isEqualTo("QX-0201");
        JsonObject reviewAtNewStation = api().get("api/contacts/" + moved).json().getJsonArray("openTasks").getJsonObject(0);
        assertThat(reviewAtNewStation.getJsonArray("candidateGroups").getString(0)).isEqualTo("station:QX-0201:supervisor");

        long outside = register(contact("QX-0103", "LETTER", "EMPLOYMENT_DISCRIMINATION").add("confirmedNew", true).build().toString());
        assertThat(decide(outside, "{\"decision\":\"TRANSFERRED\",\"referredTo\":\"县人力资源和社会保障局\"}")
                .getString("status")).isEqualTo("TRANSFERRED_OUT");

        Api.Reply again = api().post("api/contacts/" + outside + "/decision", "{\"decision\":\"ACCEPTED\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(db().count("SELECT COUNT(*) FROM case_file WHERE contact_id = ?", outside)).isZero();
    }

    @Test
    void anAcknowledgementKeepsTheOverdueChaseAway() {
        long id = register(contact("QX-0104", "LETTER", "ELDER_SUPPORT").add("confirmedNew", true).build().toString());
        Api.Reply future = api().post("api/contacts/" + id + "/acknowledgement", "{\"date\":\"2999-01-01\",\"form\":\"SMS\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body()).contains("\"date\"");

        Api.Reply told = api().post("api/contacts/" + id + "/acknowledgement",
                "{\"date\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\",\"form\":\"SMS\"}");
        assertThat(told.status()).as(told.toString()).isEqualTo(200);
        assertThat(told.json().getString("acknowledgementForm")).isEqualTo("SMS");
        var instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id)).singleResult();
        assertThat(runtime.getVariable(instance.getId(), "acknowledged")).isEqualTo(true);
        assertThat(api().post("api/contacts/" + id + "/acknowledgement", "{\"date\":\"2026-01-01\",\"form\":\"SMS\"}").status())
                .isIn(409, 422);
    }

    @Test
    void acceptancesAtOneStationInParallelGetUniqueNumbersWithoutGaps() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(register(contact("QX-0213", "VISIT", "MARRIAGE_DISPUTE").add("confirmedNew", true).build().toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> numbers = new ArrayList<>();
        try {
            List<Callable<String>> accepts = ids.stream().map(id -> (Callable<String>) () ->
                    api().post("api/contacts/" + id + "/decision", "{\"decision\":\"ACCEPTED\"}").json()
                            .getString("caseNumber")).toList();
            for (Future<String> f : pool.invokeAll(accepts)) {
                numbers.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(numbers).doesNotHaveDuplicates().allMatch(n -> n.startsWith("QX-0213-"));
        List<Integer> sequences = numbers.stream().map(n -> Integer.parseInt(n.substring(n.length() - 4))).sorted().toList();
        int first = sequences.get(0);
        assertThat(sequences).containsExactlyElementsOf(IntStream.range(first, first + 8).boxed().toList());
        long year = Long.parseLong(numbers.get(0).split("-")[2]);
        assertThat(db().count("SELECT MAX(number_seq) FROM case_file WHERE number LIKE ?", "QX-0213-" + year + "-%"))
                .isEqualTo(db().count("SELECT COUNT(*) FROM case_file WHERE number LIKE ?", "QX-0213-" + year + "-%"));
    }

    @Test
    void earlierContactsAreFoundByPhoneIdNumberSimilarNameAndRespondent() {
        String phone = TestData.mobile();
        String idNumber = TestData.idNumber();
        String name = "欧阳" + TestData.name().substring(1);
        String respondent = TestData.name() + "军";
        long earlier = register(contact("QX-0105", "VISIT", "DOMESTIC_VIOLENCE").add("parties", Json.createArrayBuilder()
                .add(party("COMPLAINANT", name, phone).add("idNumber", idNumber))
                .add(party("RESPONDENT", respondent))).add("confirmedNew", true).build().toString());

        assertThat(reasonsFor(earlier, party("COMPLAINANT", "某某", phone))).contains("SAME_PHONE");
        assertThat(reasonsFor(earlier, party("COMPLAINANT", "某某").add("idNumber", idNumber))).contains("SAME_ID_NUMBER");
        String pinyin = org.weiquan.intake.PersonName.pinyin(name);
        assertThat(reasonsFor(earlier, party("COMPLAINANT", pinyin.toUpperCase()))).contains("SIMILAR_COMPLAINANT_NAME");
        String oneCharOff = name.substring(0, name.length() - 1) + (name.endsWith("娜") ? "妮" : "娜");
        assertThat(reasonsFor(earlier, party("COMPLAINANT", oneCharOff))).contains("SIMILAR_COMPLAINANT_NAME");
        assertThat(reasonsFor(earlier, party("RESPONDENT", respondent))).contains("SAME_RESPONDENT");
        assertThat(reasonsFor(earlier, party("COMPLAINANT", "司马" + TestData.name(), TestData.mobile()))).isEmpty();
    }

    private List<String> reasonsFor(long contactId, jakarta.json.JsonObjectBuilder party) {
        Api.Reply reply = api().post("api/contacts/duplicate-candidates",
                Json.createObjectBuilder().add("parties", Json.createArrayBuilder().add(party)).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return ((JsonArray) reply.jsonStructure()).getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("contactId").longValue() == contactId)
                .flatMap(c -> c.getJsonArray("reasons").getValuesAs(JsonString.class).stream().map(JsonString::getString))
                .toList();
    }

    @Test
    void aStaleEditIsRefusedWithTheCurrentVersionAndEveryChangeIsInTheTimeline() {
        long id = register(contact("QX-0106", "VISIT", "MARRIAGE_DISPUTE").add("confirmedNew", true).build().toString());
        String number = decide(id, "{\"decision\":\"ACCEPTED\"}").getString("caseNumber");
        long version = api().get("api/cases/" + number).json().getJsonNumber("version").longValue();

        Api.Reply first = api().patch("api/cases/" + number,
                "{\"version\":" + version + ",\"primaryCategory\":\"DOMESTIC_VIOLENCE\",\"flags\":[\"pregnant\"]}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Api.Reply stale = api().patch("api/cases/" + number, "{\"version\":" + version + ",\"summary\":\"覆盖\"}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.etag()).isEqualTo("\"" + first.json().getJsonNumber("version").longValue() + "\"");

        JsonObject file = api().get("api/cases/" + number).json();
        assertThat(file.getJsonObject("contact").getString("summary")).doesNotContain("覆盖");
        JsonObject edited = file.getJsonArray("timeline").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("type").equals("CASE_EDITED")).findFirst().orElseThrow();
        assertThat(edited.getJsonArray("changes").getValuesAs(JsonObject.class))
                .anySatisfy(c -> {
                    assertThat(c.getString("field")).isEqualTo("primaryCategory");
                    assertThat(c.getString("oldValue")).isEqualTo("MARRIAGE_DISPUTE");
                    assertThat(c.getString("newValue")).isEqualTo("DOMESTIC_VIOLENCE");
                });
        assertThat(edited.getString("actor")).isNotBlank();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteTheTimeline() throws SQLException {
        long id = register(contact("QX-0107", "VISIT", "OTHER").add("confirmedNew", true).build().toString());
        long entries = db().count("SELECT COUNT(*) FROM case_event WHERE contact_id = ?", id);
        assertThat(entries).isPositive();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE case_event SET description = 'x' WHERE contact_id = " + id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM case_event WHERE contact_id = " + id))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(db().count("SELECT COUNT(*) FROM case_event WHERE contact_id = ? AND description <> 'x'", id))
                .isEqualTo(entries);
    }

    @Test
    void phonesAndIdNumbersAreEncryptedInTheDatabaseYetSearchFindsTheCaseByPhone() {
        String phone = TestData.mobile();
        String idNumber = TestData.idNumber();
        long id = register(contact("QX-0108", "VISIT", "DOMESTIC_VIOLENCE").add("parties", Json.createArrayBuilder()
                .add(party("COMPLAINANT", TestData.name(), phone).add("idNumber", idNumber).add("address", "河西镇白沙村")))
                .add("confirmedNew", true).build().toString());
        String number = decide(id, "{\"decision\":\"ACCEPTED\"}").getString("caseNumber");

        assertThat(db().count("SELECT COUNT(*) FROM party_phone WHERE number_enc LIKE ?", "%" + phone.substring(3) + "%")).isZero();
        assertThat(db().count("SELECT COUNT(*) FROM party WHERE id_number_enc LIKE ?", "%" + idNumber.substring(6, 14) + "%")).isZero();
        assertThat(db().count("SELECT COUNT(*) FROM party WHERE address_enc LIKE ?", "%白沙%")).isZero();
        assertThat(db().count("SELECT COUNT(*) FROM party p JOIN party_phone ph ON ph.party_id = p.id WHERE p.contact_id = ?", id)).isOne();

        Api.Reply found = api().post("api/cases/search", "{\"phone\":\"" + phone.substring(0, 3) + " " + phone.substring(3, 7)
                + " " + phone.substring(7) + "\"}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("number")).containsExactly(number);
    }

    @Test
    void caseListsMaskNamesAndFilterByStationCategoryChannelAndDeadline() {
        String name = TestData.name();
        long id = register(contact("QX-0109", "MEDIA", "PRIVACY_ONLINE_HARM").add("parties", Json.createArrayBuilder()
                .add(party("COMPLAINANT", name))).add("confirmedNew", true).build().toString());
        String number = decide(id, "{\"decision\":\"ACCEPTED\"}").getString("caseNumber");

        JsonObject page = api().get("api/cases?stationCode=QX-0109&category=PRIVACY_ONLINE_HARM&channel=MEDIA"
                + "&deadline=ON_TIME&status=OPEN&size=100&sort=acceptedAt&direction=desc").json();
        JsonObject item = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("number").equals(number)).findFirst().orElseThrow();
        assertThat(item.getString("complainant")).isEqualTo(name.charAt(0) + "*" + name.charAt(2));
        assertThat(api().get("api/cases?stationCode=QX-0109").body()).doesNotContain(name);
        assertThat(api().get("api/cases?stationCode=QX-02&number=" + number).json().getJsonNumber("total").longValue()).isZero();
        assertThat(api().get("api/cases?deadline=OVERDUE&number=" + number).json().getJsonNumber("total").longValue()).isZero();
        Api.Reply badSort = api().get("api/cases?sort=name&size=500");
        assertThat(badSort.status()).isEqualTo(422);
        assertThat(badSort.body()).contains("\"sort\"").contains("\"size\"");
    }
}
