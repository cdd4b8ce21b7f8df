package org.weiquan.reporting;

/**
 * A file that leaves the system: what it is called when saved (no personal data in the name), its
 * media type and its bytes.
 */
public record Export(String fileName, String mediaType, byte[] content) {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv; charset=UTF-8";
    public static final String PDF = "application/pdf";

    /** Letters, digits, dot, hyphen and underscore only: a name safe in any header and file system. */
    static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
