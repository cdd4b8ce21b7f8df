package org.weiquan.shared;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.weiquan.casefile.ContactAttemptForm;
import org.weiquan.casefile.ContactMeans;

import java.time.LocalDate;
import java.util.Locale;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A date a form says must not lie in the future is compared with the station's day (Asia/Shanghai), whatever zone
 * the server runs in. The server here is put twenty hours behind Beijing, so that for twenty hours of every day its
 * own date is the day before the station's (CI found the defect on a UTC machine after 0:00 Beijing time).
 */
class FormsTodayTest {

    private final TimeZone serverZone = TimeZone.getDefault();

    @AfterEach
    void restore() {
        TimeZone.setDefault(serverZone);
    }

    @Test
    void todayAtTheStationIsNotInTheFutureOnAServerInAnotherZoneButTomorrowIs() {
        TimeZone.setDefault(TimeZone.getTimeZone("Etc/GMT+12"));
        LocalDate today = LocalDate.now(StationTime.ZONE);

        assertThatCode(() -> Forms.validate(new ContactAttemptForm(today, ContactMeans.values()[0], "电话未接通"),
                Locale.CHINA)).doesNotThrowAnyException();
        assertThatThrownBy(() -> Forms.validate(new ContactAttemptForm(today.plusDays(1), ContactMeans.values()[0],
                "电话未接通"), Locale.ENGLISH)).isInstanceOf(InvalidInput.class).hasMessageContaining("on");
    }
}
