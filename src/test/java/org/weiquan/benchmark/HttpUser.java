package org.weiquan.benchmark;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One client of the REST API as a browser or another system is: its own connection, logged in through the real
 * login ({@code POST /api/auth/token}) with a bearer token, as it/Api.java does in the integration tests.
 * <p>
 * Apache HttpClient's classic (blocking) client rather than the JDK's: the load generator runs on the same two cores
 * as the server it measures, and with the JDK's client (a selector thread per client, futures per exchange) this JVM
 * spent 1.9 ms of CPU per intake at 8 clients and 2.5 at 32, with this one 1.4 and 1.6 (twentieth session,
 * docs/performance-log.md). The server sees the same requests either way: HTTP/1.1, one persistent connection per
 * client.
 */
final class HttpUser {

    record Reply(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    // one connection; checked before use after a second's idleness, since Payara closes one idle for 30 s and a
    // client of the 32 waits longer than that between its bursts
    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(1).setMaxConnPerRoute(1)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(Timeout.ofSeconds(120)).setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
                    .build())
            .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableContentCompression()
            .disableAuthCaching().build();
    private final URI base;
    private final String token;

    private HttpUser(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    static HttpUser login(URI base, String username, String password) throws IOException {
        HttpUser anonymous = new HttpUser(base, null);
        Reply r = anonymous.post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
        anonymous.http.close();
        if (r.status() != 200) {
            throw new IllegalStateException("login of " + username + " answered " + r.status());
        }
        return new HttpUser(base, r.json().getString("token"));
    }

    Reply get(String path) throws IOException {
        return send(new HttpGet(base.resolve(path)));
    }

    Reply post(String path, String json) throws IOException {
        HttpPost post = new HttpPost(base.resolve(path));
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(post);
    }

    private Reply send(ClassicHttpRequest request) throws IOException {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        return http.execute(request, r -> new Reply(r.getCode(),
                r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
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
