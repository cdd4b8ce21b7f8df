package org.weiquan.notification;

/** Where a notification goes besides the application itself. */
public enum Channel {
    EMAIL,
    WEBHOOK
}
