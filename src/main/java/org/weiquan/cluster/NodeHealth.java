package org.weiquan.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Names the node that answers {@code /health}, and in a cluster how many nodes its data grid sees, so that
 * an operator behind a load balancer knows which node said what.
 */
@Liveness
@ApplicationScoped
public class NodeHealth implements HealthCheck {

    @Inject
    DataGrid grid;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("node").withData("name", grid.settings().name());
        if (grid.settings().clustered()) {
            response = response.withData("dataGridMembers", grid.members());
        }
        return response.up().build();
    }
}
