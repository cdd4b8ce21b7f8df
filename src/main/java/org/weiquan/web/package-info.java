/**
 * The web pages under {@code /app} (Jakarta Faces with PrimeFaces) and the login page: page beans that
 * read the application services' views and hand the user's input to the same services the REST API
 * calls. No business rules live here; errors of the services become messages next to the fields.
 *
 * <p>Depends on the capabilities' services and read models, and on {@link org.weiquan.security} for the
 * current user.
 */
package org.weiquan.web;
