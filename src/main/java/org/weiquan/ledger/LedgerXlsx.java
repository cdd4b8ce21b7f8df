package org.weiquan.ledger;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
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

    /** Column, meaning, whether required, allowed values or format: the instructions sheet. */
    private static final List<List<String>> INSTRUCTIONS = List.of(
            List.of("station_code", "站点编码 station code", "必填 required", "a station in your scope, e.g. QX-0101"),
            List.of("received_date", "接待日期 date received", "必填 required",
                    "date yyyy-MM-dd, e.g. 2025-03-02; from 2000 until today"),
            List.of("channel", "渠道 channel", "必填 required", names(Channel.class)),
            List.of("category", "案件类别 category", "必填 required", names(Category.class)),
            List.of("petition_type", "信访事项类型 petition type", "选填 optional", names(PetitionType.class)),
            List.of("complainant_name", "求助人姓名 complainant", "必填 required", "at most 100 characters"),
            List.of("complainant_phone", "求助人电话 complainant's phone", "选填 optional",
                    "mainland mobile or landline, e.g. 13812345678 or 010-12345678 (keep the cell as text)"),
            List.of("respondent_name", "被反映人姓名 respondent", "选填 optional", "at most 100 characters"),
            List.of("accepted_date", "受理日期 date accepted", "选填 optional: empty = answered as a consultation (咨询解答)",
                    "date yyyy-MM-dd, from the received date until today"),
            List.of("mediation_outcome", "调解结果 mediation outcome", "选填 optional, only for an accepted case",
                    sorted(LedgerImport.MEDIATION)),
            List.of("closed_date", "结案日期 date closed", "选填 optional: empty = still open; needs accepted_date",
                    "date yyyy-MM-dd, from the accepted date until today"),
            List.of("closure_reason", "结案原因 closure reason", "required when closed_date is filled in, else empty",
                    names(ClosureReason.class)),
            List.of("follow_up_result", "回访结果 follow-up", "选填 optional, only for a closed case",
                    sorted(LedgerImport.FOLLOW_UP)));
    private static final List<String> NOTES = List.of(
            "第一张工作表是台账：第 1 行为列名（请勿修改），每行一条接待记录；示例行请替换为真实数据；空行忽略。",
            "The first sheet is the ledger: row 1 holds the column names (keep them), one contact per row; replace the "
                    + "example row; blank rows are skipped.",
            "日期写成 2025-03-02（文本或 Excel 日期均可）；取值列填写下表中的英文代码。 Dates as 2025-03-02 (text or an Excel "
                    + "date); coded columns take one of the values below, exactly as written.",
            "任何一行有错，整个文件都不导入，并列出每个错误的行号和列名；同一文件重复导入不会重复建档。 One bad row refuses the "
                    + "whole file with a list of rows and columns; importing the same rows again creates nothing new.");

    private LedgerXlsx() {
    }

    /**
     * The template: the ledger sheet (bold header, the example row, every column formatted as text so that Excel
     * keeps phones and dates as typed) and the instructions sheet.
     */
    public static byte[] template() {
        try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(true);

            Sheet ledger = book.createSheet(LEDGER_SHEET);
            Row head = ledger.createRow(0);
            Row example = ledger.createRow(1);
            for (int i = 0; i < LedgerImport.COLUMNS.size(); i++) {
                String column = LedgerImport.COLUMNS.get(i);
                Cell h = head.createCell(i);
                h.setCellValue(column);
                h.setCellStyle(header);
                Cell e = example.createCell(i);
                e.setCellValue(LedgerImport.EXAMPLE.get(i));
                e.setCellStyle(text);
                ledger.setDefaultColumnStyle(i, text);
                ledger.setColumnWidth(i, Math.max(column.length() + 4, 14) * 256);
            }
            ledger.createFreezePane(0, 1);

            Sheet instructions = book.createSheet(INSTRUCTIONS_SHEET);
            int r = 0;
            for (String note : NOTES) {
                instructions.createRow(r++).createCell(0).setCellValue(note);
            }
            r++;
            Row titles = instructions.createRow(r++);
            List<String> headings = List.of("列 column", "含义 meaning", "是否必填 required", "取值或格式 allowed values / format");
            for (int i = 0; i < headings.size(); i++) {
                Cell c = titles.createCell(i);
                c.setCellValue(headings.get(i));
                c.setCellStyle(header);
            }
            for (List<String> line : INSTRUCTIONS) {
                Row row = instructions.createRow(r++);
                for (int i = 0; i < line.size(); i++) {
                    Cell c = row.createCell(i);
                    c.setCellValue(line.get(i));
                    c.setCellStyle(i == 3 ? wrap : text);
                }
            }
            instructions.setColumnWidth(0, 20 * 256);
            instructions.setColumnWidth(1, 30 * 256);
            instructions.setColumnWidth(2, 36 * 256);
            instructions.setColumnWidth(3, 90 * 256);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger template", e);
        }
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
            String name = cell.getStringCellValue().strip();
            if (LedgerImport.COLUMNS.contains(name)) {
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
