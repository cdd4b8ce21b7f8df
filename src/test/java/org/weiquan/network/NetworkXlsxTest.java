package org.weiquan.network;

import org.junit.jupiter.api.Test;
import org.weiquan.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 18: the network workbook reads back the rows it was written with, codes that look like numbers included. */
class NetworkXlsxTest {

    @Test
    void aWrittenWorkbookReadsBackItsRowsAsText() {
        List<List<String>> rows = List.of(NetworkCsv.COLUMNS,
                Arrays.asList("STATION", "0101", "城关社区", "COMMUNITY", "QX-01", null, "0791-1234567", "", "", "", "", "OPEN"));
        byte[] book = NetworkXlsx.write(rows);
        assertThat(NetworkXlsx.looksLikeXlsx(book)).isTrue();
        List<List<String>> back = NetworkXlsx.read(book);
        assertThat(back.get(0)).isEqualTo(NetworkCsv.COLUMNS);
        assertThat(back.get(1).subList(0, 7)).containsExactly("STATION", "0101", "城关社区", "COMMUNITY", "QX-01", "", "0791-1234567");
    }

    @Test
    void somethingThatIsNoWorkbookIsRefusedNamingTheBody() {
        assertThatThrownBy(() -> NetworkXlsx.read("PK\u0003\u0004 not a zip".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("body");
    }
}
