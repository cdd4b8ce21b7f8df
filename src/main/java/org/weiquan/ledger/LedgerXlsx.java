package org.weiquan.ledger;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.PetitionType;
import org.weiquan.shared.InvalidInput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The ledger as an Excel workbook (.xlsx): the template to fill in, and the reading of a filled-in one into the
 * same {@link LedgerImport.Row}s as a CSV file, so that both are checked and recognised alike.
 *
 * <p>Reading takes the first sheet; its first non-blank row is the header (the template's column names, other
 * columns are ignored), every later non-blank row is a ledger row, numbered as Excel shows it. Text cells are
 * taken as they are, number cells without their ".0" and never in scientific notation (a phone typed as a
 * number), date-formatted number cells as the date ({@code 2025-03-02}), formulas by their last computed value.
 * A workbook that unpacks to more than {@link #MAX_UNPACKED_BYTES} is refused before it is parsed.
 */
public final class LedgerXlsx {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String LEDGER_SHEET = "台账 ledger";
    static final String INSTRUCTIONS_SHEET = "说明 instructions";
    /**
     * What a workbook may unpack to. A full 5000-row ledger unpacks to about 5 MiB and takes some 75 MB of heap
     * while it is read; the workbook is read whole (all sheets), at roughly 14 bytes of heap per unpacked byte.
     */
    static final long MAX_UNPACKED_BYTES = 16L * 1024 * 1024;
    static final int MAX_ENTRIES = 1000;

    private static final Logger LOG = Logger.getLogger(LedgerXlsx.class.getName());
    private static final String UNREADABLE = "is not a readable Excel workbook (.xlsx): save the ledger from Excel or "
            + "WPS as \"Excel Workbook (*.xlsx)\", or as CSV";

    static final String VALUES_SHEET = "代码 values";
    private static final List<String> NOTES = List.of(
            "第一张工作表是台账：第 1 行为列名（请勿修改），每行一条接待记录；第 2 行是示例，请替换为真实数据；空行忽略。"
                    + "台账不知道的列可以留空。",
            "日期写成 2025-03-02（文本或 Excel 日期均可），只写日期，不写时间；下拉列请从列表中选择（也可只写英文代码）。",
            "有台账编号时请填写“台账编号”：重复导入同一文件不会重复建档；没有编号时，完全相同的两行按两条接待记录导入。",
            "任何一行有错，整个文件都不导入，并列出每个错误的行号和列名；每个错误的单元格只报一次。",
            "The first sheet is the ledger: row 1 holds the column names (keep them), one contact per row, row 2 is an "
                    + "example; dates only (2025-03-02), no times; coded columns take a value of their drop-down list.");

    private LedgerXlsx() {
    }

    /**
     * The template: the ledger sheet (bold Chinese headers with their codes, the example row, every column formatted
     * as text so that Excel keeps phones and dates as typed, a drop-down list on every coded column), the
     * instructions sheet (each column in Chinese: meaning, rule, values) and a sheet of the drop-downs' values.
     */
    public static byte[] template() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(true);

            Sheet ledger = book.createSheet(LEDGER_SHEET);
            Sheet instructions = book.createSheet(INSTRUCTIONS_SHEET);
            Sheet values = book.createSheet(VALUES_SHEET);
            Row head = ledger.createRow(0);
            Row example = ledger.createRow(1);
            int valueColumn = 0;
            for (int i = 0; i < LedgerColumns.ALL.size(); i++) {
                LedgerColumns.Column column = LedgerColumns.ALL.get(i);
                Cell h = head.createCell(i);
                h.setCellValue(column.header());
                h.setCellStyle(header);
                Cell e = example.createCell(i);
                e.setCellValue(column.example());
                e.setCellStyle(text);
                ledger.setDefaultColumnStyle(i, text);
                ledger.setColumnWidth(i, Math.max(column.header().length() + 8, 14) * 256);
                if (column.coded()) {
                    Row first = values.getRow(0) == null ? values.createRow(0) : values.getRow(0);
                    first.createCell(valueColumn).setCellValue(column.name());
                    for (int v = 0; v < column.values().size(); v++) {
                        Row row = values.getRow(v + 1) == null ? values.createRow(v + 1) : values.getRow(v + 1);
                        row.createCell(valueColumn).setCellValue(column.label(column.values().get(v)));
                    }
                    String letter = org.apache.poi.ss.util.CellReference.convertNumToColString(valueColumn);
                    DataValidationHelper helper = ledger.getDataValidationHelper();
                    DataValidation list = helper.createValidation(helper.createFormulaListConstraint("'" + VALUES_SHEET
                                    + "'!$" + letter + "$2:$" + letter + "$" + (column.values().size() + 1)),
                            new CellRangeAddressList(1, LedgerImport.MAX_ROWS + 1, i, i));
                    list.setShowErrorBox(true);
                    ledger.addValidationData(list);
                    valueColumn++;
                }
            }
            ledger.createFreezePane(0, 1);

            int r = 0;
            for (String note : NOTES) {
                instructions.createRow(r++).createCell(0).setCellValue(note);
            }
            r++;
            Row titles = instructions.createRow(r++);
            List<String> headings = List.of("列 column", "含义 meaning", "填写规则 rule", "取值 values", "示例 example");
            for (int i = 0; i < headings.size(); i++) {
                Cell c = titles.createCell(i);
                c.setCellValue(headings.get(i));
                c.setCellStyle(header);
            }
            for (LedgerColumns.Column column : LedgerColumns.ALL) {
                Row row = instructions.createRow(r++);
                List<String> line = List.of(column.name(), column.chinese(), column.rule(), valuesOf(column),
                        column.example());
                for (int i = 0; i < line.size(); i++) {
                    Cell c = row.createCell(i);
                    c.setCellValue(line.get(i));
                    c.setCellStyle(i >= 2 ? wrap : text);
                }
            }
            instructions.setColumnWidth(0, 24 * 256);
            instructions.setColumnWidth(1, 24 * 256);
            instructions.setColumnWidth(2, 60 * 256);
            instructions.setColumnWidth(3, 70 * 256);
            instructions.setColumnWidth(4, 24 * 256);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger template", e);
        }
    }

    /** A coded column's values with their Chinese labels, as the instructions list them. */
    static String valuesOf(LedgerColumns.Column column) {
        return column.values().stream().map(column::label).collect(Collectors.joining("，"));
    }

    /** The ledger rows of the workbook's first sheet; refuses a file that is not a readable, reasonable workbook. */
    static List<LedgerImport.Row> read(byte[] content) {
        checkArchive(content);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (book.getNumberOfSheets() == 0) {
                throw InvalidInput.of("body", "the workbook has no sheet");
            }
            return rows(book.getSheetAt(0));
        } catch (InvalidInput e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the type only: messages of the parser are not for the user, and never logged with content
            LOG.log(Level.FINE, "ledger workbook unreadable: {0}", e.getClass().getName());
            throw InvalidInput.of("body", UNREADABLE);
        }
    }

    private static List<LedgerImport.Row> rows(Sheet sheet) {
        Map<Integer, String> columns = null;
        List<LedgerImport.Row> rows = new ArrayList<>();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        for (Row row : sheet) {
            if (columns == null) {
                columns = header(row);
                continue;
            }
            Map<String, String> cells = new HashMap<>();
            for (Map.Entry<Integer, String> column : columns.entrySet()) {
                cells.put(column.getValue(), text(row.getCell(column.getKey()), row.getRowNum() + 1,
                        column.getValue(), errors));
            }
            if (cells.values().stream().allMatch(String::isBlank)) {
                continue;
            }
            rows.add(new LedgerImport.Row(row.getRowNum() + 1, cells));
            LedgerImport.requireAtMostMaxRows(rows.size());
        }
        if (columns == null) {
            throw InvalidInput.of("body", "the first sheet is empty");
        }
        errors.throwIfAny();
        LedgerImport.requireSomeRows(rows.size());
        return rows;
    }

    /** The template columns by cell index, or null while the row is blank. */
    private static Map<Integer, String> header(Row row) {
        boolean blank = true;
        for (Cell cell : row) {
            blank &= cell.getCellType() == CellType.BLANK
                    || cell.getCellType() == CellType.STRING && cell.getStringCellValue().isBlank();
        }
        if (blank) {
            return null;
        }
        Map<Integer, String> columns = new LinkedHashMap<>();
        for (Cell cell : row) {
            if (cell.getCellType() != CellType.STRING) {
                continue;
            }
            java.util.Optional<String> named = LedgerColumns.named(cell.getStringCellValue());
            if (named.isPresent()) {
                String name = named.get();
                if (columns.containsValue(name)) {
                    throw InvalidInput.of("header", "column " + name + " appears twice");
                }
                columns.put(cell.getColumnIndex(), name);
            }
        }
        LedgerImport.requireColumns(columns.values(), "template.xlsx");
        return columns;
    }

    /** The cell as the ledger's text; an Excel error (#N/A, #REF!) is reported with its row and column. */
    private static String text(Cell cell, int line, String column, InvalidInput.Collector errors) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> isDate(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> {
                errors.add("row " + line + ": " + column, "holds an Excel error (such as #N/A or #REF!), not a value");
                yield "";
            }
            default -> "";
        };
    }

    /**
     * A date-formatted number. POI knows the date formats by their pattern, but not the East Asian built-in ones
     * (format ids 27–36 and 50–58, such as {@code yyyy"年"m"月"d"日}), which Chinese Excel writes by id alone.
     */
    private static boolean isDate(Cell cell) {
        if (DateUtil.isCellDateFormatted(cell)) {
            return true;
        }
        int format = cell.getCellStyle().getDataFormat();
        return (format >= 27 && format <= 36 || format >= 50 && format <= 58)
                && DateUtil.isValidExcelDate(cell.getNumericCellValue());
    }

    /**
     * Refuses what is not a ZIP archive (with a word for the old .xls format) and a ZIP that unpacks to more than
     * {@link #MAX_UNPACKED_BYTES} or has more than {@link #MAX_ENTRIES} entries, counting what is really inflated
     * rather than trusting the sizes the archive declares. POI's own zip-bomb guard (ZipSecureFile) stays on.
     */
    static void checkArchive(byte[] content) {
        if (content.length == 0) {
            throw InvalidInput.of("body", "is empty");
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw InvalidInput.of("body", "is an Excel 97-2003 workbook (.xls) or a password-protected one: save it "
                    + "without a password as \"Excel Workbook (*.xlsx)\", or as CSV");
        }
        if (!startsWith(content, 'P', 'K', 3, 4)) {
            throw InvalidInput.of("body", UNREADABLE);
        }
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw InvalidInput.of("body", "has more than " + MAX_ENTRIES + " parts; " + UNREADABLE);
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw InvalidInput.of("body", "unpacks to more than " + MAX_UNPACKED_BYTES / (1024 * 1024)
                                + " MiB (a ledger of " + LedgerImport.MAX_ROWS + " rows needs about 5): keep only "
                                + "the ledger sheet, or save it as CSV");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "ledger workbook is not a readable ZIP: {0}", e.getClass().getName());
            throw InvalidInput.of("body", UNREADABLE);
        }
        if (entries == 0) {
            throw InvalidInput.of("body", UNREADABLE);
        }
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }
}
