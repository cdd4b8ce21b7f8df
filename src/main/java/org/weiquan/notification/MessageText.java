package org.weiquan.notification;

import org.weiquan.shared.Jsonp;
import jakarta.json.JsonObjectBuilder;
import org.weiquan.shared.StationTime;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The words of an outside message: a case number, a task's name, a due date (Beijing time) and a link — nothing
 * else, so that no name, phone or identity number of a case's people ever leaves in an e-mail or an SMS.
 */
final class MessageText {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm").withZone(StationTime.ZONE);

    private MessageText() {
    }

    static String due(Instant due) {
        return due == null ? "无" : DUE.format(due);
    }

    static String line(Notification n, String publicUrl) {
        return (n.urgent() ? "【紧急】" : "") + (n.caseNumber() == null ? "" : "案件 " + n.caseNumber() + " ")
                + "「" + n.taskName() + "」 期限 " + due(n.due()) + "\n  " + publicUrl + n.path();
    }

    /** The subject: one urgent item names its task and case; otherwise the digest and its count. */
    static String subject(List<Notification> items) {
        if (items.size() == 1 && items.get(0).urgent()) {
            Notification n = items.get(0);
            return "【维权·紧急】" + n.taskName() + (n.caseNumber() == null ? "" : " " + n.caseNumber());
        }
        return "【维权】待办摘要:" + items.size() + " 项";
    }

    static String body(List<Notification> items, String publicUrl) {
        StringBuilder text = new StringBuilder("您好,\n\n");
        text.append(items.size() == 1 && items.get(0).urgent() ? "以下事项需要您尽快处理:\n\n" : "以下事项等待您处理:\n\n");
        for (Notification n : items) {
            text.append("- ").append(line(n, publicUrl)).append('\n');
        }
        text.append("\n请登录维权系统查看详情。本邮件由系统自动发送,请勿回复;如不需要邮件提醒,可在系统的“提醒”页面更改。\n");
        return text.toString();
    }

    /** The webhook's JSON body: the delivery's id (the gateway drops a repeat), whom to tell, and the same four facts. */
    static String webhook(OutboxMessage m, Notification n, String publicUrl) {
        JsonObjectBuilder body = Jsonp.createObjectBuilder().add("delivery", String.valueOf(m.id()))
                .add("recipient", m.recipient()).add("urgent", n.urgent()).add("task", n.taskName())
                .add("link", publicUrl + n.path())
                .add("text", (n.urgent() ? "【维权·紧急】" : "【维权】") + (n.caseNumber() == null ? "" : n.caseNumber() + " ")
                        + n.taskName() + ",期限 " + due(n.due()));
        if (n.caseNumber() != null) {
            body.add("caseNumber", n.caseNumber());
        }
        if (n.due() != null) {
            body.add("due", StationTime.of(n.due()).toString());
        }
        return body.build().toString();
    }
}
