package org.weiquan.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A browser's session without a browser: the login form posted over HTTP, the session cookie kept and
 * sent with each page request, redirects not followed (so the test sees them).
 */
public final class FormSession {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    private final URI root;
    private String cookie;

    public FormSession(URL base) {
        try {
            this.root = base.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts the login form; the answer (a redirect) and the session cookie it set. */
    public HttpResponse<String> logIn(String username, String password) {
        return postForm("login", "username=" + enc(username) + "&password=" + enc(password));
    }

    public HttpResponse<String> postForm(String path, String form) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(root.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
        return r;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(root.resolve(path)).GET());
    }

    public Optional<String> cookie() {
        return Optional.ofNullable(cookie);
    }

    /** Where a redirect points, or "" for another answer. */
    public static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
