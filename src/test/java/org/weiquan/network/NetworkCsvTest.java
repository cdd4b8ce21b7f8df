package org.weiquan.network;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18: the network file is read and written as spreadsheets write CSV. */
class NetworkCsvTest {

    private static List<List<String>> read(String text) {
        return NetworkCsv.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedCellsKeepTheirCommasQuotesAndLineBreaksAndEmptyLinesKeepTheirNumber() {
        List<List<String>> rows = read("\uFEFFrecord,code,name\r\nSTATION,A,\"城关, \"\"东\"\"\n片\"\r\n\r\nAGENCY,B,\n");
        assertThat(rows.get(0)).containsExactly("record", "code", "name");
        assertThat(rows.get(1)).containsExactly("STATION", "A", "城关, \"东\"\n片");
        assertThat(rows.get(2)).isEmpty();
        assertThat(rows.get(3)).containsExactly("AGENCY", "B", "");
    }

    @Test
    void aWrittenLineReadsBackAsTheSameCellsAndNoCellStartsAFormula() {
        List<String> cells = Arrays.asList("STATION", "QX-01", "城关, 街道", null, "=HYPERLINK(\"x\")", "+86 791", "-5");
        String line = NetworkCsv.line(cells);
        List<String> back = read(line).get(0);
        assertThat(back.subList(0, 4)).containsExactly("STATION", "QX-01", "城关, 街道", "");
        assertThat(back.get(4)).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(back.get(5)).isEqualTo("'+86 791");
        assertThat(back.get(6)).as("a negative number is no formula").isEqualTo("-5");
    }
}
