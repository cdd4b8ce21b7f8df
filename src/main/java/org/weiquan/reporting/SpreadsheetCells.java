package org.weiquan.reporting;

/**
 * Text bound for a spreadsheet cell (CSV or XLSX) that a spreadsheet program would run as a formula —
 * anything starting with =, +, - or @, or with a tab or carriage return that some programs strip first —
 * gets a leading apostrophe, which spreadsheets show as text (OWASP "CSV injection").
 */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /** The same for a value of a CSV row: text is neutralised, numbers and dates pass. */
    static Object value(Object value) {
        return value instanceof String s ? text(s) : value;
    }
}
