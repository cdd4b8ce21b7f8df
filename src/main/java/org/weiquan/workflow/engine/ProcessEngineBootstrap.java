package org.weiquan.workflow.engine;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.container.impl.deployment.scanning.ProcessApplicationScanningUtil;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.cdi.CdiJtaProcessEngineConfiguration;
import org.camunda.bpm.engine.cdi.impl.ManagedJobExecutor;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.weiquan.cluster.NodeSettings;
import org.weiquan.infrastructure.DatabaseMigrations;
import org.weiquan.infrastructure.StartupLock;
import org.weiquan.security.UserAbsences;
import org.weiquan.workflow.WorkAnnounced;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Builds the process engine on the application's DataSource inside the container's JTA transactions,
 * so that a case and its process instance are written and rolled back together; runs the job
 * executor on the container's managed executor; deploys {@code bpmn/*.bpmn} (only what changed);
 * and registers the engine so that {@code @Inject RuntimeService} works.
 *
 * <p>History level ACTIVITY: the case file's completed tasks and the operators' view of finished
 * process instances need the task and activity history; the indicators are read from Weiquan's own
 * tables, and process variables hold no personal data, so variable history (AUDIT, FULL) would only
 * add rows. Every process sets {@code historyTimeToLive}.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class ProcessEngineBootstrap {

    public static final String ENGINE_NAME = "default";
    private static final Logger LOG = Logger.getLogger(ProcessEngineBootstrap.class.getName());

    @Inject
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    DatabaseMigrations database;

    @Inject
    Event<WorkAnnounced> workAnnounced;

    @Inject
    UserAbsences absences;

    /**
     * The container's own reference, not CDI's: every command of the engine goes through this bean, and through CDI's
     * proxy each call first made the container throw and catch an exception (it asks a no-interface view for a
     * {@code java.lang.reflect.Proxy} handler it does not have), about 0.06 ms a call.
     */
    @EJB
    ContainerTransactions containerTransactions;

    private ProcessEngine engine;

    @PostConstruct
    void start() {
        if (!database.isReady()) {
            return; // DatabaseMigrations has said why, in one line
        }
        long started = System.nanoTime();
        CdiJtaProcessEngineConfiguration configuration = new EngineInContainerTransactions(containerTransactions);
        configuration.setProcessEngineName(ENGINE_NAME);
        configuration.setDataSource(dataSource);
        configuration.setTransactionManager(lookupTransactionManager());
        configuration.setTransactionsExternallyManaged(true);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        tablesInTheConnectionsSchema(configuration, dataSource);
        historyKeptFromTheEnd(configuration);
        configuration.setIdGenerator(new StrongUuidGenerator()); // safe when several nodes share the database
        // started below, once the engine's tables are migrated: a job run meanwhile could make a task the inbox's
        // back-fill (V94) would also copy
        configuration.setJobExecutorActivate(false);
        configuration.setJobExecutor(jobExecutorOf(NodeSettings.fromConfig()));
        configuration.setHostname(NodeSettings.fromConfig().name());
        configuration.setMetricsEnabled(false);
        // the task-worker meter (a row per assignment, for Camunda's licence counting) is not used: one insert fewer
        // per claim and per assignment
        configuration.setTaskMetricsEnabled(false);
        // Weiquan's models are BPMN only: no decision or case engine to build at every start
        configuration.setDmnEnabled(false);
        configuration.setCmmnEnabled(false);
        configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>(java.util.List.of(
                new AbsentAssignees(absences), new TaskAnnouncements(workAnnounced), new InboxRows())));
        // nodes starting together on an empty database: one creates the engine's tables and deploys the
        // models while the others wait (Flyway's lock does not cover the engine's schema)
        try (StartupLock.Held lock = StartupLock.holdOutsideTransactions()) {
            engine = configuration.buildProcessEngine();
            try {
                // the engine's tables exist now: the indexes Weiquan adds to them
                DatabaseMigrations.engineTables(dataSource).load().migrate();
                RuntimeContainerDelegate.INSTANCE.get().registerProcessEngine(engine);
                deployModels();
                configuration.getJobExecutor().start();
            } catch (RuntimeException e) {
                stop(); // no job executor thread may outlive a failed start
                throw e;
            }
        }
        LOG.info("Process engine started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /**
     * History level ACTIVITY (see above), kept for each process's {@code historyTimeToLive} from the process's end.
     * The end time itself tells the engine's history cleanup what is due ({@code endTimeBased}), so nothing is
     * written for it when a process ends: by default the engine copies a removal time into the history tables of the
     * ended process, 13 updates at the end of every process, and its cleanup then reads only those. Weiquan runs no
     * scheduled cleanup; when the federation decides to remove history, the cleanup it starts counts from the end.
     */
    static void historyKeptFromTheEnd(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setHistoryCleanupStrategy(ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_END_TIME_BASED);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_NONE);
    }

    /**
     * The engine looks for its tables in the schema Weiquan's connections work in. Left unset, it would look in every
     * schema of the database: where another schema already held an engine's tables (a second application, the
     * benchmark's bare engine), it would create none of its own and then fail on its first query. The engine
     * requires the schema as its tables' prefix too; its statements then name the schema that Weiquan's own reach
     * through the connection's search path. (An unquoted prefix: on PostgreSQL the schema's name must be in lower
     * case, as {@code public} is.)
     */
    static void tablesInTheConnectionsSchema(ProcessEngineConfigurationImpl configuration, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String schema = connection.getSchema();
            configuration.setDatabaseSchema(schema);
            configuration.setDatabaseTablePrefix(schema + ".");
        } catch (SQLException e) {
            throw new IllegalStateException("the database's current schema could not be read", e);
        }
    }

    /**
     * Every node runs a job executor on the shared tables; a job locked by a node that dies is run by another
     * once its lock expires ({@code WEIQUAN_JOB_LOCK_SECONDS}).
     */
    private ManagedJobExecutor jobExecutorOf(NodeSettings node) {
        ManagedJobExecutor jobs = new ManagedJobExecutor(executor);
        jobs.setLockTimeInMillis(Math.toIntExact(node.jobLockTime().toMillis()));
        jobs.setMaxWait(node.jobMaxIdleWait().toMillis());
        jobs.setWaitTimeInMillis((int) Math.min(jobs.getWaitTimeInMillis(), node.jobMaxIdleWait().toMillis()));
        return jobs;
    }

    private void deployModels() {
        ClassLoader loader = getClass().getClassLoader();
        Map<String, byte[]> models = ProcessApplicationScanningUtil.findResources(loader, "bpmn", null);
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
                .name("weiquan")
                .enableDuplicateFiltering(true);
        models.forEach((name, bytes) -> deployment.addInputStream(name, new ByteArrayInputStream(bytes)));
        var result = deployment.deployWithResult();
        var deployed = result.getDeployedProcessDefinitions();
        LOG.info("Process models: " + models.keySet() + "; newly deployed: "
                + (deployed == null ? 0 : deployed.size()));
    }

    private static TransactionManager lookupTransactionManager() {
        try {
            return (TransactionManager) new InitialContext().lookup("java:appserver/TransactionManager");
        } catch (NamingException e) {
            throw new IllegalStateException("the container's TransactionManager is not available", e);
        }
    }

    @PreDestroy
    void stop() {
        if (engine != null) {
            ProcessEngine closing = engine;
            engine = null;
            if (RuntimeContainerDelegate.INSTANCE.get().getProcessEngineService().getProcessEngine(closing.getName()) != null) {
                RuntimeContainerDelegate.INSTANCE.get().unregisterProcessEngine(closing);
            }
            closing.close();
            LOG.info("Process engine closed");
        }
    }

    /** The running engine, or null when the database was not usable at start-up. */
    public ProcessEngine engine() {
        return engine;
    }
}
