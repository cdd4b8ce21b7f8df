package org.weiquan.calendar;

/** What the calendar says of a date, overriding the weekday rule. */
public enum DayKind {
    /** a public holiday: not a working day even on a weekday */
    HOLIDAY,
    /** a make-up working day (调休): a working day even on a weekend */
    WORKDAY
}
