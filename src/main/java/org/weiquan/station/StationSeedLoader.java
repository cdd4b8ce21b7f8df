package org.weiquan.station;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.weiquan.infrastructure.DatabaseMigrations;

/** Loads the station tree on start-up, once the schema is current. */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class StationSeedLoader {

    @Inject
    DatabaseMigrations database;

    @Inject
    StationSeeds seeds;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void loadStations() {
        if (database.isReady()) {
            seeds.load();
        }
    }
}
