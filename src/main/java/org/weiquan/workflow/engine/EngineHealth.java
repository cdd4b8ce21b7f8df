package org.weiquan.workflow.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP when the engine runs, its job executor is active and it can read its own tables. */
@Readiness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("process-engine");
        // the engine registry, not the start-up bean: calling that bean while the application deploys would
        // start it on the thread of the probe (a load balancer's), which breaks the deployment
        ProcessEngine engine = RuntimeContainerDelegate.INSTANCE.get().getProcessEngineService()
                .getProcessEngine(ProcessEngineBootstrap.ENGINE_NAME);
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
