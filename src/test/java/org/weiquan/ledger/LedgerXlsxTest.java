package org.weiquan.ledger;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Excel template, and a filled-in workbook read into the same rows as a CSV file. */
class LedgerXlsxTest {

    @Test
    void theTemplateHasChineseHeadersWithTheirCodesAnExampleRowTextCellsDropDownsAndInstructions() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(LedgerXlsx.template()))) {
            Sheet ledger = book.getSheetAt(0);
            assertThat(cells(ledger.getRow(0))).isEqualTo(LedgerColumns.ALL.stream().map(LedgerColumns.Column::header)
                    .toList());
            assertThat(cells(ledger.getRow(0))).contains("受理日期 accepted_date", "台账编号 ledger_number",
                    "受理审查结果 review_decision", "延期天数 extension_days", "回访日期 follow_up_date");
            assertThat(cells(ledger.getRow(1))).isEqualTo(LedgerImport.EXAMPLE);
            assertThat(book.getFontAt(ledger.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            for (String column : List.of("complainant_phone", "received_date", "accepted_date", "closed_date")) {
                int i = LedgerImport.COLUMNS.indexOf(column);
                assertThat(ledger.getRow(1).getCell(i).getCellStyle().getDataFormatString()).as(column).isEqualTo("@");
                assertThat(ledger.getColumnStyle(i).getDataFormatString()).as("new cells of " + column).isEqualTo("@");
                assertThat(ledger.getColumnWidth(i)).isGreaterThanOrEqualTo(14 * 256);
            }
            // a drop-down list on every coded column, over the values sheet
            List<String> dropDowns = new ArrayList<>();
            for (var validation : ((org.apache.poi.xssf.usermodel.XSSFSheet) ledger).getDataValidations()) {
                int column = validation.getRegions().getCellRangeAddress(0).getFirstColumn();
                dropDowns.add(LedgerImport.COLUMNS.get(column));
                assertThat(validation.getValidationConstraint().getFormula1()).contains(LedgerXlsx.VALUES_SHEET);
            }
            assertThat(dropDowns).containsExactlyInAnyOrderElementsOf(LedgerColumns.ALL.stream()
                    .filter(c -> !c.values().isEmpty()).map(LedgerColumns.Column::name).toList());
            assertThat(dropDowns).contains("channel", "review_decision", "closure_reason", "minor_involved");
            Sheet values = book.getSheet(LedgerXlsx.VALUES_SHEET);
            List<String> channels = new ArrayList<>();
            int channel = cells(values.getRow(0)).indexOf("channel");
            for (int r = 1; values.getRow(r) != null && values.getRow(r).getCell(channel) != null; r++) {
                channels.add(values.getRow(r).getCell(channel).getStringCellValue());
            }
            assertThat(channels).contains("VISIT 来访", "LETTER 来信");

            Sheet instructions = book.getSheet(LedgerXlsx.INSTRUCTIONS_SHEET);
            assertThat(instructions).isNotNull();
            List<String> described = new ArrayList<>();
            instructions.forEach(row -> {
                if (row.getCell(0) != null && LedgerImport.COLUMNS.contains(row.getCell(0).getStringCellValue())) {
                    described.add(row.getCell(0).getStringCellValue());
                }
            });
            assertThat(described).isEqualTo(LedgerImport.COLUMNS);
            assertThat(instructionFor(instructions, "channel")).contains("必填").contains("VISIT 来访");
            assertThat(instructionFor(instructions, "closure_reason")).contains("MEDIATED_WRITTEN");
            assertThat(instructionFor(instructions, "received_date")).contains("yyyy-MM-dd");
            assertThat(instructionFor(instructions, "petition_type")).contains("选填");
        }
    }

    @Test
    void theTemplateReadsAsTheCsvTemplatesRowWithTheSameIdentity() {
        List<LedgerImport.Row> xlsx = LedgerXlsx.read(LedgerXlsx.template());
        List<LedgerImport.Row> csv = LedgerImport.readCsv(LedgerImport.template().getBytes(StandardCharsets.UTF_8));

        assertThat(xlsx).hasSize(1);
        assertThat(xlsx.get(0).line()).isEqualTo(2);
        assertThat(xlsx.get(0).values()).isEqualTo(LedgerImport.EXAMPLE).isEqualTo(csv.get(0).values());
        assertThat(LedgerImport.keys(xlsx).get(xlsx.get(0))).as("a row imported as CSV is recognised as XLSX")
                .isEqualTo(LedgerImport.keys(csv).get(csv.get(0)));
    }

    @Test
    void numbersDatesAndFormulasAreReadAsTheUserSeesThemAndBlankRowsAreSkipped() {
        byte[] file = workbook(book -> {
            Sheet sheet = book.createSheet("台账");
            CellStyle isoDate = book.createCellStyle();
            isoDate.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle chineseDate = book.createCellStyle();
            chineseDate.setDataFormat((short) 31); // yyyy"年"m"月"d"日" in Chinese Excel, written by id alone
            CellStyle dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("yyyy/m/d h:mm"));
            // the columns in another order, with a column of the station's own
            List<String> header = new ArrayList<>(LedgerImport.COLUMNS);
            java.util.Collections.reverse(header);
            header.add(3, "备注");
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                h.createCell(i).setCellValue(header.get(i));
            }
            Row first = sheet.createRow(1);
            set(first, header, "station_code", "QX-0101");
            first.createCell(header.indexOf("received_date")).setCellValue(LocalDate.of(2024, 6, 3));
            first.getCell(header.indexOf("received_date")).setCellStyle(isoDate);
            set(first, header, "channel", "VISIT");
            set(first, header, "category", " MARRIAGE_DISPUTE ");
            set(first, header, "complainant_name", "王秀英");
            first.createCell(header.indexOf("complainant_phone")).setCellValue(13900001111d);
            first.createCell(header.indexOf("accepted_date")).setCellValue(LocalDate.of(2024, 6, 4));
            first.getCell(header.indexOf("accepted_date")).setCellStyle(chineseDate);
            first.createCell(header.indexOf("closed_date")).setCellValue(LocalDateTime.of(2024, 6, 20, 16, 30));
            first.getCell(header.indexOf("closed_date")).setCellStyle(dateTime);
            first.createCell(header.indexOf("respondent_name")).setCellValue(1.5);
            sheet.createRow(2).createCell(0).setCellValue("  "); // a blank row in the middle
            Row third = sheet.createRow(3);
            set(third, header, "station_code", "QX-0101");
            third.createCell(header.indexOf("received_date")).setCellFormula("DATE(2024,6,5)");
            third.getCell(header.indexOf("received_date")).setCellStyle(isoDate);
            third.createCell(header.indexOf("channel")).setCellFormula("\"LET\"&\"TER\"");
            third.createCell(header.indexOf("complainant_phone")).setCellValue(1.3900002222E10);
            third.createCell(header.indexOf("complainant_name")).setCellValue(true);
            third.createCell(header.indexOf("备注")).setCellValue("notes only in the station's own column");
            for (int r = 4; r < 40; r++) { // blank rows at the end, formatted or holding only a remark
                Row blank = sheet.createRow(r);
                blank.createCell(0).setCellStyle(isoDate);
                blank.createCell(header.indexOf("备注")).setCellValue(r == 39 ? "合计" : "");
            }
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.createSheet("other sheet").createRow(0).createCell(0).setCellValue("ignored");
        });

        List<LedgerImport.Row> rows = LedgerXlsx.read(file);

        assertThat(rows).extracting(LedgerImport.Row::line).containsExactly(2, 4);
        LedgerImport.Row first = rows.get(0);
        assertThat(first.get("received_date")).isEqualTo("2024-06-03");
        assertThat(first.get("accepted_date")).isEqualTo("2024-06-04");
        assertThat(first.get("closed_date")).isEqualTo("2024-06-20");
        assertThat(first.get("complainant_phone")).isEqualTo("13900001111");
        assertThat(first.get("category")).isEqualTo("MARRIAGE_DISPUTE");
        assertThat(first.get("respondent_name")).isEqualTo("1.5");
        assertThat(first.get("petition_type")).isEmpty();
        LedgerImport.Row third = rows.get(1);
        assertThat(third.get("received_date")).isEqualTo("2024-06-05");
        assertThat(third.get("channel")).isEqualTo("LETTER");
        assertThat(third.get("complainant_phone")).isEqualTo("13900002222");
        assertThat(third.get("complainant_name")).isEqualTo("TRUE");
    }

    @Test
    void anExcelErrorIsNamedByRowAndColumn() {
        byte[] file = workbook(book -> {
            Sheet sheet = book.createSheet();
            header(sheet);
            Row row = sheet.createRow(1);
            set(row, LedgerImport.COLUMNS, "station_code", "QX-0101");
            row.createCell(LedgerImport.COLUMNS.indexOf("complainant_phone")).setCellErrorValue(FormulaError.NA.getCode());
        });

        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> LedgerXlsx.read(file));

        assertThat(e.errors()).extracting(FieldError::field).containsExactly("row 2: complainant_phone");
    }

    @Test
    void aMissingColumnIsNamedAndTheXlsxTemplateOffered() {
        byte[] file = workbook(book -> {
            Sheet sheet = book.createSheet();
            sheet.createRow(2).createCell(0).setCellValue("station_code");
            sheet.getRow(2).createCell(1).setCellValue("received_date");
            sheet.createRow(3).createCell(0).setCellValue("QX-0101");
        });

        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> LedgerXlsx.read(file));

        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("header");
            assertThat(error.message()).contains("channel").doesNotContain("station_code")
                    .contains("/api/ledger/template.xlsx");
        });
    }

    @Test
    void aSheetWithoutRowsOrWithTooManyIsRefused() {
        assertThat(bodyError(workbook(book -> book.createSheet()))).contains("empty");
        assertThat(bodyError(workbook(book -> header(book.createSheet())))).contains("no rows");
        byte[] tooMany = workbook(book -> {
            Sheet sheet = book.createSheet();
            header(sheet);
            for (int r = 1; r <= LedgerImport.MAX_ROWS + 1; r++) {
                sheet.createRow(r).createCell(0).setCellValue("QX-0101");
            }
        });
        assertThat(bodyError(tooMany)).contains("at most 5000 rows");
    }

    @Test
    void whatIsNotAnXlsxWorkbookIsRefusedAsTheBodyWithoutTheParsersWords() throws IOException {
        assertThat(bodyError(new byte[0])).isEqualTo("is empty");
        assertThat(bodyError(LedgerImport.template().getBytes(StandardCharsets.UTF_8))).contains("not a readable Excel");
        assertThat(bodyError(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1, 0, 0})).contains(".xls");
        byte[] truncated = java.util.Arrays.copyOf(LedgerXlsx.template(), 2000);
        assertThat(bodyError(truncated)).contains("not a readable Excel");
        assertThat(bodyError(zip("hello.txt", "hello".getBytes(StandardCharsets.UTF_8))))
                .contains("not a readable Excel");
    }

    @Test
    void aWorkbookUnpackingToTooMuchIsRefusedBeforeItIsParsed() throws IOException {
        byte[] bomb = zip("xl/worksheets/sheet1.xml", new byte[(int) LedgerXlsx.MAX_UNPACKED_BYTES + 1]);
        assertThat(bomb.length).isLessThan(100_000);

        assertThat(bodyError(bomb)).contains("unpacks to more than 16 MiB");
    }

    private static String bodyError(byte[] file) {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> LedgerXlsx.read(file));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.errors()).singleElement().extracting(FieldError::field).isEqualTo("body");
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("org.apache");
        return e.errors().get(0).message();
    }

    private static byte[] workbook(Consumer<XSSFWorkbook> fill) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill.accept(book);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static void header(Sheet sheet) {
        Row h = sheet.createRow(0);
        for (int i = 0; i < LedgerImport.COLUMNS.size(); i++) {
            h.createCell(i).setCellValue(LedgerImport.COLUMNS.get(i));
        }
    }

    private static void set(Row row, List<String> header, String column, String value) {
        row.createCell(header.indexOf(column)).setCellValue(value);
    }

    private static List<String> cells(Row row) {
        List<String> values = new ArrayList<>();
        row.forEach(c -> values.add(c.getStringCellValue()));
        return values;
    }

    private static String instructionFor(Sheet instructions, String column) {
        for (Row row : instructions) {
            Cell first = row.getCell(0);
            if (first != null && column.equals(first.getStringCellValue())) {
                List<String> values = cells(row);
                return String.join(" | ", values);
            }
        }
        throw new AssertionError("no instruction for " + column);
    }
}
