package org.weiquan.infrastructure;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one DataSource of the application, shared by JPA and the process engine so that both write in
 * the same JTA transaction. Connections are validated on borrow, so that a restarted PostgreSQL does
 * not leave dead connections in the pool.
 */
@DataSourceDefinition(
        name = WeiquanDatabase.JNDI_NAME,
        className = "org.weiquan.infrastructure.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit",
                "fish.payara.fail-all-connections=true"
        })
@ApplicationScoped
public class WeiquanDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/weiquan";
}
