package org.weiquan.station;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.weiquan.infrastructure.DatabaseMigrations;

/** Loads the partner agencies on start-up, after the station tree they refer to. */
@Singleton
@Startup
@DependsOn("StationSeedLoader")
public class AgencySeedLoader {

    @Inject
    DatabaseMigrations database;

    @Inject
    AgencySeeds seeds;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void loadAgencies() {
        if (database.isReady()) {
            seeds.load();
        }
    }
}
