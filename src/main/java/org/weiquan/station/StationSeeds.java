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
 * Loads the start-up network. At start-up ({@link #load()}) the seed {@code seeds/stations.csv}
 * ({@code code,name,level,parent_code}) goes only into an empty database — the first start, or a fresh demo;
 * after that the database is the truth and the administrator keeps the network (issue 18). A county that is
 * not the demo county sets {@code WEIQUAN_COUNTY_CODE} and {@code WEIQUAN_COUNTY_NAME}: its first start then
 * creates only its county station, and the administrator creates or imports the rest; or it names its own
 * network file (the seed's columns) in {@code WEIQUAN_SEEDS_STATIONS}, loaded instead of the seed. Runs under the
 * start-up lock, so that two nodes starting together load the network once.
 * {@link #load(String, byte[])} adds the missing stations of a list (tests, tools).
 */
@Stateless
public class StationSeeds {

    static final String RESOURCE = "seeds/stations.csv";
    private static final Logger LOG = Logger.getLogger(StationSeeds.class.getName());

    @Inject
    StartupLock lock;

    @Inject
    Stations stations;

    /**
     * The start-up load: into an empty database only, the county station named by the configuration or else
     * {@code seeds/stations.csv}; returns how many stations were added (0 when the database had a network).
     */
    public int load() {
        lock.acquire();
        if (stations.count() > 0) {
            LOG.info("Station tree: the database holds the network (" + stations.count() + " stations); no seed loaded");
            return 0;
        }
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig(StationSeeds.class.getClassLoader());
        var countyCode = config.getOptionalValue("weiquan.county.code", String.class).map(String::strip)
                .filter(c -> !c.isEmpty());
        if (countyCode.isPresent()) {
            String name = config.getOptionalValue("weiquan.county.name", String.class).map(String::strip)
                    .filter(n -> !n.isEmpty()).orElse(countyCode.get());
            if (!countyCode.get().matches("[A-Za-z0-9][A-Za-z0-9-]{0,31}") || name.length() > 100) {
                throw new IllegalStateException("WEIQUAN_COUNTY_CODE must be 1 to 32 letters, digits or hyphens and "
                        + "WEIQUAN_COUNTY_NAME at most 100 characters");
            }
            stations.add(Station.county(countyCode.get(), name));
            LOG.info("Station tree: empty database, created the county station " + countyCode.get()
                    + " (WEIQUAN_COUNTY_CODE); the administrator creates or imports the rest");
            return 1;
        }
        var file = config.getOptionalValue("weiquan.seeds.stations", String.class).map(String::strip)
                .filter(f -> !f.isEmpty());
        if (file.isPresent()) {
            // a county's own network file (or the tests' fixture network), read once at the first start
            try {
                return load(java.nio.file.Path.of(file.get()).getFileName().toString(),
                        java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file.get())));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("WEIQUAN_SEEDS_STATIONS names a file that cannot be read", e);
            }
        }
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
