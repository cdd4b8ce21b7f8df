package org.weiquan.intake;

import org.weiquan.calendar.WorkingDays;
import org.weiquan.shared.Days;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The receiving station's window to object that a transferred matter is not its own: 5 working days after the
 * transfer (信访工作条例 art. 23), counted on the working-day calendar; it closes at 24:00 of the last day.
 */
public final class TransferObjection {

    public static final int WORKING_DAYS = 5;

    private TransferObjection() {
    }

    /** The last day to object, for a contact transferred here and still under review; null otherwise. */
    public static LocalDate lastDay(Contact contact, WorkingDays calendar) {
        if (contact.transferredFrom() == null || contact.status() != ContactStatus.AWAITING_REVIEW
                || contact.decidedAt() == null) {
            return null;
        }
        return calendar.plus(Days.dateOf(contact.decidedAt()), WORKING_DAYS);
    }

    /** The same, reading the calendar only for a contact that has such a window (most have none). */
    public static LocalDate lastDay(Contact contact, java.util.function.Supplier<WorkingDays> calendar) {
        return hasWindow(contact) ? lastDay(contact, calendar.get()) : null;
    }

    /** The end of the window, reading the calendar only when there is one. */
    public static Instant closes(Contact contact, java.util.function.Supplier<WorkingDays> calendar) {
        return hasWindow(contact) ? closes(contact, calendar.get()) : null;
    }

    private static boolean hasWindow(Contact contact) {
        return contact.transferredFrom() != null && contact.status() == ContactStatus.AWAITING_REVIEW
                && contact.decidedAt() != null;
    }

    public static Instant closes(Contact contact, WorkingDays calendar) {
        LocalDate last = lastDay(contact, calendar);
        return last == null ? null : Days.endOf(last);
    }
}
