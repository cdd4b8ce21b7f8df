package org.weiquan.demo;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated text as RFC 4180 has it (what Python's {@code csv} module writes), with Apache
 * Commons CSV: quoted fields may hold commas, line breaks and doubled quotes; a byte-order mark and
 * empty lines are ignored.
 */
final class Csv {

    /** One record with its number (1-based, the header included), for messages. */
    record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    static List<Record> read(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(s), format)) {
            List<Record> records = new ArrayList<>();
            for (CSVRecord r : parser) {
                records.add(new Record((int) r.getRecordNumber(), r.toList()));
            }
            return records;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("the CSV text is not well-formed: " + e.getMessage(), e);
        }
    }
}
