package org.weiquan.api;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    public record Phone(String number, Boolean safeToContact) {
    }

    public record Party(String name, Integer age, List<Phone> phones) {
    }

    public record Body(String summary, Long repeatOf, Boolean confirmed, List<Party> parties) {
    }

    public record WithDate(java.time.LocalDate day) {
    }

    private static Record read(String json) throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Record> type = (Class) Body.class;
        return new StrictJson().readFrom(type, Body.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> shapeErrors(String json) {
        try {
            read(json);
        } catch (StrictJson.MalformedBody e) {
            return e.errors().stream().map(FieldError::field).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void aWellTypedBodyIsBound() throws Exception {
        Body b = (Body) read("{\"summary\":\"来访\\n第二行\",\"repeatOf\":12,\"confirmed\":true,"
                + "\"parties\":[{\"name\":\"张晓花\",\"age\":35,\"phones\":[{\"number\":\"13812345678\"}]}]}");
        assertThat(b.summary()).isEqualTo("来访\n第二行");
        assertThat(b.parties().get(0).age()).isEqualTo(35);
        assertThat(b.parties().get(0).phones().get(0).safeToContact()).as("omitted stays null").isNull();
    }

    @Test
    void nothingIsCoercedAcrossTypesAndEveryFieldIsNamed() {
        assertThat(shapeErrors("{\"parties\":[{\"age\":9223372036854775808}]}")).containsExactly("parties[0].age");
        assertThat(shapeErrors("{\"parties\":[{\"age\":1e308}]}")).containsExactly("parties[0].age");
        assertThat(shapeErrors("{\"parties\":[{\"age\":\"30\"}]}")).containsExactly("parties[0].age");
        assertThat(shapeErrors("{\"repeatOf\":1.5}")).containsExactly("repeatOf");
        assertThat(shapeErrors("{\"confirmed\":\"x\"}")).containsExactly("confirmed");
        assertThat(shapeErrors("{\"confirmed\":12345}")).containsExactly("confirmed");
        assertThat(shapeErrors("{\"summary\":12}")).containsExactly("summary");
        assertThat(shapeErrors("{\"parties\":\"nobody\"}")).containsExactly("parties");
        assertThat(shapeErrors("{\"sumary\":\"x\"}")).containsExactly("sumary");
        assertThat(shapeErrors("{\"summary\":\"a\",\"summary\":\"b\"}")).containsExactly("body");
        assertThat(shapeErrors("[]")).containsExactly("body");
        assertThat(shapeErrors("{\"repeatOf\":1e999999999}")).as("costs nothing").containsExactly("repeatOf");
    }

    @Test
    void controlCharactersAreARuleBrokenNamingTheField() {
        assertThatThrownBy(() -> read("{\"parties\":[{\"name\":\"张\\u0000花\"}]}")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors()).extracting(FieldError::field)
                        .containsExactly("parties[0].name"));
    }

    @Test
    void recordsOfOtherTypesAreLeftToTheDefaultBinding() {
        assertThat(StrictJson.supported(Body.class)).isTrue();
        assertThat(StrictJson.supported(WithDate.class)).isFalse();
    }
}
