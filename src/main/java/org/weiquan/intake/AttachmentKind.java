package org.weiquan.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file a contact may carry as evidence: scanned letters, photos of injuries, medical
 * reports. The kind is told from the file's first bytes, because a file's name and declared media
 * type are whatever the uploader's computer says.
 */
public enum AttachmentKind {

    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    private final String mediaType;
    private final byte[] magic;

    AttachmentKind(String mediaType, byte[] magic) {
        this.mediaType = mediaType;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The kind whose signature the content starts with; empty for anything else, or no content. */
    public static Optional<AttachmentKind> sniff(byte[] content) {
        if (content == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(kind -> kind.isStartOf(content)).findFirst();
    }

    /**
     * The kind a declared media type names, ignoring case and parameters ({@code ; charset=…});
     * {@code image/jpg}, a common misspelling, counts as JPEG.
     */
    public static Optional<AttachmentKind> ofMediaType(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String essence = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (essence.equals("image/jpg")) {
            return Optional.of(JPEG);
        }
        return Arrays.stream(values()).filter(kind -> kind.mediaType.equals(essence)).findFirst();
    }

    private boolean isStartOf(byte[] content) {
        return content.length >= magic.length
                && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
