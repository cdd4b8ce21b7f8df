/**
 * Reporting: the indicators of DESIGN §5 for a station's subtree, a period and a cut-off, computed by
 * the database (aggregate SQL over the case tables and the typed records of the case's work, never
 * entities in memory), each rate with its numerator and denominator, and the drill-down to exactly the
 * cases behind a count.
 *
 * The exports live here too: the report as XLSX (Apache POI), CSV and PDF (OpenPDF with the bundled Noto
 * Sans SC font), and a case's evidence record (求助记录) as PDF, without minors' names or ID numbers.
 *
 * <p>Depends on {@code security} (scope, access log), {@code station}, {@code infrastructure} and
 * {@code shared}; the indicators read the tables of {@code intake}, {@code casefile}, {@code mediation},
 * {@code referral} and {@code protection} with SQL only, and compare them with the constants of the enums of
 * {@code casefile}, {@code intake}, {@code mediation} and {@code station}, bound as parameters; the evidence
 * record reads the case file through {@code casework}'s service and says who a minor is by {@code intake}'s
 * rule.
 */
package org.weiquan.reporting;
