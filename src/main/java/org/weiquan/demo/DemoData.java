package org.weiquan.demo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.weiquan.infrastructure.DatabaseMigrations;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads the demo contacts and cases on start-up when Weiquan runs in demo mode ({@code WEIQUAN_DEMO=true},
 * the quick start), after the station tree, the partner agencies and the process engine. A failed load
 * is logged and leaves the application running, without demo data (nothing of it is kept).
 *
 * <p>The station tree comes before the agencies ({@code AgencySeedLoader} depends on
 * {@code StationSeedLoader}); naming {@code StationSeedLoader} here as well would be right, but Payara
 * 6.2025.10 then reports a false "Cyclic dependency" and refuses to deploy (a bug of GlassFish's
 * {@code SingletonLifeCycleManager} with A → B, C and C → B, fixed in eclipse-ee4j/glassfish#25762).
 */
@Singleton
@Startup
@DependsOn({"AgencySeedLoader", "ProcessEngineBootstrap"})
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    DatabaseMigrations database;

    @Inject
    DemoContacts contacts;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void load() {
        if (!demoMode() || !database.isReady()) {
            return;
        }
        long started = System.nanoTime();
        try {
            DemoContacts.Loaded loaded = contacts.load();
            if (loaded.contacts() > 0) {
                LOG.info("Demo data loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms: "
                        + loaded.contacts() + " contacts, " + loaded.cases() + " cases, " + loaded.awaitingReview()
                        + " awaiting review, " + loaded.repeatVisits() + " repeat visits (dates moved by "
                        + loaded.shiftDays() + " days)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Demo data not loaded: " + e.getMessage(), e);
        }
    }

    private boolean demoMode() {
        return ConfigProvider.getConfig(getClass().getClassLoader())
                .getOptionalValue("weiquan.demo", Boolean.class).orElse(false);
    }
}
