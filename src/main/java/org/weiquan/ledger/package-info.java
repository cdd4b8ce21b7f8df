/**
 * Ledger import (台账导入): a station's old Excel or paper ledger, as a CSV file or an Excel workbook
 * (.xlsx), becomes real case files with their historical dates (dates, never invented times of day). Every row
 * is checked first; one bad row refuses the whole file with a per-row, per-column list, one error per bad cell; a
 * row already imported is recognised by its ledger number, or by its content and its occurrence in the file (two
 * identical rows are two contacts), and not imported again. {@link org.weiquan.ledger.LedgerColumns} defines the
 * template's columns once, for the CSV and XLSX templates, the reading and the README.
 *
 * <p>Depends on {@code intake}, {@code casefile}, {@code mediation}, {@code referral} (the same service methods as staff use,
 * with the ledger's dates), {@code workflow} (the port: a closed ledger case has no running work),
 * {@code security}, {@code station}, {@code infrastructure} and {@code shared}.
 */
package org.weiquan.ledger;
