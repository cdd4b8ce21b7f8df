package org.weiquan.reporting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsAnApostrophe() {
        for (String formula : new String[] {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"}) {
            assertThat(SpreadsheetCells.text(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(SpreadsheetCells.text("城关社区")).isEqualTo("城关社区");
        assertThat(SpreadsheetCells.text("—")).isEqualTo("—");
        assertThat(SpreadsheetCells.text("")).isEmpty();
        assertThat(SpreadsheetCells.value(12L)).isEqualTo(12L);
    }
}
