package org.weiquan.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.calendar.CalendarDay;
import org.weiquan.calendar.DayKind;
import org.weiquan.calendar.WorkingDayCalendar;
import org.weiquan.shared.StationTime;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The working-day calendar of a year: public holidays and make-up working days (调休); the administrator
 * adds, changes and removes dates through {@link WorkingDayCalendar}.
 */
@Named
@ViewScoped
public class CalendarPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "calendarForm:";

    @Inject
    Navigation navigation;

    @Inject
    WorkingDayCalendar calendar;

    private int year;
    private List<AdminRows.Day> days = List.of();

    private LocalDate date;
    private String kind;
    private String name;
    private boolean editing;

    @PostConstruct
    void load() {
        year = LocalDate.now(StationTime.ZONE).getYear();
        reload();
    }

    private void reload() {
        // the service reads the calendar for anyone (deadlines need it); its page is the administrator's
        days = navigation.isAdmin() ? calendar.year(year).stream().map(AdminRows.Day::new).toList() : List.of();
    }

    public void changeYear() {
        reload();
    }

    public void save() {
        try {
            CalendarDay saved = calendar.set(date == null ? null : date.toString(), kind, name);
            AdminFeedback.info("calendar.saved", saved.day().toString(), AdminTexts.label("dayKind", saved.kind()),
                    saved.name());
            year = saved.day().getYear();
            clear();
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e, field -> switch (field) {
                case "date" -> FORM + "date";
                case "kind" -> FORM + "kind";
                case "name" -> FORM + "name";
                default -> null;
            });
        }
    }

    public void edit(AdminRows.Day day) {
        date = day.getDate();
        kind = day.getKindName();
        name = day.getName();
        editing = true;
    }

    public void remove(AdminRows.Day day) {
        try {
            calendar.remove(day.getDay());
            AdminFeedback.info("calendar.removed", day.getDay());
            if (day.getDate().equals(date)) {
                clear();
            }
            reload();
        } catch (RuntimeException e) {
            AdminFeedback.refused(e);
        }
    }

    public void clear() {
        date = null;
        kind = null;
        name = null;
        editing = false;
    }

    public List<Integer> getYears() {
        int now = LocalDate.now(StationTime.ZONE).getYear();
        return IntStream.rangeClosed(Math.min(now - 2, year), Math.max(now + 2, year)).boxed().toList();
    }

    public List<String> getKinds() { return Arrays.stream(DayKind.values()).map(Enum::name).toList(); }
    public String kindLabel(String kind) { return AdminTexts.label("dayKind", kind); }
    public String getCount() { return AdminTexts.get("calendar.count", String.valueOf(year), days.size()); }

    public int getYear() { return year; }
    public void setYear(int year) { this.year = year; }
    public List<AdminRows.Day> getDays() { return days; }
    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isEditing() { return editing; }
}
