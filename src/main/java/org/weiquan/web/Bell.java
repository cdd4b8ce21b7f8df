package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.notification.Notifications;

/** The bell in every page's header: how many of her notifications are unread (issue 19). */
@Named
@RequestScoped
public class Bell {

    @Inject
    Notifications notifications;

    private Long unread;

    public long getUnread() {
        if (unread == null) {
            unread = notifications.unreadCount();
        }
        return unread;
    }

    /** The bell's accessible name: "提醒，3 条未读". */
    public String getLabel() {
        return getUnread() == 0 ? Texts.get("bell.none") : Texts.get("bell.unread", getUnread());
    }
}
