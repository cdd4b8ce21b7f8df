package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sends every operation of the API document malformed, wrong-typed, oversized, deeply nested and boundary
 * values — in path, query, header and body — as a logged-in user, and records what came back. The values
 * are drawn with a fixed seed and at most {@link #PER_OPERATION} requests go to each operation, so a run
 * is the same every time and bounded.
 */
public final class ApiFuzzer {

    public static final long SEED = 15L;
    public static final int PER_OPERATION = 36;

    // A path value is one segment: values with '/' would leave the operation (under a context root even
    // the application), so traversal is tried with "..", back-slashes and encodings instead.

    /** One request sent and its answer. */
    public record Exchange(String operation, String method, String target, String contentType, String bodyShape,
                           int status, String answerType, String answerStart) {
    }

    private final LoopbackHttp http;
    private final String contextPath;
    private final Function<OpenApiOperations.Operation, String> tokenFor;
    private final Function<String, String> validPathValue;
    private final OpenApiOperations.Document document;
    private final Random random = new Random(SEED);

    /**
     * @param tokenFor       the bearer token to send for an operation
     * @param validPathValue a real value for "path:{name}" keyed by operation path and parameter name, e.g. a
     *                       contact id in the fuzzing user's scope, so that bodies reach the checks behind the lookup
     */
    public ApiFuzzer(LoopbackHttp http, String contextPath, OpenApiOperations.Document document,
                     Function<OpenApiOperations.Operation, String> tokenFor, Function<String, String> validPathValue) {
        this.http = http;
        this.contextPath = contextPath;
        this.document = document;
        this.tokenFor = tokenFor;
        this.validPathValue = validPathValue;
    }

    public List<Exchange> run() {
        List<Exchange> exchanges = new ArrayList<>();
        for (OpenApiOperations.Operation op : document.operations()) {
            List<Request> candidates = candidates(op);
            Collections.shuffle(candidates, random);
            for (Request r : candidates.subList(0, Math.min(PER_OPERATION, candidates.size()))) {
                exchanges.add(send(op, r));
            }
        }
        return exchanges;
    }

    private record Request(Map<String, String> path, Map<String, String> query, Map<String, String> headers,
                           String contentType, byte[] body, String shape) {
    }

    private Exchange send(OpenApiOperations.Operation op, Request r) {
        String target = contextPath + op.path();
        for (var p : r.path().entrySet()) {
            target = target.replace("{" + p.getKey() + "}", encodePath(p.getValue()));
        }
        StringBuilder query = new StringBuilder();
        for (var q : r.query().entrySet()) {
            query.append(query.length() == 0 ? "?" : "&").append(q.getKey()).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String token = tokenFor.apply(op);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        headers.putAll(r.headers());
        if (r.contentType() != null) {
            headers.put("Content-Type", r.contentType());
        }
        headers.put("Accept", "application/json, application/problem+json, */*");
        LoopbackHttp.Answer a = http.send(op.method(), target + query, headers, r.body());
        String start = a.body().length() > 160 ? a.body().substring(0, 160) : a.body();
        return new Exchange(op.key(), op.method(), target + query, r.contentType(), r.shape(), a.status(),
                a.contentType(), start);
    }

    // --- what to send ---

    static final List<String> TEXT = List.of("", " ", "x", "0", "-1", "null", "true", "' OR '1'='1", "\" OR 1=1 --",
            "..", "..\\..\\windows\\win.ini", "%00", "%2e%2e", "\u0000", "\u001b[31m", "<script>alert(1)</script>", "=cmd|' /C calc'!A0",
            "😀女", "\u202e", "9999-12-31", "0001-01-01", "+999999999-12-31", "2026-13-45", "2026-02-30",
            "+999999999-12-31T23:59:59+18:00", "2026-01-01T00:00:00", "1e308", "9223372036854775808", "NaN",
            "QX-0101", "2026-Q5", "2026", "1900-01-01..2999-12-31");
    static final List<String> NUMBERS = List.of("-1", "0", "1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "1e308", "1.5", "abc", "", "0x10", "١٢");
    static final List<String> BOOLEANS = List.of("true", "false", "maybe", "1", "", "TRUE");
    static final List<JsonValue> WRONG_VALUES;

    static {
        List<JsonValue> v = new ArrayList<>();
        v.add(JsonValue.NULL);
        v.add(JsonValue.TRUE);
        v.add(JsonValue.EMPTY_JSON_ARRAY);
        v.add(JsonValue.EMPTY_JSON_OBJECT);
        v.add(Json.createValue(""));
        v.add(Json.createValue("x"));
        v.add(Json.createValue("\u0000\u001b"));
        v.add(Json.createValue("=HYPERLINK(\"http://x\")"));
        v.add(Json.createValue("长".repeat(5000)));
        v.add(Json.createValue(-1));
        v.add(Json.createValue(0));
        v.add(Json.createValue(1.5));
        v.add(Json.createValue(new java.math.BigDecimal("1e308")));
        v.add(Json.createValue(new java.math.BigInteger("9223372036854775808")));
        v.add(Json.createValue(Integer.MAX_VALUE));
        v.add(Json.createValue(Long.MIN_VALUE));
        v.add(Json.createValue("9999-12-31"));
        v.add(Json.createValue("+999999999-12-31T23:59:59+18:00"));
        v.add(Json.createArrayBuilder().add(JsonValue.NULL).add(1).add("x").build());
        WRONG_VALUES = List.copyOf(v);
    }

    private List<Request> candidates(OpenApiOperations.Operation op) {
        List<Request> out = new ArrayList<>();
        Map<String, String> validPath = new TreeMap<>();
        for (OpenApiOperations.Parameter p : op.parameters()) {
            if ("path".equals(p.in())) {
                validPath.put(p.name(), validPathValue.apply(op.path() + ":" + p.name()));
            }
        }
        String bodyType = op.bodyTypes().isEmpty() ? null
                : op.bodyTypes().contains("application/json") ? "application/json" : op.bodyTypes().get(0);
        JsonValue base = baseBody(op);
        byte[] validBody = bodyType == null ? null : "application/json".equals(bodyType)
                ? base.toString().getBytes(StandardCharsets.UTF_8) : "%PDF-1.4\n".getBytes(StandardCharsets.UTF_8);

        // path parameters: each bad value, the others valid
        for (OpenApiOperations.Parameter p : op.parameters()) {
            if (!"path".equals(p.in())) {
                continue;
            }
            for (String bad : "integer".equals(p.type()) || "number".equals(p.type()) ? NUMBERS : TEXT) {
                if (bad.isEmpty()) {
                    continue; // an empty segment is another path, not this operation
                }
                Map<String, String> path = new TreeMap<>(validPath);
                path.put(p.name(), bad);
                out.add(new Request(path, Map.of(), Map.of(), bodyType, validBody, "path " + p.name()));
            }
        }
        // query and header parameters: each bad value alone, and everything bad at once
        Map<String, String> allBad = new LinkedHashMap<>();
        for (OpenApiOperations.Parameter p : op.parameters()) {
            List<String> values = switch (p.type()) {
                case "integer", "number" -> NUMBERS;
                case "boolean" -> BOOLEANS;
                default -> TEXT;
            };
            if ("query".equals(p.in())) {
                for (String bad : values) {
                    out.add(new Request(validPath, Map.of(p.name(), bad), Map.of(), bodyType, validBody, "query " + p.name()));
                }
                out.add(new Request(validPath, Map.of(p.name(), "x".repeat(4000)), Map.of(), bodyType, validBody,
                        "query " + p.name() + " oversized"));
                allBad.put(p.name(), values.get(random.nextInt(values.size())));
            } else if ("header".equals(p.in()) && !"Content-Type".equalsIgnoreCase(p.name())) {
                for (String bad : List.of("x", "Bearer ", "Bearer " + "a".repeat(500), "attachment; filename=\"../../x.html\"",
                        "attachment; filename*=UTF-8''%E0%A4%A", "attachment; filename=\"\u00ff\"")) {
                    out.add(new Request(validPath, Map.of(), Map.of(p.name(), bad), bodyType, validBody, "header " + p.name()));
                }
            }
        }
        if (!allBad.isEmpty()) {
            out.add(new Request(validPath, allBad, Map.of(), bodyType, validBody, "all query parameters bad"));
        }
        if (bodyType == null) {
            return out;
        }
        if (!"application/json".equals(bodyType)) {
            for (String type : op.bodyTypes()) {
                out.add(new Request(validPath, Map.of(), Map.of(), type, new byte[0], "empty " + type));
                out.add(new Request(validPath, Map.of(), Map.of(), type, randomBytes(2000), "random bytes as " + type));
                out.add(new Request(validPath, Map.of(), Map.of(), type, "=1+1,@SUM(A1)\n-2,+3\n".getBytes(StandardCharsets.UTF_8), "formulas as " + type));
            }
            out.add(new Request(validPath, Map.of(), Map.of(), "text/html", "<html>".getBytes(StandardCharsets.UTF_8), "wrong type"));
            out.add(new Request(validPath, Map.of(), Map.of(), null, randomBytes(100), "no type"));
            return out;
        }
        // JSON bodies: malformed, wrong shapes, nested, oversized, each field wrong
        for (String raw : List.of("", "{", "}", "nul", "null", "[]", "\"x\"", "123", "true", "{\"a\":}", "{,}",
                "{\"a\":1,\"a\":2}", "\uFEFF{}", "{}", "[{}]", "{\"\u0000\":1}")) {
            out.add(json(validPath, raw, "malformed: " + raw));
        }
        out.add(json(validPath, "[".repeat(5000) + "]".repeat(5000), "nested 5000 deep (arrays)"));
        out.add(json(validPath, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "nested 3000 deep (objects)"));
        out.add(json(validPath, "{\"x\":\"" + "a".repeat(1_100_000) + "\"}", "oversized (1.1 MB)"));
        out.add(new Request(validPath, Map.of(), Map.of(), "text/plain", base.toString().getBytes(StandardCharsets.UTF_8), "JSON as text/plain"));
        out.add(new Request(validPath, Map.of(), Map.of(), "application/json; charset=ebcdic", base.toString().getBytes(StandardCharsets.UTF_8), "unknown charset"));
        if (base instanceof JsonObject object) {
            for (String field : object.keySet()) {
                for (JsonValue wrong : WRONG_VALUES) {
                    JsonObjectBuilder b = Json.createObjectBuilder(object);
                    b.add(field, wrong);
                    out.add(json(validPath, b.build().toString(), field + " = " + shape(wrong)));
                }
                out.add(json(validPath, Json.createObjectBuilder(object).remove(field).build().toString(), "without " + field));
            }
            out.add(json(validPath, Json.createObjectBuilder(object).add("unknownField", 1).build().toString(), "unknown field"));
            JsonArrayBuilder many = Json.createArrayBuilder();
            for (int i = 0; i < 2000; i++) {
                many.add(object);
            }
            out.add(json(validPath, many.build().toString(), "a list of 2000 bodies"));
        }
        return out;
    }

    private Request json(Map<String, String> path, String body, String shape) {
        return new Request(path, Map.of(), Map.of(), "application/json", body.getBytes(StandardCharsets.UTF_8), shape);
    }

    private static String shape(JsonValue v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The example of the document, or an object with a plausible value for every property of the schema. */
    private JsonValue baseBody(OpenApiOperations.Operation op) {
        if (op.bodyExample() != null) {
            return op.bodyExample();
        }
        JsonObject schema = op.bodySchema();
        if (schema == null || !schema.containsKey("properties")) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObjectBuilder b = Json.createObjectBuilder();
        for (var p : schema.getJsonObject("properties").entrySet()) {
            JsonObject s = document.schema(p.getValue().asJsonObject());
            switch (s.getString("type", "object")) {
                case "integer", "number" -> b.add(p.getKey(), 1);
                case "boolean" -> b.add(p.getKey(), true);
                case "array" -> b.add(p.getKey(), JsonValue.EMPTY_JSON_ARRAY);
                case "string" -> b.add(p.getKey(), "x");
                default -> b.add(p.getKey(), JsonValue.EMPTY_JSON_OBJECT);
            }
        }
        return b.build();
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
