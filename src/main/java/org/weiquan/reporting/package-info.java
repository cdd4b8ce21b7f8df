/**
 * Reporting: the indicators of DESIGN §5 for a station's subtree, a period and a cut-off, computed by
 * the database (aggregate SQL over the case tables, never entities in memory), each rate with its
 * numerator and denominator, and the drill-down to exactly the cases behind a count.
 *
 * <p>Depends on {@code security} (scope), {@code station} and {@code shared}; reads the tables of
 * {@code intake} and {@code casefile} with SQL only.
 */
package org.weiquan.reporting;
