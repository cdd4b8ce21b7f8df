/**
 * The REST interface under {@code /api}: JAX-RS resources that translate JSON to the application
 * services' calls and back, and one place ({@link org.weiquan.api.ProblemMapper}) that turns errors
 * into {@code application/problem+json}; {@link org.weiquan.api.IdempotencyFilter} makes a retried change with the
 * same {@code Idempotency-Key} answer its first answer instead of changing anything twice.
 *
 * <p>Depends on {@code intake}, {@code casefile}, {@code casework}, {@code referral}, {@code reporting},
 * {@code audit}, {@code ledger}, {@code calendar}, {@code station}, {@code security}, {@code timeline},
 * {@code workflow} (the read model of open tasks), {@code infrastructure} (the request log), {@code cluster} (the node's name),
 * {@code privacy} (stored answers of idempotent requests are encrypted), {@code notification} (the user's
 * notifications and the dead letters), {@code protection} (risk instrument versions), {@code network} (the
 * administrator's network changes) and {@code shared};
 * holds no business rules.
 *
 * <p>Resources reach the services that are enterprise beans with {@code @EJB}, not {@code @Inject}: through Weld's
 * proxy of an enterprise bean, Payara's EJB container throws and catches an exception at every call (it asks the
 * no-interface view for a {@code java.lang.reflect.Proxy} handler it does not have), in the profile of an intake
 * 1.7 % of the node's CPU.
 */
package org.weiquan.api;
