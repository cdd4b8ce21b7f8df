package org.weiquan.notification;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.logging.Logger;

/**
 * The delivery settings in force on this node: read once at start; {@link #replace} changes them while the
 * application runs (the integration test points them at its own SMTP server and receiver).
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());

    private volatile DeliverySettings settings;

    @PostConstruct
    void read() {
        try {
            settings = DeliverySettings.fromConfig();
        } catch (RuntimeException e) {
            LOG.severe("Notification settings refused, e-mail and webhook stay off: " + e.getMessage());
            settings = DeliverySettings.off();
        }
        LOG.info("Notifications: e-mail " + (settings.emailOn() ? "on" : "off") + ", webhook "
                + (settings.webhookOn() ? "on" : "off"));
    }

    public DeliverySettings settings() {
        return settings;
    }

    public void replace(DeliverySettings next) {
        this.settings = next;
    }
}
