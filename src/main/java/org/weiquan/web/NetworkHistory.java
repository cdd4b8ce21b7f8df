package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.weiquan.network.NetworkAdministration;
import org.weiquan.network.NetworkChange;
import org.weiquan.security.User;
import org.weiquan.security.Users;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded changes of a station or an agency as the pages show them: the time in Beijing minutes, the
 * person's name (not the user name), what changed and each field's label and value in the page's language.
 */
@RequestScoped
public class NetworkHistory {

    @Inject
    NetworkAdministration network;

    @Inject
    Users users;

    List<Change> of(NetworkChange.Subject subject, String code) {
        return network.history(subject, code).stream().map(c -> new Change(Rows.time(c.changedAt()),
                users.byUsername(c.changedBy()).map(User::displayName).orElse(AdminTexts.get("history.someone")),
                AdminTexts.label("history.kind", c.kind()), text(c.before()), text(c.after()))).toList();
    }

    /** {@code field: value} lines in the page's language: {@code 名称：城关社区；层级：社区妇女维权站}. */
    static String text(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String line : recorded.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String field = line.substring(0, colon);
            String value = line.substring(colon + 2);
            String shown = switch (field) {
                case "level" -> AdminTexts.label("level", value);
                case "kind" -> AdminTexts.label("agencyKind", value);
                case "closed", "active" -> AdminTexts.get("yes".equals(value) ? "history.yes" : "history.no");
                default -> value;
            };
            parts.add(AdminTexts.get("history.entry", AdminTexts.label("history.field", field), shown));
        }
        return String.join(AdminTexts.get("history.separator"), parts);
    }

    /** One change as a row. */
    public static class Change implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String at;
        private final String by;
        private final String kind;
        private final String before;
        private final String after;

        Change(String at, String by, String kind, String before, String after) {
            this.at = at;
            this.by = by;
            this.kind = kind;
            this.before = before;
            this.after = after;
        }

        public String getAt() { return at; }
        public String getBy() { return by; }
        public String getKind() { return kind; }
        public String getBefore() { return before; }
        public String getAfter() { return after; }
    }

}
