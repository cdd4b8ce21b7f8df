package org.weiquan.api;

import org.weiquan.shared.Jsonp;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.weiquan.shared.InvalidInput;

import java.io.StringReader;

/**
 * A request body read as JSON without binding it yet, so that the form it should be is bound strictly
 * ({@link org.weiquan.shared.Forms}): an empty body is a missing field, a body that is not JSON cannot be read
 * (400), anything else is checked field by field.
 */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonValue read(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidInput.of("body", "is required");
        }
        try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
            return reader.readValue();
        }
    }
}
