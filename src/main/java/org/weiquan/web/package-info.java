/**
 * The web pages under {@code /app} (Jakarta Faces with PrimeFaces) and the login page: page beans that
 * read the application services' views and hand the user's input to the same services the REST API
 * calls. No business rules live here; errors of the services become messages next to the fields.
 *
 * <p>Depends on the capabilities' services and read models — {@code intake}, {@code casefile},
 * {@code casework}, {@code mediation}, {@code referral}, {@code protection}, {@code reporting}, {@code audit},
 * {@code calendar}, {@code station}, {@code network} (the administrator's network), {@code workflow} (what kind
 * of task), {@code notification} (the bell, her notifications, the dead letters) — and on {@code security} for the
 * current user, and {@code shared}.
 */
package org.weiquan.web;
