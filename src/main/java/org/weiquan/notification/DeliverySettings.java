package org.weiquan.notification;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of the outside channels, from {@code WEIQUAN_SMTP_*}, {@code WEIQUAN_WEBHOOK_*} and
 * {@code WEIQUAN_NOTIFY_*} (see README, Notifications). E-mail is off while no SMTP host is set, the webhook
 * while no URL is set; a webhook URL without a secret is refused (nothing unsigned leaves).
 */
public record DeliverySettings(Optional<String> smtpHost, int smtpPort, Optional<String> smtpUser,
                               Optional<String> smtpPassword, String smtpFrom, boolean smtpStartTls,
                               int digestHour, String publicUrl, Optional<URI> webhookUrl, Optional<String> webhookSecret,
                               int maxAttempts, Duration retryAfter, boolean automatic) {

    public DeliverySettings {
        if (webhookUrl.isPresent() && webhookSecret.filter(s -> s.length() >= 16).isEmpty()) {
            throw new IllegalStateException("WEIQUAN_WEBHOOK_SECRET (at least 16 characters) is required with WEIQUAN_WEBHOOK_URL");
        }
        if (digestHour < 0 || digestHour > 23) {
            throw new IllegalStateException("WEIQUAN_NOTIFY_DIGEST_HOUR must be an hour from 0 to 23");
        }
        if (maxAttempts < 1) {
            throw new IllegalStateException("WEIQUAN_NOTIFY_MAX_ATTEMPTS must be at least 1");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public static DeliverySettings fromConfig() {
        Config config = ConfigProvider.getConfig(DeliverySettings.class.getClassLoader());
        return new DeliverySettings(text(config, "weiquan.smtp.host"),
                config.getOptionalValue("weiquan.smtp.port", Integer.class).orElse(25),
                text(config, "weiquan.smtp.user"), text(config, "weiquan.smtp.password"),
                text(config, "weiquan.smtp.from").orElse("weiquan@localhost"),
                config.getOptionalValue("weiquan.smtp.starttls", Boolean.class).orElse(false),
                config.getOptionalValue("weiquan.notify.digest.hour", Integer.class).orElse(8),
                text(config, "weiquan.public.url").orElse("http://localhost:8080"),
                text(config, "weiquan.webhook.url").map(URI::create), text(config, "weiquan.webhook.secret"),
                config.getOptionalValue("weiquan.notify.max.attempts", Integer.class).orElse(6),
                Duration.ofSeconds(config.getOptionalValue("weiquan.notify.retry.seconds", Long.class).orElse(60L)),
                true);
    }

    /** No e-mail, no webhook: in-app notifications only. */
    public static DeliverySettings off() {
        return new DeliverySettings(Optional.empty(), 25, Optional.empty(), Optional.empty(), "weiquan@localhost", false,
                8, "http://localhost:8080", Optional.empty(), Optional.empty(), 6, Duration.ofSeconds(60), true);
    }

    /** The same settings with the dispatcher's own schedule on or off (off: only an explicit run sends). */
    public DeliverySettings withAutomatic(boolean on) {
        return new DeliverySettings(smtpHost, smtpPort, smtpUser, smtpPassword, smtpFrom, smtpStartTls, digestHour,
                publicUrl, webhookUrl, webhookSecret, maxAttempts, retryAfter, on);
    }

    private static Optional<String> text(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean emailOn() {
        return smtpHost.isPresent();
    }

    public boolean webhookOn() {
        return webhookUrl.isPresent();
    }
}
