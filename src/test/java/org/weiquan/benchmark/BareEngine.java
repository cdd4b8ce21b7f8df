package org.weiquan.benchmark;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The yardstick: a bare Camunda 7 engine (the application's engine version, from the same pom) on the same
 * PostgreSQL database, in a schema of its own ({@code yardstick}) so that its tables never meet the application's.
 * It deploys the application's own models ({@code bpmn/*.bpmn}) and starts {@code ContactReview} with the
 * variables the application gives it (so: a user task with candidate group, its P15D-style deadline timer, a
 * parallel branch), history ACTIVITY, UUID ids as in the application, job executor off (the timers are 15 days
 * away), and the index Weiquan adds to the engine's task table. Its completion is the review task's own: claim, then
 * complete with a decision.
 */
final class BareEngine implements AutoCloseable {

    static final String SCHEMA = "yardstick";

    private final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AtomicLong contactIds = new AtomicLong(1_000_000_000L);

    BareEngine(String jdbcUrl, String user, String password, int connections, Path bpmnFolder) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("yardstick");
        // the driver as the application sets it up (ConfiguredDataSource): batched inserts go as one multi-row INSERT
        configuration.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA
                + "&reWriteBatchedInserts=true");
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(user);
        configuration.setJdbcPassword(password);
        configuration.setJdbcMaxActiveConnections(connections);
        configuration.setJdbcMaxIdleConnections(connections);
        configuration.setDatabaseSchema(SCHEMA);
        configuration.setDatabaseTablePrefix(SCHEMA + ".");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
        configuration.setIdGenerator(new StrongUuidGenerator());
        configuration.setJobExecutorActivate(false);
        // the engine settings Weiquan's own engine has (ProcessEngineBootstrap), so that the yardstick does the same work
        configuration.setMetricsEnabled(false);
        configuration.setTaskMetricsEnabled(false);
        configuration.setDmnEnabled(false);
        configuration.setCmmnEnabled(false);
        configuration.setEnforceHistoryTimeToLive(true);
        engine = configuration.buildProcessEngine();
        // the indexes Weiquan adds to its engine's tables (db/migration/engine), so that the yardstick writes and finds
        // tasks, variables and timers as Weiquan's engine does: without the first every completion scanned the
        // yardstick's 50,000 open tasks (3.5 ms a call in PostgreSQL) and flattered the ratio of Weiquan's claim +
        // complete (twentieth session)
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + SCHEMA);
            for (String index : List.of("V80__task_parent_index.sql", "V101__variables_by_execution_index.sql",
                    "V102__job_due_date_index.sql")) {
                s.execute(Files.readString(bpmnFolder.resolveSibling("src/main/resources/db/migration/engine/" + index)));
            }
        }
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("yardstick")
                .enableDuplicateFiltering(true);
        try (Stream<Path> models = Files.list(bpmnFolder)) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                deployment.addInputStream(model.getFileName().toString(),
                        new ByteArrayInputStream(Files.readAllBytes(model)));
            }
        }
        deployment.deploy();
    }

    /** Starts one acceptance review as the application does; answers the new instance's id. */
    String startReview() {
        long contactId = contactIds.incrementAndGet();
        Date due = Date.from(Instant.now().plus(15, ChronoUnit.DAYS));
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("contactId", contactId);
        variables.put("channel", "VISIT");
        variables.put("stationCode", "QX-0101");
        variables.put("escalationStationCode", "QX-01");
        variables.put("reviewDue", due);
        variables.put("objectionDue", null);
        variables.put("escalateAfter", "P3D");
        return runtime.startProcessInstanceByKey("ContactReview", "contact/c" + contactId, variables).getId();
    }

    /** Open review tasks nobody holds, at most {@code max}, into {@code into}. */
    int openReviewTasks(int max, ConcurrentLinkedQueue<String> into) {
        List<Task> open = tasks.createTaskQuery().processDefinitionKey("ContactReview")
                .taskDefinitionKey("Task_ReviewContact").taskUnassigned().listPage(0, max);
        open.forEach(t -> into.add(t.getId()));
        return open.size();
    }

    /** Claim and complete one review task as the application's review does (a decision, no transfer). */
    void claimAndComplete(String taskId) {
        tasks.claim(taskId, "bench-supervisor");
        tasks.complete(taskId, Map.of("decision", "CONSULTATION_ANSWERED"));
    }

    @Override
    public void close() {
        engine.close();
    }
}
