/**
 * The closure-quality audit (结案质量抽查): a supervisor draws a random sample of a station's closed
 * cases for a period — the seed is recorded, so the same draw can be repeated — and reviews each
 * against a checklist; a failed case can be reopened. The results feed the closure-quality indicator.
 *
 * <p>Depends on {@code casefile} (the cases and their reopening), {@code workflow} (the port: a reopened case
 * is handled again), {@code security}, {@code station}, {@code timeline} and {@code shared}.
 */
package org.weiquan.audit;
