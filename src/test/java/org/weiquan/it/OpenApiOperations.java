package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The operations the deployed application's /openapi document lists, as the tests walk them. */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiOperations() {
    }

    /** One parameter: its name, where it goes (path, query, header) and its JSON schema type. */
    public record Parameter(String name, String in, String type) {
    }

    /**
     * One operation: "POST /api/contacts/{id}/decision" as {@link #key()}, its parameters, the media types of
     * its body, and the schema (resolved) and example of a JSON body, when it has one.
     */
    public record Operation(String method, String path, List<Parameter> parameters, List<String> bodyTypes,
                            JsonObject bodySchema, JsonValue bodyExample) {
        public String key() {
            return method + " " + path;
        }
    }

    public record Document(JsonObject json, List<Operation> operations) {
        /** A component schema by its $ref ("#/components/schemas/X"). */
        public JsonObject schema(JsonObject maybeRef) {
            if (maybeRef != null && maybeRef.containsKey("$ref")) {
                String name = maybeRef.getString("$ref").substring("#/components/schemas/".length());
                return json.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
            }
            return maybeRef;
        }
    }

    /** Reads /openapi (as JSON) at the server's root. */
    public static Document read(URL deployment) {
        try {
            URI doc = URI.create(deployment.getProtocol() + "://" + deployment.getHost() + ":" + deployment.getPort()
                    + "/openapi?format=JSON");
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(doc).header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/openapi answered " + r.statusCode());
            }
            JsonObject json = Json.createReader(new StringReader(r.body())).readObject();
            List<Operation> operations = new ArrayList<>();
            Document document = new Document(json, operations);
            for (var path : json.getJsonObject("paths").entrySet()) {
                String p = path.getKey().substring(path.getKey().indexOf("/api/"));
                if (p.startsWith("/api/it/")) {
                    continue; // the test deployment's own resources (this package), not part of the application
                }
                for (var op : path.getValue().asJsonObject().entrySet()) {
                    if (!METHODS.contains(op.getKey())) {
                        continue;
                    }
                    JsonObject o = op.getValue().asJsonObject();
                    List<Parameter> parameters = new ArrayList<>();
                    for (JsonValue v : o.getOrDefault("parameters", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
                        JsonObject param = v.asJsonObject();
                        JsonObject schema = param.getJsonObject("schema");
                        parameters.add(new Parameter(param.getString("name"), param.getString("in"),
                                schema == null ? "string" : schema.getString("type", "string")));
                    }
                    List<String> bodyTypes = new ArrayList<>();
                    JsonObject bodySchema = null;
                    JsonValue example = null;
                    if (o.containsKey("requestBody")) {
                        JsonObject content = o.getJsonObject("requestBody").getJsonObject("content");
                        bodyTypes.addAll(content.keySet());
                        JsonObject json1 = content.getJsonObject("application/json");
                        if (json1 != null) {
                            bodySchema = document.schema(json1.getJsonObject("schema"));
                            if (json1.containsKey("examples")) {
                                JsonObject first = json1.getJsonObject("examples").values().iterator().next().asJsonObject();
                                JsonValue value = first.get("value");
                                example = value.getValueType() == JsonValue.ValueType.STRING
                                        ? Json.createReader(new StringReader(((jakarta.json.JsonString) value).getString())).readValue()
                                        : value;
                            }
                        }
                    }
                    operations.add(new Operation(op.getKey().toUpperCase(), p, parameters, bodyTypes, bodySchema, example));
                }
            }
            return document;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
