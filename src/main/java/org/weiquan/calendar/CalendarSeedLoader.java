package org.weiquan.calendar;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.weiquan.infrastructure.DatabaseMigrations;

/** Loads the holiday calendar on start-up, once the schema is current. */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class CalendarSeedLoader {

    @Inject
    DatabaseMigrations database;

    @Inject
    WorkingDayCalendar calendar;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void load() {
        if (database.isReady()) {
            calendar.loadSeed();
        }
    }
}
