package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the REST API, as an outside client would call it. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String token;
    private final java.util.Map<String, String> headers;

    /** An anonymous client: only /api/auth/token, /health and /openapi answer it. */
    public Api(URL deploymentUrl) {
        this(URI.create(deploymentUrl.toString().endsWith("/") ? deploymentUrl.toString() : deploymentUrl + "/"), null);
    }

    private Api(URI base, String token) {
        this(base, token, java.util.Map.of());
    }

    private Api(URI base, String token, java.util.Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return token;
    }

    /** The same client, logged in with a bearer token. */
    public Api withToken(String token) {
        return new Api(base, token, headers);
    }

    /** The same client, sending one more header with every request (e.g. Idempotency-Key). */
    public Api withHeader(String name, String value) {
        var more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, token, java.util.Map.copyOf(more));
    }

    public Api loggedIn(String username, String password) {
        Reply reply = post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + reply);
        }
        return withToken(reply.json().getString("token"));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply post(String path, String json) {
        // large bodies wait for "100 Continue", so that a server refusing them early answers cleanly
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .expectContinue(json.length() > 65536)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply postBytes(String path, String contentType, String disposition, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .expectContinue(body.length > 65536);
        if (disposition != null) {
            b.header("Content-Disposition", disposition);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A GET whose answer is a file: its bytes as they came. */
    public Download download(String path) {
        HttpResponse<byte[]> r = exchange(HttpRequest.newBuilder(base.resolve(path)).GET(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                r.headers().firstValue("Content-Disposition").orElse(null));
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> r = exchange(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                r.headers().firstValue("Location").orElse(null), r.headers().firstValue("ETag").orElse(null),
                r.headers().map());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Download(int status, String contentType, byte[] body, String contentDisposition) {
    }

    public record Reply(int status, String contentType, String body, String location, String etag,
                        java.util.Map<String, java.util.List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }


        public JsonObject json() {
            JsonStructure s = Json.createReader(new StringReader(body)).read();
            return (JsonObject) s;
        }

        public JsonStructure jsonStructure() {
            return Json.createReader(new StringReader(body)).read();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
