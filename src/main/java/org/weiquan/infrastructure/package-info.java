/**
 * Infrastructure: the database connection (configured by environment), schema migrations, the
 * start-up lock, health checks and request logging.
 *
 * <p>Depends on nothing else in Weiquan; every capability may use it. Nothing here knows a case or a contact.
 */
package org.weiquan.infrastructure;
