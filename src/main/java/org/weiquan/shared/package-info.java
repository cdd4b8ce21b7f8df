/**
 * Building blocks shared by every capability: the stations' time zone and clock, and the
 * business exceptions ({@link org.weiquan.shared.InvalidInput}, {@link org.weiquan.shared.NotFound},
 * {@link org.weiquan.shared.Conflict}) that the interfaces turn into answers.
 *
 * <p>Depends on nothing else in Weiquan. Messages here are read by users and written to logs:
 * they name fields and rules, never personal data.
 */
package org.weiquan.shared;
