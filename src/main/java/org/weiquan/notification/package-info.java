/**
 * Notifications (issue 19): whoever must act learns it — in the application (the bell, read / unread, kept
 * 90 days), by e-mail through the county's SMTP server (at once for urgent work, otherwise in a daily digest,
 * as each user chooses) and through a gateway's webhook for SMS or instant messaging (a signed body, retries
 * with back-off, a dead-letter list for the administrator). The rows are written in the transaction of the
 * event that causes them ({@link org.weiquan.workflow.WorkAnnounced}, observed synchronously), into an outbox
 * that the {@link org.weiquan.notification.Dispatcher} sends after the commit; a message names a case number,
 * a task's name, a due date and a link, never a person of the case.
 *
 * <p>Depends on {@code workflow} (the announced tasks, the held tasks falling due),
 * {@code casework} (which tasks are chases), {@code referral} (a referral answered), {@code security} (the users, their roles, stations and
 * scope, who is acting) and {@code shared}.
 */
package org.weiquan.notification;
