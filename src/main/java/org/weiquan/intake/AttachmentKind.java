package org.weiquan.intake;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file a contact may carry as evidence: scanned letters, photos of injuries, medical
 * reports. The kind is told from the file's first bytes, because a file's name and declared media
 * type are whatever the uploader's computer says.
 */
public enum AttachmentKind {

    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "pdf"),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, "jpg", "jpeg"),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, "png");

    private final String mediaType;
    private final byte[] magic;
    private final List<String> extensions;

    AttachmentKind(String mediaType, byte[] magic, String... extensions) {
        this.mediaType = mediaType;
        this.magic = magic;
        this.extensions = List.of(extensions);
    }

    /**
     * The name a file of this kind is kept under: the last part of what the uploader's computer sent
     * (no folders), without control characters or characters that file systems refuse, and with this
     * kind's extension — a PDF named {@code page.html} becomes {@code page.pdf}, so that no download ever
     * opens as something else. Null when nothing usable is left.
     */
    public String fileName(String sent) {
        if (sent == null) {
            return null;
        }
        String name = sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.replaceAll("[\\p{Cntrl}\u2028\u2029\u202a-\u202e\u2066-\u2069<>:\"|?*]", "").strip();
        name = name.replaceAll("^\\.+", "");
        if (name.isBlank()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (!extensions.contains(extension)) {
            extension = extensions.get(0);
        }
        int room = 255 - extension.length() - 1;
        return (stem.length() > room ? stem.substring(0, room) : stem) + "." + extension;
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
