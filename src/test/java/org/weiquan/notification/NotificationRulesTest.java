package org.weiquan.notification;

import org.junit.jupiter.api.Test;
import org.weiquan.workflow.WorkItem;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What decides when and how a notification leaves: urgency, the digest's hour, the back-off, the words. */
class NotificationRulesTest {

    private static final Instant NOW = OffsetDateTime.parse("2026-12-05T07:30:00+08:00").toInstant();

    private static WorkItem task(String key, String risk) {
        return new WorkItem("t1", key, "督办", WorkItem.Model.HANDLING, "QX-0101-2026-0042", "QX-0101-2026-0042", null,
                null, null, List.of("station:QX-0101:supervisor"), NOW, NOW.plus(Duration.ofDays(1)), risk, null);
    }

    @Test
    void chasesEscalationsAndHighRiskWorkAreUrgentOtherWorkWaitsForTheDigest() {
        assertThat(Notifier.isUrgent(task("Task_ChaseOverdue", null))).isTrue();
        assertThat(Notifier.isUrgent(task("Task_EscalateOverdue", null))).isTrue();
        assertThat(Notifier.isUrgent(task("Task_HandleCase", "HIGH"))).isTrue();
        assertThat(Notifier.isUrgent(task("Task_HandleCase", "MEDIUM"))).isFalse();
        assertThat(Notifier.isUrgent(task("Task_ReviewContact", null))).isFalse();
    }

    @Test
    void theDigestGoesAtTheNextOfItsHourInBeijing() {
        assertThat(Notifier.nextDigest(NOW, 8)).isEqualTo(OffsetDateTime.parse("2026-12-05T08:00:00+08:00").toInstant());
        assertThat(Notifier.nextDigest(NOW, 7)).isEqualTo(OffsetDateTime.parse("2026-12-06T07:00:00+08:00").toInstant());
        assertThat(Notifier.nextDigest(OffsetDateTime.parse("2026-12-05T23:59:00+08:00").toInstant(), 0))
                .isEqualTo(OffsetDateTime.parse("2026-12-06T00:00:00+08:00").toInstant());
    }

    @Test
    void aFailedSendWaitsTwiceAsLongEachTimeThenLiesInTheDeadLetterList() {
        Notification n = new Notification("zhuren", "task:t1:offered", Notification.Kind.OFFERED, true, "QX-0101-2026-0042",
                "t1", "督办", NOW, NOW);
        OutboxMessage m = new OutboxMessage(n, Channel.WEBHOOK, NOW, NOW);
        Duration base = Duration.ofSeconds(60);
        m.claim(NOW, OutboxStore.LEASE);
        m.failed("HTTP 503", NOW, base, 3);
        assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(m.notBefore()).isEqualTo(NOW.plusSeconds(60));
        m.claim(NOW, OutboxStore.LEASE);
        m.failed("HTTP 503", NOW, base, 3);
        assertThat(m.notBefore()).isEqualTo(NOW.plusSeconds(120));
        m.claim(NOW, OutboxStore.LEASE);
        m.failed("HTTP 503", NOW, base, 3);
        assertThat(m.state()).isEqualTo(OutboxMessage.State.DEAD);
        m.retry(NOW);
        assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(m.attempts()).isZero();
    }

    @Test
    void anUrgentEmailNamesTaskCaseDueAndLinkAndADigestCountsItsItems() {
        Notification chase = new Notification("zhuren", "task:t1:offered", Notification.Kind.OFFERED, true,
                "QX-0101-2026-0042", "t1", "督办", OffsetDateTime.parse("2026-12-06T10:15:00+08:00").toInstant(), NOW);
        Notification review = new Notification("zhuren", "task:t2:offered", Notification.Kind.OFFERED, false, null, "t2",
                "受理审查", null, NOW);
        assertThat(MessageText.subject(List.of(chase))).isEqualTo("【维权·紧急】督办 QX-0101-2026-0042");
        assertThat(MessageText.body(List.of(chase), "https://w.example")).contains("案件 QX-0101-2026-0042 「督办」 期限 2026年12月6日 10:15")
                .contains("https://w.example/app/task.xhtml?id=t1");
        assertThat(MessageText.subject(List.of(chase, review))).isEqualTo("【维权】待办摘要:2 项");
        assertThat(MessageText.body(List.of(chase, review), "https://w.example")).contains("「受理审查」 期限 无");
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(WebhookSender.signature("Jefe", "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aWebhookUrlWithoutASecretIsRefused() {
        DeliverySettings off = DeliverySettings.off();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliverySettings(off.smtpHost(), 25, off.smtpUser(),
                        off.smtpPassword(), "a@b", false, 8, "http://x", java.util.Optional.of(java.net.URI.create("http://127.0.0.1/h")),
                        java.util.Optional.empty(), 6, Duration.ofSeconds(60), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WEIQUAN_WEBHOOK_SECRET");
    }
}
