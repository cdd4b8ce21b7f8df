/**
 * Ledger import (台账导入): a station's old Excel or paper ledger, as a CSV file or an Excel workbook
 * (.xlsx), becomes real case files with their historical dates. Every row is checked first; one bad row
 * refuses the whole file with a per-row, per-column list; a row already imported is recognised by its
 * fingerprint and not imported again.
 *
 * <p>Depends on {@code intake}, {@code casefile}, {@code mediation} (the same service methods as staff use,
 * with the ledger's dates), {@code workflow} (the port: a closed ledger case has no running work),
 * {@code security}, {@code station}, {@code infrastructure} and {@code shared}.
 */
package org.weiquan.ledger;
