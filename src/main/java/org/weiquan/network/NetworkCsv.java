package org.weiquan.network;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The network file: one CSV (UTF-8, RFC 4180 quoting) with a row per station and per partner agency.
 * Columns: {@link #COLUMNS}; a station row leaves {@code kind} and {@code station_code} empty, an agency row
 * {@code level}, {@code parent_code} and the station's details.
 */
final class NetworkCsv {

    static final List<String> COLUMNS = List.of("record", "code", "name", "level", "parent_code", "address", "phone",
            "opening_hours", "staff_contact", "kind", "station_code", "state");

    private NetworkCsv() {
    }

    /** The rows of a file, each as many cells as it has; quoted cells may hold commas, quotes and line breaks. */
    static List<List<String>> read(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    row.add(cell.toString());
                    rows.add(row);
                } else {
                    rows.add(List.of()); // an empty line keeps its number
                }
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(c);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** One line of the file, each cell quoted when it needs to be; a cell that could start a formula gets an apostrophe. */
    static String line(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String c : cells) {
            String v = c == null ? "" : c;
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9].*")) {
                v = "'" + v;
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            out.add(v);
        }
        return String.join(",", out) + "\r\n";
    }
}
