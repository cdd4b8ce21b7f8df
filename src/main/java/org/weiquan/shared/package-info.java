/**
 * Building blocks shared by every capability: the stations' time zone and clock, JSON-P's factories with the
 * provider looked up once ({@link org.weiquan.shared.Jsonp}), and the business exceptions ({@link org.weiquan.shared.InvalidInput}, {@link org.weiquan.shared.NotFound},
 * {@link org.weiquan.shared.Conflict}) that the interfaces turn into answers.
 *
 * <p>Every business exception is an {@code @ApplicationException(rollback = true)}: the transaction rolls
 * back, and the EJB container neither wraps nor logs it as a system error (an expected 4xx writes one
 * log line, not a stack trace).
 *
 * <p>Depends on nothing else in Weiquan. Messages here are read by users and written to logs:
 * they name fields and rules, never personal data.
 */
package org.weiquan.shared;
