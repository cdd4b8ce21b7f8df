/**
 * The REST interface under {@code /api}: JAX-RS resources that translate JSON to the application
 * services' calls and back, and one place ({@link org.weiquan.api.ProblemMapper}) that turns errors
 * into {@code application/problem+json}; {@link org.weiquan.api.IdempotencyFilter} makes a retried change with the
 * same {@code Idempotency-Key} answer its first answer instead of changing anything twice.
 *
 * <p>Depends on the capabilities' services and their read models; holds no business rules.
 */
package org.weiquan.api;
