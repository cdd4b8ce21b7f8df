/**
 * Infrastructure: the database connection (configured by environment), schema migrations, the
 * start-up lock, health checks and request logging.
 *
 * <p>May be used by every capability; depends on none of them. Nothing here knows a case or a contact.
 */
package org.weiquan.infrastructure;
