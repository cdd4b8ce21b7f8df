package org.weiquan.network;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.weiquan.shared.InvalidInput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The network file as an Excel workbook: the CSV's columns and rows on the first sheet, every cell text. */
final class NetworkXlsx {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final long MAX_UNPACKED_BYTES = 50L * 1024 * 1024;
    private static final int MAX_ENTRIES = 200;
    private static final String UNREADABLE = "is not a readable Excel workbook (.xlsx)";

    private NetworkXlsx() {
    }

    /** True when the content is a ZIP archive, as an .xlsx file is. */
    static boolean looksLikeXlsx(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    static byte[] write(List<List<String>> rows) {
        try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("network");
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = rows.get(r);
                for (int i = 0; i < cells.size(); i++) {
                    Cell c = row.createCell(i);
                    c.setCellStyle(text);
                    c.setCellValue(cells.get(i) == null ? "" : cells.get(i));
                }
            }
            for (int i = 0; i < NetworkCsv.COLUMNS.size(); i++) {
                sheet.setColumnWidth(i, 18 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the network workbook", e);
        }
    }

    /** The first sheet's rows as text cells; refuses what is not a reasonable workbook. */
    static List<List<String>> read(byte[] content) {
        checkArchive(content);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (book.getNumberOfSheets() == 0) {
                throw InvalidInput.of("body", UNREADABLE);
            }
            DataFormatter format = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : book.getSheetAt(0)) {
                while (rows.size() < row.getRowNum()) {
                    rows.add(List.of()); // rows keep their numbers
                }
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
                    Cell c = row.getCell(i);
                    cells.add(c == null ? "" : format.formatCellValue(c));
                }
                rows.add(cells);
                if (rows.size() > NetworkImport.MAX_ROWS + 1) {
                    throw InvalidInput.of("body", "has more than " + NetworkImport.MAX_ROWS + " rows");
                }
            }
            return rows;
        } catch (InvalidInput e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw InvalidInput.of("body", UNREADABLE);
        }
    }

    private static void checkArchive(byte[] content) {
        if (!looksLikeXlsx(content)) {
            throw InvalidInput.of("body", UNREADABLE);
        }
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw InvalidInput.of("body", UNREADABLE);
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw InvalidInput.of("body", UNREADABLE);
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidInput.of("body", UNREADABLE);
        }
    }
}
