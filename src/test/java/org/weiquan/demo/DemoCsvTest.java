package org.weiquan.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCsvTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        List<Csv.Record> records = Csv.read("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\n");

        assertThat(records).hasSize(3);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(records.get(1).fields()).containsExactly("x, y", "say \"hi\"", "two\nlines");
        assertThat(records.get(2).fields()).containsExactly("", "", "");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void blankLinesAreSkippedAndALastLineWithoutBreakIsRead() {
        assertThat(Csv.read("a,b\n\nc,d")).extracting(Csv.Record::fields)
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> Csv.read("a,b\n\"c,d\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not well-formed");
    }
}
