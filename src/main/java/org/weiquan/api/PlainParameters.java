package org.weiquan.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.weiquan.shared.InvalidInput;

import java.util.List;
import java.util.Map;

/**
 * Path and query parameters are short plain text: one without control characters (a NUL is refused by
 * PostgreSQL inside any text, and a line break could forge a log line) and at most 500 characters, or
 * 422 naming the parameter — before any service sees it.
 */
@Provider
public class PlainParameters implements ContainerRequestFilter {

    static final int MAX_LENGTH = 500;

    @Override
    public void filter(ContainerRequestContext request) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        check(request.getUriInfo().getPathParameters(), errors);
        check(request.getUriInfo().getQueryParameters(), errors);
        errors.throwIfAny();
    }

    private static void check(MultivaluedMap<String, String> parameters, InvalidInput.Collector errors) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            for (String value : p.getValue()) {
                if (value == null) {
                    continue;
                }
                if (value.length() > MAX_LENGTH) {
                    errors.add(name(p.getKey()), "is longer than " + MAX_LENGTH + " characters");
                } else if (value.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
                    errors.add(name(p.getKey()), "must not contain control characters");
                }
            }
        }
    }

    private static String name(String key) {
        return key.matches("[A-Za-z][A-Za-z0-9_]{0,39}") ? key : "?";
    }
}
