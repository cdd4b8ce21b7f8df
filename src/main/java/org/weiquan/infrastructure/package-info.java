/**
 * Infrastructure: the database connection (configured by environment), schema migrations, the
 * start-up lock, health checks, request logging, and the 503 + Retry-After answer when the database cannot
 * serve.
 *
 * <p>May be used by every capability; depends on none of them. Nothing here knows a case or a contact.
 */
package org.weiquan.infrastructure;
