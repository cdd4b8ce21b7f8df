package org.weiquan.reporting;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What the PDF exports share: the Chinese font bundled with the application (Noto Sans SC, SIL Open
 * Font License 1.1, see {@code fonts/OFL.txt}; from the npm package {@code @expo-google-fonts/noto-sans-sc}),
 * embedded as a subset, so that a PDF shows and yields its Chinese text wherever it is opened; and a
 * footer with the page number on every page.
 */
final class PdfSupport {

    static final String FONT_RESOURCE = "/fonts/NotoSansSC-Regular.ttf";
    static final Color RULE = new Color(0x99, 0x99, 0x99);
    static final Color SHADE = new Color(0xEE, 0xEE, 0xEE);

    private static volatile byte[] fontBytes;

    private PdfSupport() {
    }

    /**
     * A fresh font for one document (about 15 ms once the file is in memory): a document's font keeps the
     * glyphs it used, so documents written at the same time do not share one.
     */
    static BaseFont font() {
        try {
            return BaseFont.createFont("NotoSansSC-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false,
                    fontBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled font", e);
        } catch (DocumentException e) {
            throw new IllegalStateException("cannot use the bundled font", e);
        }
    }

    private static byte[] fontBytes() throws IOException {
        byte[] bytes = fontBytes;
        if (bytes == null) {
            try (InputStream in = PdfSupport.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IOException(FONT_RESOURCE + " is not on the class path");
                }
                bytes = in.readAllBytes();
            }
            fontBytes = bytes;
        }
        return bytes;
    }

    /** The fonts of one document, in the sizes the exports use. */
    record Fonts(Font title, Font heading, Font text, Font bold, Font small, Font footer) {
        static Fonts of(BaseFont base) {
            return new Fonts(new Font(base, 15, Font.BOLD), new Font(base, 11, Font.BOLD), new Font(base, 9),
                    new Font(base, 9, Font.BOLD), new Font(base, 7.5f), new Font(base, 7, Font.NORMAL, Color.GRAY));
        }
    }

    static PdfPCell cell(String text, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
        cell.setBorderColor(RULE);
        cell.setPadding(3);
        return cell;
    }

    static PdfPCell headerCell(String text, Font font) {
        PdfPCell cell = cell(text, font);
        cell.setBackgroundColor(SHADE);
        return cell;
    }

    static PdfPCell number(String text, Font font) {
        PdfPCell cell = cell(text, font);
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }

    static Paragraph heading(String text, Fonts fonts) {
        Paragraph p = new Paragraph(text, fonts.heading());
        p.setSpacingBefore(10);
        p.setSpacingAfter(4);
        return p;
    }

    /** "label：value" on one line, the label in bold. */
    static Paragraph line(String label, String value, Fonts fonts) {
        Paragraph p = new Paragraph();
        p.add(new Chunk(label + "：", fonts.bold()));
        p.add(new Chunk(value == null ? "" : value, fonts.text()));
        return p;
    }

    /** Writes "left text … 第 n 页 page n" at the foot of every page. */
    static final class Footer extends PdfPageEventHelper {
        private final String left;
        private final Font font;
        private final String pageFormat;

        Footer(String left, Font font) {
            this(left, font, "第 %1$d 页 page %1$d");
        }

        /** With the page number as {@code pageFormat} says it ({@code %1$d}: the number), e.g. in one language. */
        Footer(String left, Font font, String pageFormat) {
            this.left = left;
            this.font = font;
            this.pageFormat = pageFormat;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            float y = document.bottom() - 18;
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_LEFT, new Phrase(left, font),
                    document.left(), y, 0);
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_RIGHT,
                    new Phrase(String.format(pageFormat, writer.getPageNumber()), font),
                    document.right(), y, 0);
        }
    }
}
