package org.weiquan.calendar;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.security.CurrentActor;
import org.weiquan.security.Role;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** The calendar as the application keeps it: loaded from the seed, edited by the administrator. */
@Stateless
public class WorkingDayCalendar {

    static final String RESOURCE = "seeds/calendar.csv";
    private static final Logger LOG = Logger.getLogger(WorkingDayCalendar.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    StartupLock lock;

    @Inject
    CurrentActor currentActor;

    /** Working days over the calendar as it stands now. */
    public WorkingDays workingDays() {
        Map<LocalDate, DayKind> overrides = new HashMap<>();
        for (CalendarDay d : em.createQuery("SELECT d FROM CalendarDay d", CalendarDay.class).getResultList()) {
            overrides.put(d.day(), d.kind());
        }
        return new WorkingDays(overrides);
    }

    /**
     * The administrator has checked a year against the State Council's notice (国务院办公厅关于部分节假日安排的通知)
     * and entered its holidays and make-up working days.
     */
    public CalendarYear confirm(int year) {
        requireCountyAdministrator();
        var actor = currentActor.get();
        if (year < 2000 || year > 2100) {
            throw InvalidInput.of("year", "must lie between 2000 and 2100");
        }
        CalendarYear confirmed = em.find(CalendarYear.class, year);
        if (confirmed == null) {
            confirmed = new CalendarYear(year, actor.username(), java.time.Instant.now());
            em.persist(confirmed);
        }
        return confirmed;
    }

    public boolean isConfirmed(int year) {
        return em.find(CalendarYear.class, year) != null;
    }

    /**
     * The year that needs the administrator's attention on {@code today}: from 1 December on, next year when it has
     * not been confirmed (working-day deadlines would otherwise skip no holidays); empty otherwise.
     */
    public java.util.OptionalInt yearToConfirm(LocalDate today) {
        int next = today.getYear() + 1;
        if (today.getMonthValue() == 12 && !isConfirmed(next)) {
            return java.util.OptionalInt.of(next);
        }
        return isConfirmed(today.getYear()) ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(today.getYear());
    }

    public List<CalendarDay> year(int year) {
        return em.createQuery("SELECT d FROM CalendarDay d WHERE d.day >= :from AND d.day < :to ORDER BY d.day",
                        CalendarDay.class)
                .setParameter("from", LocalDate.of(year, 1, 1)).setParameter("to", LocalDate.of(year + 1, 1, 1))
                .getResultList();
    }

    /** Every station's deadlines follow this calendar: a station's administrator may read it, not change it. */
    private void requireCountyAdministrator() {
        if (!currentActor.get().require(Role.ADMIN).isAtRoot()) {
            throw new org.weiquan.shared.Forbidden("the working-day calendar is the whole county's: an administrator "
                    + "of the root station changes it");
        }
    }

    /** Sets what a date is (ADMIN of the root station: the calendar is the whole county's). */
    public CalendarDay set(String date, String kind, String name) {
        requireCountyAdministrator();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        LocalDate day = null;
        try {
            day = LocalDate.parse(date);
            if (day.getYear() < 1900 || day.getYear() > 2999) {
                errors.add("date", "must lie between the years 1900 and 2999");
                day = null;
            }
        } catch (DateTimeParseException e) {
            errors.add("date", "must be a date like 2026-10-01");
        }
        DayKind k = null;
        try {
            k = kind == null ? null : DayKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            k = null;
        }
        if (k == null) {
            errors.add("kind", "must be HOLIDAY or WORKDAY");
        }
        if (name == null || name.isBlank()) {
            errors.add("name", "is required");
        } else if (name.strip().length() > 50) {
            errors.add("name", "is longer than 50 characters");
        }
        errors.throwIfAny();
        CalendarDay existing = em.find(CalendarDay.class, day);
        if (existing == null) {
            existing = new CalendarDay(day, k, name.strip());
            em.persist(existing);
        } else {
            existing.change(k, name.strip());
        }
        LOG.info(currentActor.get().username() + " set " + day + " to " + k);
        return existing;
    }

    /** Removes an override: the date is an ordinary weekday or weekend again (ADMIN of the root station). */
    public void remove(String date) {
        requireCountyAdministrator();
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new NotFound("calendar day");
        }
        if (day.getYear() < 1900 || day.getYear() > 2999) {
            throw new NotFound("calendar day");
        }
        CalendarDay existing = em.find(CalendarDay.class, day);
        if (existing == null) {
            throw new NotFound("calendar day " + date);
        }
        em.remove(existing);
    }

    /** Loads the seed under the start-up lock: dates not yet in the calendar are added. */
    public int loadSeed() {
        byte[] csv = StartupLock.readSeed(RESOURCE);
        String checksum = StartupLock.checksum(csv);
        lock.acquire();
        if (lock.isLoaded(RESOURCE, checksum)) {
            return 0;
        }
        int added = 0;
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 3);
            LocalDate day = LocalDate.parse(f[0]);
            if (em.find(CalendarDay.class, day) == null) {
                em.persist(new CalendarDay(day, DayKind.valueOf(f[1]), f[2]));
                added++;
            }
        }
        lock.recordLoaded(RESOURCE, checksum);
        LOG.info("Working-day calendar: " + added + " dates added from " + RESOURCE);
        return added;
    }
}
