package org.weiquan.notification;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends what the outbox holds, after the commit that wrote it, every 15 seconds on every node: each row is
 * claimed (committed) before it is sent and marked sent after, so it goes out at most once; a failure is tried
 * again after the back-off (1, 2, 4 … times {@code WEIQUAN_NOTIFY_RETRY_SECONDS}) until
 * {@code WEIQUAN_NOTIFY_MAX_ATTEMPTS}, then it lies in the dead-letter list. Rows survive a restart: a node that
 * starts sends what was committed before. A user's due e-mail rows go in one message (the digest).
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final int BATCH = 200;

    @Inject
    OutboxStore store;

    @Inject
    Delivery delivery;

    @Inject
    MailSender mail;

    @Inject
    WebhookSender webhook;

    @Inject
    Clock clock;

    /** What one run did. */
    public record Run(int emails, int webhooks, int failed) {
    }

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void onSchedule() {
        if (delivery.settings().automatic()) {
            try {
                sendDue(clock.instant());
            } catch (RuntimeException e) {
                LOG.warning("Notifications not sent this time: " + e.getClass().getSimpleName());
            }
        }
    }

    @Inject
    DueReminders reminders;

    @Schedule(hour = "*", minute = "7", persistent = false)
    void remindOfDueWork() {
        try {
            reminders.remind(clock.instant());
        } catch (RuntimeException e) {
            LOG.warning("Due reminders not written this time: " + e.getClass().getSimpleName());
        }
    }

    @Schedule(hour = "3", minute = "17", persistent = false)
    void purgeOld() {
        try {
            store.purge(clock.instant());
        } catch (RuntimeException e) {
            LOG.warning("Old notifications not purged this time: " + e.getClass().getSimpleName());
        }
    }

    /** Sends every row due at {@code now} (the schedule passes the clock's time). */
    public Run sendDue(Instant now) {
        DeliverySettings settings = delivery.settings();
        store.expireClaims(now);
        Map<String, List<OutboxStore.Claimed>> emails = new LinkedHashMap<>();
        List<OutboxStore.Claimed> hooks = new ArrayList<>();
        for (Long id : store.due(now, BATCH)) {
            store.claim(id, now).ifPresent(c -> {
                if (c.message().channel() == Channel.EMAIL) {
                    emails.computeIfAbsent(c.email(), k -> new ArrayList<>()).add(c);
                } else {
                    hooks.add(c);
                }
            });
        }
        int sentMails = 0;
        int sentHooks = 0;
        int failed = 0;
        for (Map.Entry<String, List<OutboxStore.Claimed>> toOne : emails.entrySet()) {
            List<OutboxStore.Claimed> items = toOne.getValue();
            String why = null;
            if (!settings.emailOn()) {
                why = "email-off";
            } else {
                List<Notification> ns = items.stream().map(OutboxStore.Claimed::notification).toList();
                try {
                    mail.send(settings, toOne.getKey(), MessageText.subject(ns), MessageText.body(ns, settings.publicUrl()),
                            "<weiquan-" + items.get(0).message().id() + "-" + items.get(0).message().attempts() + "@weiquan>");
                } catch (jakarta.mail.MessagingException | RuntimeException e) {
                    why = e.getClass().getSimpleName();
                }
            }
            for (OutboxStore.Claimed c : items) {
                if (why == null) {
                    store.sent(c.message().id(), now);
                } else {
                    store.failed(c.message().id(), why, now, settings.retryAfter(), settings.maxAttempts());
                }
            }
            if (why == null) {
                sentMails++;
            } else {
                failed += items.size();
            }
        }
        for (OutboxStore.Claimed c : hooks) {
            String why;
            if (!settings.webhookOn()) {
                why = "webhook-off";
            } else {
                try {
                    why = webhook.post(settings, String.valueOf(c.message().id()), MessageText.webhook(c.message(), c.notification(), settings.publicUrl()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    why = "interrupted";
                }
            }
            if (why == null) {
                store.sent(c.message().id(), now);
                sentHooks++;
            } else {
                store.failed(c.message().id(), why, now, settings.retryAfter(), settings.maxAttempts());
                failed++;
            }
        }
        if (failed > 0) {
            LOG.warning("Notifications not delivered this time, to be tried again or in the dead-letter list: " + failed);
        }
        return new Run(sentMails, sentHooks, failed);
    }
}
