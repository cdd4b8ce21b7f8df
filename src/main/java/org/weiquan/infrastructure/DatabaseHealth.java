package org.weiquan.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * UP when the schema is current and the pool hands out a connection that answers. It names no product or
 * version: /health is open to anyone, and a version tells an attacker which flaws to try.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealth implements HealthCheck {

    @Resource(lookup = WeiquanDatabase.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        // static: asking the start-up bean from a health probe's thread would start it there
        if (!DatabaseMigrations.migrated()) {
            return response.down().withData("reason", "not migrated: see the start-up log").build();
        }
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? response.up().build() : response.down().build();
        } catch (SQLException e) {
            return response.down().withData("reason", "no connection").build();
        }
    }
}
