/**
 * The working-day calendar: public holidays and make-up working days (调休), loaded from
 * {@code seeds/calendar.csv} and maintained by the administrator, so that deadlines given in working
 * days (信访工作条例 art. 23: 5 working days to object to a transferred matter) skip holidays.
 *
 * <p>Depends on {@code infrastructure}, {@code security} and {@code shared}.
 */
package org.weiquan.calendar;
