package org.weiquan.station;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weiquan.infrastructure.StartupLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Loads the partner agencies from {@code seeds/agencies.csv} ({@code code,name,kind,station_code}): at
 * start-up only into a database without agencies whose network came from the seed (issue 18); agencies are
 * matched by code and only missing ones are added, so an administrator's edits are never overwritten; runs
 * under the start-up lock.
 */
@Stateless
public class AgencySeeds {

    static final String RESOURCE = "seeds/agencies.csv";
    private static final Logger LOG = Logger.getLogger(AgencySeeds.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    StartupLock lock;

    @Inject
    Stations stations;

    /**
     * The start-up load of {@code seeds/agencies.csv}: only while the database has no agency and its stations
     * came from the station seed (they are the ones the agencies name); afterwards the administrator keeps
     * the agencies. Returns how many agencies were added.
     */
    public int load() {
        lock.acquire();
        long agencies = em.createQuery("SELECT COUNT(a) FROM PartnerAgency a", Long.class).getSingleResult();
        var file = org.eclipse.microprofile.config.ConfigProvider.getConfig(AgencySeeds.class.getClassLoader())
                .getOptionalValue("weiquan.seeds.agencies", String.class).map(String::strip).filter(f -> !f.isEmpty());
        if (file.isPresent() && agencies == 0) {
            // the county's own agencies (or the tests' fixture), named beside its own network file
            try {
                return load(java.nio.file.Path.of(file.get()).getFileName().toString(),
                        java.nio.file.Files.readAllBytes(java.nio.file.Path.of(file.get())));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("WEIQUAN_SEEDS_AGENCIES names a file that cannot be read", e);
            }
        }
        boolean seededNetwork = !em.createNativeQuery("SELECT name FROM seed_log WHERE name = ?1")
                .setParameter(1, StationSeeds.RESOURCE).getResultList().isEmpty();
        if (agencies > 0 || !seededNetwork) {
            LOG.info(agencies > 0 ? "Partner agencies: the database holds them (" + agencies + "); no seed loaded"
                    : "Partner agencies: the network did not come from the seed; the administrator adds the agencies");
            return 0;
        }
        return load(RESOURCE, StartupLock.readSeed(RESOURCE));
    }

    /** Loads an agency list in the seed format, recorded under {@code name}; the stations must exist. */
    public int load(String name, byte[] csv) {
        String checksum = StartupLock.checksum(csv);
        lock.acquire();
        if (lock.isLoaded(name, checksum)) {
            return 0;
        }
        Set<String> known = new HashSet<>(em.createQuery("SELECT a.code FROM PartnerAgency a", String.class)
                .getResultList());
        int added = 0;
        List<SeedAgency> rows = SeedAgency.parse(new String(csv, StandardCharsets.UTF_8));
        for (SeedAgency row : rows) {
            if (!known.add(row.code())) {
                continue;
            }
            Station station = null;
            if (row.stationCode() != null) {
                station = stations.byCode(row.stationCode()).orElseThrow(() -> new IllegalStateException(
                        name + ": station " + row.stationCode() + " of agency " + row.code() + " does not exist"));
            }
            em.persist(new PartnerAgency(row.code(), row.name(), row.kind(), station));
            added++;
        }
        em.flush();
        lock.recordLoaded(name, checksum);
        LOG.info("Partner agencies loaded from " + name + ": " + added + " added, " + known.size() + " in all");
        return added;
    }
}
