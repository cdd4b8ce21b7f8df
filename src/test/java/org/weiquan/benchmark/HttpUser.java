package org.weiquan.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One client of the REST API as a browser or another system is: its own connection, logged in through the real
 * login ({@code POST /api/auth/token}) with a bearer token, as it/Api.java does in the integration tests.
 */
final class HttpUser {

    record Reply(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    private HttpUser(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    static HttpUser login(URI base, String username, String password) throws IOException, InterruptedException {
        HttpUser anonymous = new HttpUser(base, null);
        Reply r = anonymous.post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + username + " answered " + r.status());
        }
        return new HttpUser(base, r.json().getString("token"));
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Reply post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /** The id of the open acceptance-review task in a contact's JSON (POST or GET /api/contacts), or null. */
    static String reviewTaskOf(JsonObject contact) {
        JsonValue open = contact.get("openTasks");
        if (!(open instanceof JsonArray tasks)) {
            return null;
        }
        for (JsonValue v : tasks) {
            JsonObject t = v.asJsonObject();
            if ("Task_ReviewContact".equals(t.getString("key", null)) || "REVIEW_CONTACT".equals(t.getString("task", null))) {
                return t.getString("id");
            }
        }
        return null;
    }
}
