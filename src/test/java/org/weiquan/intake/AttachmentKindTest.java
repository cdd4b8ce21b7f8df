package org.weiquan.intake;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AttachmentKindTest {

    private static final byte[] PDF_START = "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JPEG_START =
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
    private static final byte[] PNG_START =
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

    @Test
    void aScannedLetterInPdfIsRecognised() {
        assertThat(AttachmentKind.sniff(PDF_START)).contains(AttachmentKind.PDF);
    }

    @Test
    void aPhotoFromAPhoneCameraIsRecognisedAsJpeg() {
        assertThat(AttachmentKind.sniff(JPEG_START)).contains(AttachmentKind.JPEG);
    }

    @Test
    void aScreenshotIsRecognisedAsPng() {
        assertThat(AttachmentKind.sniff(PNG_START)).contains(AttachmentKind.PNG);
    }

    @Test
    void aPngRenamedToPdfIsStillSeenAsAPng() {
        assertThat(AttachmentKind.ofMediaType("application/pdf")).contains(AttachmentKind.PDF);

        assertThat(AttachmentKind.sniff(PNG_START)).contains(AttachmentKind.PNG);
    }

    @Test
    void aWordDocumentOrAnExecutableIsNotAnAttachmentKind() {
        byte[] docx = {'P', 'K', 3, 4, 20, 0, 6, 0};
        byte[] exe = {'M', 'Z', (byte) 0x90, 0};

        assertThat(AttachmentKind.sniff(docx)).isEmpty();
        assertThat(AttachmentKind.sniff(exe)).isEmpty();
    }

    @Test
    void anEmptyTruncatedOrMissingFileIsNotRecognised() {
        assertThat(AttachmentKind.sniff(new byte[0])).isEmpty();
        assertThat(AttachmentKind.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEmpty();
        assertThat(AttachmentKind.sniff("%PDF".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(AttachmentKind.sniff(null)).isEmpty();
    }

    @Test
    void aPdfSignatureLaterInTheFileDoesNotCount() {
        assertThat(AttachmentKind.sniff(" %PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void eachKindHasItsMediaType() {
        assertThat(AttachmentKind.PDF.mediaType()).isEqualTo("application/pdf");
        assertThat(AttachmentKind.JPEG.mediaType()).isEqualTo("image/jpeg");
        assertThat(AttachmentKind.PNG.mediaType()).isEqualTo("image/png");
    }

    @Test
    void aDeclaredMediaTypeIsReadWithoutRegardToCaseOrParameters() {
        assertThat(AttachmentKind.ofMediaType("Application/PDF; charset=binary")).contains(AttachmentKind.PDF);
        assertThat(AttachmentKind.ofMediaType(" image/png ")).contains(AttachmentKind.PNG);
    }

    @Test
    void theCommonMisspellingImageJpgMeansJpeg() {
        assertThat(AttachmentKind.ofMediaType("image/jpg")).contains(AttachmentKind.JPEG);
        assertThat(AttachmentKind.ofMediaType("IMAGE/JPEG")).contains(AttachmentKind.JPEG);
    }

    @Test
    void otherDeclaredMediaTypesAreNotAttachmentKinds() {
        assertThat(AttachmentKind.ofMediaType("application/octet-stream")).isEmpty();
        assertThat(AttachmentKind.ofMediaType("text/html")).isEmpty();
        assertThat(AttachmentKind.ofMediaType("")).isEmpty();
        assertThat(AttachmentKind.ofMediaType(null)).isEmpty();
    }

    @Test
    void aFileIsKeptUnderItsLastNameWithTheExtensionOfItsCheckedKind() {
        assertThat(AttachmentKind.PDF.fileName("page.html")).isEqualTo("page.pdf");
        assertThat(AttachmentKind.PDF.fileName("C:\\Users\\me\\scan.PDF")).isEqualTo("scan.PDF".replace("PDF", "pdf"));
        assertThat(AttachmentKind.JPEG.fileName("../../photo.jpeg")).isEqualTo("photo.jpeg");
        assertThat(AttachmentKind.PNG.fileName("injury\u202egnp.exe")).isEqualTo("injurygnp.png");
        assertThat(AttachmentKind.PDF.fileName("...hidden")).isEqualTo("hidden.pdf");
        assertThat(AttachmentKind.PDF.fileName("letter")).isEqualTo("letter.pdf");
        assertThat(AttachmentKind.PDF.fileName("/\u0000/")).isNull();
        assertThat(AttachmentKind.PDF.fileName("长".repeat(300) + ".pdf")).hasSize(255).endsWith(".pdf");
    }
}
