/**
 * Infrastructure: the database connection (configured by environment; one per transaction, shared by JPA, the
 * engine and Weiquan's own SQL), schema migrations, the
 * start-up lock, health checks, request logging, and the 503 + Retry-After answer when the database cannot
 * serve.
 *
 * <p>Depends on {@code cluster} (the node's name) and nothing else in Weiquan; every capability may use it. Nothing here knows a case or a contact.
 */
package org.weiquan.infrastructure;
