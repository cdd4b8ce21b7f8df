package org.weiquan.api;

import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import org.weiquan.shared.FieldError;

import java.util.List;

/** An RFC 9457 problem document, with the field errors that a form shows next to its fields. */
final class Problem {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://weiquan.org/problems/";

    private Problem() {
    }

    static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        return response(status, type, title, detail, errors, null);
    }

    /** With extension members (e.g. the duplicate candidates) beside the standard ones. */
    static Response response(int status, String type, String title, String detail, List<FieldError> errors,
                             JsonObject extensions) {
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("type", TYPE_BASE + type)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder list = Jsonp.createArrayBuilder();
            for (FieldError e : errors) {
                list.add(Jsonp.createObjectBuilder().add("field", e.field()).add("message", e.message()));
            }
            body.add("errors", list);
        }
        if (extensions != null) {
            extensions.forEach(body::add);
        }
        return Response.status(status, reason(status)).type(MEDIA_TYPE).entity(body.build().toString()).build();
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "Error";
    }

    static Response response(int status, String type, String title, String detail) {
        return response(status, type, title, detail, List.of());
    }
}
