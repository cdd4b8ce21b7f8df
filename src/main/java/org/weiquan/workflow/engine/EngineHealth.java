package org.weiquan.workflow.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP when the engine runs, its job executor is active and it can read its own tables. */
@Readiness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    @Inject
    ProcessEngineBootstrap bootstrap;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("process-engine");
        ProcessEngine engine = bootstrap.engine();
        if (engine == null) {
            return response.down().withData("reason", "not started").build();
        }
        try {
            long definitions = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().count();
            boolean jobs = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
                    .getProcessEngineConfiguration()).getJobExecutor().isActive();
            return response.status(jobs).withData("processDefinitions", definitions)
                    .withData("jobExecutor", jobs ? "active" : "stopped").build();
        } catch (RuntimeException e) {
            return response.down().withData("reason", e.getClass().getSimpleName()).build();
        }
    }
}
