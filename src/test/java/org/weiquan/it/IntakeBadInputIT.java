package org.weiquan.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.camunda.bpm.engine.RuntimeService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.weiquan.infrastructure.WeiquanDatabase;

import javax.sql.DataSource;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.weiquan.it.TestData.contact;
import static org.weiquan.it.TestData.party;

/**
 * Every kind of bad input the intake issue lists: each answers 4xx as problem+json naming the field,
 * and nothing — no contact, no party, no process, no attachment — is written.
 */
@ExtendWith(ArquillianExtension.class)
class IntakeBadInputIT {

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

    private record Bad(String what, String body, int status, String field) {
    }

    private static String valid(Consumer<JsonObjectBuilder> change) {
        JsonObjectBuilder b = contact("QX-0110", "LETTER", "MARRIAGE_DISPUTE")
                .add("parties", Json.createArrayBuilder().add(party("COMPLAINANT", TestData.name(), TestData.mobile())))
                .add("confirmedNew", true);
        change.accept(b);
        return b.build().toString();
    }

    private static String withParty(JsonObjectBuilder party) {
        return valid(b -> b.add("parties", Json.createArrayBuilder().add(party)));
    }

    @Test
    void badRegistrationsAreRefusedNamingTheFieldAndWriteNothing() {
        String wrongCheckDigit = TestData.idNumber();
        char last = wrongCheckDigit.charAt(17);
        wrongCheckDigit = wrongCheckDigit.substring(0, 17) + (last == '1' ? '2' : '1');
        List<Bad> cases = new ArrayList<>(List.of(
                new Bad("missing station", valid(b -> b.remove("stationCode")), 422, "stationCode"),
                new Bad("missing channel", valid(b -> b.remove("channel")), 422, "channel"),
                new Bad("missing received time", valid(b -> b.remove("receivedAt")), 422, "receivedAt"),
                new Bad("missing summary", valid(b -> b.remove("summary")), 422, "summary"),
                new Bad("missing category", valid(b -> b.remove("primaryCategory")), 422, "primaryCategory"),
                new Bad("unknown station", valid(b -> b.add("stationCode", "NOPE-01")), 422, "stationCode"),
                new Bad("unknown channel", valid(b -> b.add("channel", "FAX")), 422, "channel"),
                new Bad("unknown category", valid(b -> b.add("primaryCategory", "THEFT")), 422, "primaryCategory"),
                new Bad("unknown other category", valid(b -> b.add("otherCategories", Json.createArrayBuilder().add("X"))), 422, "otherCategories[0]"),
                new Bad("unknown petition type", valid(b -> b.add("petitionType", "COMPLAINT")), 422, "petitionType"),
                new Bad("unknown flag", valid(b -> b.add("flags", Json.createArrayBuilder().add("vip"))), 422, "flags[0]"),
                new Bad("unknown party role", withParty(party("VICTIM", "张晓花")), 422, "parties[0].role"),
                new Bad("unknown gender", withParty(party("COMPLAINANT", "张晓花").add("gender", "F")), 422, "parties[0].gender"),
                new Bad("received in the future", valid(b -> b.add("receivedAt", "2999-01-01T00:00:00+08:00")), 422, "receivedAt"),
                new Bad("received before 2000", valid(b -> b.add("receivedAt", "1999-12-31T09:00:00+08:00")), 422, "receivedAt"),
                new Bad("received without offset", valid(b -> b.add("receivedAt", "2026-01-01T09:00:00")), 422, "receivedAt"),
                new Bad("birth date in the future", withParty(party("CHILD", "李小宝").add("birthDate", "2999-01-01")), 422, "parties[0].birthDate"),
                new Bad("ID number with a bad check digit", withParty(party("COMPLAINANT", "张晓花").add("idNumber", wrongCheckDigit)), 422, "parties[0].idNumber"),
                new Bad("phone that is no phone", withParty(party("COMPLAINANT", "张晓花", "12345")), 422, "parties[0].phones[0].number"),
                new Bad("phone with letters", withParty(party("COMPLAINANT", "张晓花", "138abcd5678")), 422, "parties[0].phones[0].number"),
                new Bad("summary over 4000 characters", valid(b -> b.add("summary", "长".repeat(4001))), 422, "summary"),
                new Bad("name over 100 characters", withParty(party("COMPLAINANT", "名".repeat(101))), 422, "parties[0].name"),
                new Bad("complainant without a name", withParty(Json.createObjectBuilder().add("role", "COMPLAINANT")), 422, "parties[0].name"),
                new Bad("repeat of an unknown contact", valid(b -> b.add("repeatOfContactId", 987654321L)), 422, "repeatOfContactId"),
                new Bad("malformed JSON", "{\"stationCode\":\"QX-0110\",", 400, "body"),
                new Bad("text where a list belongs", valid(b -> b.add("parties", "nobody")), 400, "parties"),
                new Bad("oversized JSON (over 1 MiB)", valid(b -> b.add("summary", "x".repeat(1_100_000))), 413, "body"),
                // issue 15 point 7: no coercion across types, integers in range, no control characters
                new Bad("age beyond a long", withParty(party("COMPLAINANT", "张晓花").add("age", new java.math.BigInteger("9223372036854775808"))), 400, "parties[0].age"),
                new Bad("age 1e308", withParty(party("COMPLAINANT", "张晓花").add("age", new java.math.BigDecimal("1e308"))), 400, "parties[0].age"),
                new Bad("age beyond an int", withParty(party("COMPLAINANT", "张晓花").add("age", 2147483648L)), 400, "parties[0].age"),
                new Bad("age in quotes", withParty(party("COMPLAINANT", "张晓花").add("age", "30")), 400, "parties[0].age"),
                new Bad("repeat of 1.5", valid(b -> b.add("repeatOfContactId", 1.5)), 400, "repeatOfContactId"),
                new Bad("text as a boolean", valid(b -> b.add("confirmedNew", "x")), 400, "confirmedNew"),
                new Bad("a number as a boolean", valid(b -> b.add("confirmedNew", 12345)), 400, "confirmedNew"),
                new Bad("a number as the summary", valid(b -> b.add("summary", 12)), 400, "summary"),
                new Bad("a safety flag as text", withParty(party("COMPLAINANT", "张晓花").add("addressSafeToContact", "yes")), 400, "parties[0].addressSafeToContact"),
                new Bad("an unknown field", valid(b -> b.add("stationcode", "QX-0110")), 400, "stationcode"),
                new Bad("a field given twice", "{\"summary\":\"a\",\"summary\":\"b\"}", 400, "body"),
                new Bad("NUL in a name", withParty(party("COMPLAINANT", "张\u0000花")), 422, "parties[0].name"),
                new Bad("ESC in a name", withParty(party("COMPLAINANT", "张\u001b[31m花")), 422, "parties[0].name"),
                new Bad("a line break in a name", withParty(party("COMPLAINANT", "张\n花")), 422, "parties[0].name"),
                new Bad("ESC in the summary", valid(b -> b.add("summary", "来访\u001b[2J")), 422, "summary"),
                new Bad("a name that is a formula", withParty(party("COMPLAINANT", "=HYPERLINK(\"http://x\",\"张\")")), 422, "parties[0].name"),
                new Bad("JSON nested 5000 deep", "[".repeat(5000) + "]".repeat(5000), 400, "body")));

        long contacts = count("SELECT COUNT(*) FROM contact");
        long parties = count("SELECT COUNT(*) FROM party");
        long reviews = runtime.createProcessInstanceQuery().processDefinitionKey("ContactReview").count();
        for (Bad bad : cases) {
            Api.Reply reply = TestUsers.countyStaff(base).post("api/contacts", bad.body());
            assertThat(reply.status()).as(bad.what() + ": " + reply).isEqualTo(bad.status());
            assertThat(reply.contentType()).as(bad.what()).startsWith("application/problem+json");
            JsonObject problem = reply.json();
            assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
                    .as(bad.what() + ": " + reply.body())
                    .anySatisfy(e -> assertThat(e.getString("field")).isEqualTo(bad.field()));
        }
        assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(contacts);
        assertThat(count("SELECT COUNT(*) FROM party")).isEqualTo(parties);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("ContactReview").count()).isEqualTo(reviews);
    }

    /** Issue 15 point 6: for a survivor of domestic violence the dangerous default is "safe". */
    @Test
    void aPhoneOrAddressWhoseSafetyIsOmittedOrNullIsStoredAsNotSafe() {
        JsonObjectBuilder omitted = Json.createObjectBuilder().add("role", "COMPLAINANT").add("name", TestData.name())
                .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("number", TestData.mobile())))
                .add("address", "东门村3组");
        JsonObjectBuilder nulls = Json.createObjectBuilder().add("role", "RESPONDENT").add("name", TestData.name())
                .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("number", TestData.mobile())
                        .addNull("safeToContact"))).add("address", "西门村").addNull("addressSafeToContact");
        JsonObjectBuilder stated = Json.createObjectBuilder().add("role", "OTHER").add("name", TestData.name())
                .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("number", TestData.mobile())
                        .add("safeToContact", true))).add("address", "南门村").add("addressSafeToContact", true);
        Api.Reply reply = TestUsers.countyStaff(base).post("api/contacts", valid(b -> b.add("parties",
                Json.createArrayBuilder().add(omitted).add(nulls).add(stated))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        var parties = reply.json().getJsonArray("parties").getValuesAs(JsonObject.class);
        for (int i = 0; i < 2; i++) {
            assertThat(parties.get(i).getBoolean("addressSafeToContact")).as("party " + i).isFalse();
            assertThat(parties.get(i).getJsonArray("phones").getJsonObject(0).getBoolean("safeToContact")).isFalse();
        }
        assertThat(parties.get(2).getBoolean("addressSafeToContact")).as("only a stated yes is safe").isTrue();
        long id = reply.json().getJsonNumber("id").longValue();
        assertThat(count("SELECT COUNT(*) FROM party p WHERE p.contact_id = " + id + " AND p.address_safe")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM party_phone f JOIN party p ON p.id = f.party_id WHERE p.contact_id = " + id
                + " AND f.safe_to_contact")).isEqualTo(1);
    }

    @Test
    void theDatabaseDefaultOfTheSafetyFlagsIsNotSafe() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection()) {
            for (String[] column : new String[][] {{"party", "address_safe"}, {"party_phone", "safe_to_contact"}}) {
                String table = c.getMetaData().storesUpperCaseIdentifiers() ? column[0].toUpperCase() : column[0];
                String name = c.getMetaData().storesUpperCaseIdentifiers() ? column[1].toUpperCase() : column[1];
                try (java.sql.ResultSet r = c.getMetaData().getColumns(null, null, table, name)) {
                    assertThat(r.next()).as(column[0] + "." + column[1]).isTrue();
                    assertThat(r.getString("COLUMN_DEF")).as(column[0] + "." + column[1]).containsIgnoringCase("false");
                }
            }
        }
    }

    @Test
    void anAttachmentKeepsNoFolderAndTheExtensionOfItsCheckedKind() {
        Api.Reply registered = TestUsers.countyStaff(base).post("api/contacts", valid(b -> { }));
        long id = registered.json().getJsonNumber("id").longValue();
        Api.Reply polyglot = TestUsers.countyStaff(base).postBytes("api/contacts/" + id + "/attachments", "application/pdf",
                "attachment; filename=\"..\\..\\page<script>.html\"", "%PDF-1.4\n<html><script>alert(1)</script>".getBytes());
        assertThat(polyglot.status()).as(polyglot.toString()).isEqualTo(201);
        assertThat(polyglot.json().getString("fileName")).isEqualTo("pagescript.pdf");
        Api.Reply badEncoding = TestUsers.countyStaff(base).postBytes("api/contacts/" + id + "/attachments", "application/pdf",
                "attachment; filename*=UTF-8''%E0%A4%A", "%PDF-1.4\n".getBytes());
        assertThat(badEncoding.status()).isEqualTo(422);
        assertThat(badEncoding.body()).contains("fileName");
    }

    /** Issue 15 point 4: the case search's paging overflowed an int and answered 500. */
    @Test
    void aSearchPageBeyondAnyResultIsRefusedNamingThePage() {
        for (String query : new String[] {"page=2147483647", "page=2147483647&size=100", "page=99999999999", "page=x", "size=0"}) {
            Api.Reply reply = TestUsers.countyStaff(base).get("api/cases?" + query);
            assertThat(reply.status()).as(query + ": " + reply).isEqualTo(422);
            assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field")).isIn("page", "size");
        }
        Api.Reply search = TestUsers.countyStaff(base).post("api/cases/search", "{\"page\":2147483647,\"size\":100}");
        assertThat(search.status()).as(search.toString()).isEqualTo(422);
    }

    @Test
    void problemsNeverRepeatWhatWasTyped() {
        String secret = "13812349876";
        Api.Reply reply = TestUsers.countyStaff(base).post("api/contacts", withParty(party("COMPLAINANT", "张晓花", secret + "9")));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).doesNotContain(secret);
    }

    @Test
    void badAttachmentsAreRefusedAndNothingIsKept() {
        Api.Reply registered = TestUsers.countyStaff(base).post("api/contacts", valid(b -> { }));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        long id = registered.json().getJsonNumber("id").longValue();
        String path = "api/contacts/" + id + "/attachments";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};

        Api.Reply renamed = TestUsers.countyStaff(base).postBytes(path, "application/pdf", "attachment; filename=\"scan.pdf\"", png);
        assertThat(renamed.status()).isEqualTo(422);
        assertThat(renamed.body()).contains("\"content\"");
        Api.Reply text = TestUsers.countyStaff(base).postBytes(path, "text/plain", "attachment; filename=\"a.txt\"", "hello".getBytes());
        assertThat(text.status()).isEqualTo(415);
        Api.Reply huge = TestUsers.countyStaff(base).postBytes(path, "application/pdf", "attachment; filename=\"big.pdf\"",
                pdfOfSize(10 * 1024 * 1024 + 1));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body()).contains("\"content\"");
        Api.Reply noName = TestUsers.countyStaff(base).postBytes(path, "application/pdf", null, "%PDF-1.4\n".getBytes());
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.body()).contains("\"fileName\"");

        assertThat(count("SELECT COUNT(*) FROM attachment WHERE contact_id = " + id)).isZero();
    }

    private static byte[] pdfOfSize(int size) {
        byte[] bytes = new byte[size];
        System.arraycopy("%PDF-1.4\n".getBytes(), 0, bytes, 0, 9);
        return bytes;
    }

    private long count(String sql) {
        return new Database(dataSource).count(sql);
    }
}
