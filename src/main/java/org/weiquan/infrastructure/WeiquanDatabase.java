package org.weiquan.infrastructure;

import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;

/**
 * The one DataSource of the application, shared by JPA and the process engine so that both write in
 * the same JTA transaction. A connection is validated on borrow (a round trip to the server) at most once
 * every {@value #VALIDATION_PERIOD_SECONDS} s, so that a restarted PostgreSQL does not leave dead connections in
 * the pool without paying a round trip per borrow; a connection that died
 * within that window fails its request with 503, and fail-all-connections then empties the pool. A request
 * waits at most 5 s for a connection, then answers 503 (see {@link DatabaseUnavailable}).
 */
@DataSourceDefinition(
        name = WeiquanDatabase.JNDI_NAME,
        className = "org.weiquan.infrastructure.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        properties = {
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.validate-atmost-once-period-in-seconds=" + WeiquanDatabase.VALIDATION_PERIOD_SECONDS,
                // isValid() asks the server (auto-commit validation does not: the driver answers it locally)
                "fish.payara.connection-validation-method=custom-validation",
                "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
                "fish.payara.fail-all-connections=true",
                // fail fast when every connection is busy: the request answers 503 + Retry-After, not a minute later
                "fish.payara.max-wait-time-in-millis=" + WeiquanDatabase.MAX_WAIT_MILLIS
        })
@ApplicationScoped
public class WeiquanDatabase {

    public static final String JNDI_NAME = "java:app/jdbc/weiquan";
    /** How long a request waits for a pooled connection before it answers 503. */
    static final String MAX_WAIT_MILLIS = "5000";
    /** A borrowed connection is asked whether it is alive at most this often. */
    static final String VALIDATION_PERIOD_SECONDS = "2";

    @Resource(lookup = JNDI_NAME)
    DataSource pool;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * The DataSource for {@code @Inject}: in a transaction, the one connection it shares with JPA and the engine
     * ({@link OneConnectionPerTransaction}); outside, the pool.
     */
    @Produces
    DataSource dataSource() {
        return new OneConnectionPerTransaction(pool, transactions);
    }
}
