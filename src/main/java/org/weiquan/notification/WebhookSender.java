package org.weiquan.notification;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Posts a JSON body to the gateway's URL, signed: {@code X-Weiquan-Signature: sha256=<hex HMAC-SHA256 of the
 * body's bytes with the shared secret>}; {@code X-Weiquan-Delivery} repeats the delivery's id. A 2xx answer is
 * delivered, anything else a failure to retry.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The signature header's value for a body. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

    /** Null when delivered, otherwise why not (a status or an exception's type). */
    String post(DeliverySettings settings, String deliveryId, String json) throws InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(settings.webhookUrl().orElseThrow()).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Weiquan-Delivery", deliveryId)
                .header("X-Weiquan-Signature", signature(settings.webhookSecret().orElseThrow(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> answer = client.send(request, HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() / 100 == 2 ? null : "HTTP " + answer.statusCode();
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
