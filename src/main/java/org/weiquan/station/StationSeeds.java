package org.weiquan.station;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.infrastructure.StartupLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Loads the station tree from {@code seeds/stations.csv} ({@code code,name,level,parent_code}).
 * Idempotent: stations are matched by code and only missing ones are added, so an administrator's
 * later edits are never overwritten; and it runs under the start-up lock, so that two nodes starting
 * together load the tree once.
 */
@Stateless
public class StationSeeds {

    static final String RESOURCE = "seeds/stations.csv";
    private static final Logger LOG = Logger.getLogger(StationSeeds.class.getName());

    @Inject
    StartupLock lock;

    @Inject
    Stations stations;

    /** Loads {@code seeds/stations.csv}; returns how many stations were added (0 when the tree was there). */
    public int load() {
        return load(RESOURCE, StartupLock.readSeed(RESOURCE));
    }

    /** Loads a station list in the seed format, recorded under {@code name}. */
    public int load(String name, byte[] csv) {
        String checksum = StartupLock.checksum(csv);
        lock.acquire();
        if (lock.isLoaded(name, checksum)) {
            return 0;
        }
        int added = 0;
        Map<String, Station> byCode = new HashMap<>();
        for (Station s : stations.all()) {
            byCode.put(s.code(), s);
        }
        List<SeedStation> rows = SeedStation.parse(new String(csv, StandardCharsets.UTF_8));
        for (SeedStation row : rows) {
            if (byCode.containsKey(row.code())) {
                continue;
            }
            Station station;
            if (row.parentCode() == null) {
                if (row.level() != StationLevel.COUNTY) {
                    throw new IllegalStateException(name + ": station " + row.code() + " has no parent");
                }
                station = Station.county(row.code(), row.name());
            } else {
                Station parent = byCode.get(row.parentCode());
                if (parent == null) {
                    throw new IllegalStateException(name + ": parent " + row.parentCode() + " of " + row.code()
                            + " must come before it");
                }
                station = parent.openChild(row.code(), row.name(), row.level());
            }
            stations.add(station);
            byCode.put(station.code(), station);
            added++;
        }
        lock.recordLoaded(name, checksum);
        LOG.info("Station tree loaded from " + name + ": " + added + " stations added, " + byCode.size() + " in all");
        return added;
    }
}
