package org.weiquan.privacy;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys that protect personal data: the current data key (AES-256) with its id, older data keys
 * still needed to read values written before a rotation, and the index key (HMAC-SHA256) of the
 * blind indexes. They come from settings, never from the database, so a copy of the database alone
 * reveals nothing.
 *
 * <p>Settings: {@value #DATA_KEY}, {@value #DATA_KEY_ID} (default {@code k1}), {@value #OLD_DATA_KEYS}
 * ({@code id:base64,id:base64}) and {@value #INDEX_KEY}. The index key never rotates: changing it
 * would make every stored index unfindable.
 */
public final class DataKeys {

    static final String DATA_KEY = "WEIQUAN_DATA_KEY";
    static final String DATA_KEY_ID = "WEIQUAN_DATA_KEY_ID";
    static final String OLD_DATA_KEYS = "WEIQUAN_OLD_DATA_KEYS";
    static final String INDEX_KEY = "WEIQUAN_INDEX_KEY";

    static final String DEFAULT_KEY_ID = "k1";
    static final int KEY_BYTES = 32;

    /** Key ids travel in front of every stored value, so they must never contain its separator. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,31}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKey> dataKeys;
    private final SecretKey indexKey;

    /**
     * @throws IllegalArgumentException naming the setting that is wrong; never showing a key
     */
    public DataKeys(String currentKeyId, byte[] currentKey, Map<String, byte[]> olderKeys, byte[] indexKey) {
        requireKeyId(currentKeyId, DATA_KEY_ID);
        requireKeyLength(currentKey, DATA_KEY);
        requireKeyLength(indexKey, INDEX_KEY);
        if (Arrays.equals(currentKey, indexKey)) {
            throw new IllegalArgumentException(INDEX_KEY + " must differ from " + DATA_KEY);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        keys.put(currentKeyId, new SecretKeySpec(currentKey, "AES"));
        Map<String, byte[]> older = olderKeys == null ? Map.of() : olderKeys;
        older.forEach((id, key) -> {
            requireKeyId(id, OLD_DATA_KEYS);
            if (id.equals(currentKeyId)) {
                throw new IllegalArgumentException(OLD_DATA_KEYS + " must not list the current key id " + id);
            }
            requireKeyLength(key, OLD_DATA_KEYS + " (key " + id + ")");
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        this.currentKeyId = currentKeyId;
        this.dataKeys = Collections.unmodifiableMap(keys);
        this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
    }

    /**
     * The keys as configured. Outside demo mode both {@value #DATA_KEY} and {@value #INDEX_KEY} must be
     * set. In demo mode a missing key is read from {@code dataDir/keys/data.key} or
     * {@code dataDir/keys/index.key}, created with fresh random bytes on the first start and reused
     * afterwards, so that demo data stays readable across restarts.
     *
     * @throws IllegalStateException when a key is missing outside demo mode, or a key file cannot be
     *                               read or written
     */
    public static DataKeys fromSettings(Optional<String> dataKeyBase64, Optional<String> dataKeyId,
                                        Optional<String> olderKeys, Optional<String> indexKeyBase64,
                                        boolean demo, Path dataDir) {
        Optional<String> dataKey = dataKeyBase64.filter(value -> !value.isBlank());
        Optional<String> indexKey = indexKeyBase64.filter(value -> !value.isBlank());
        if ((dataKey.isEmpty() || indexKey.isEmpty()) && !demo) {
            throw new IllegalStateException(DATA_KEY + " and " + INDEX_KEY + " must be set (32 random bytes,"
                    + " base64) outside demo mode; see README, Configuration");
        }
        Path keyFolder = dataDir.resolve("keys");
        return new DataKeys(
                dataKeyId.filter(id -> !id.isBlank()).map(String::strip).orElse(DEFAULT_KEY_ID),
                dataKey.map(value -> decode(value, DATA_KEY))
                        .orElseGet(() -> readOrCreate(keyFolder.resolve("data.key"))),
                olderKeys.map(DataKeys::parseOlderKeys).orElse(Map.of()),
                indexKey.map(value -> decode(value, INDEX_KEY))
                        .orElseGet(() -> readOrCreate(keyFolder.resolve("index.key"))));
    }

    /** A fresh key for a setting: 32 bytes from a strong random source, base64. */
    public static String generateKeyBase64() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Prints fresh keys for an installation's settings (see README, Configuration). */
    public static void main(String[] args) {
        System.out.println(DATA_KEY + "=" + generateKeyBase64());
        System.out.println(INDEX_KEY + "=" + generateKeyBase64());
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** Ids of every data key that can still decrypt, the current one first. */
    public Set<String> keyIds() {
        return dataKeys.keySet();
    }

    SecretKey currentDataKey() {
        return dataKeys.get(currentKeyId);
    }

    Optional<SecretKey> dataKey(String keyId) {
        return Optional.ofNullable(dataKeys.get(keyId));
    }

    SecretKey indexKey() {
        return indexKey;
    }

    /** Whether a key id has the shape this class accepts, so it may be named in a message. */
    static boolean isWellFormedKeyId(String keyId) {
        return keyId != null && KEY_ID.matcher(keyId).matches();
    }

    private static void requireKeyId(String keyId, String setting) {
        if (!isWellFormedKeyId(keyId)) {
            throw new IllegalArgumentException(setting + " must name keys with a letter followed by at most"
                    + " 31 letters, digits, '.', '_' or '-'");
        }
    }

    private static void requireKeyLength(byte[] key, String setting) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(setting + " must be " + KEY_BYTES + " bytes (base64 of "
                    + KEY_BYTES + " random bytes)");
        }
    }

    /** The decoder's own message quotes the offending character, which belongs to the key: not passed on. */
    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(source + " is not valid base64");
        }
    }

    private static Map<String, byte[]> parseOlderKeys(String setting) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] idAndKey = pair.strip().split(":", 2);
            if (idAndKey.length != 2) {
                throw new IllegalArgumentException(OLD_DATA_KEYS + " must list id:base64 pairs separated by commas");
            }
            String id = idAndKey[0].strip();
            requireKeyId(id, OLD_DATA_KEYS);
            if (keys.put(id, decode(idAndKey[1], OLD_DATA_KEYS + " (key " + id + ")")) != null) {
                throw new IllegalArgumentException(OLD_DATA_KEYS + " lists key " + id + " twice");
            }
        }
        return keys;
    }

    private static byte[] readOrCreate(Path keyFile) {
        try {
            if (Files.notExists(keyFile)) {
                create(keyFile);
            }
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII), "key file " + keyFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the demo key file " + keyFile, e);
        }
    }

    /**
     * Creates the file exclusively, readable by the server's user only. When two nodes start together
     * the second one finds the file already there and reads the first one's key.
     */
    private static void create(Path keyFile) throws IOException {
        Files.createDirectories(keyFile.getParent(), onlyForOwner(keyFile, "rwx------"));
        byte[] content = (generateKeyBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
        try (SeekableByteChannel channel = Files.newByteChannel(keyFile,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC),
                onlyForOwner(keyFile, "rw-------"))) {
            channel.write(ByteBuffer.wrap(content));
        } catch (FileAlreadyExistsException anotherNodeWasFirst) {
            // its key is the one to use: read below
        }
    }

    /** Owner-only permissions where the file system has them (not on Windows, where ACLs apply). */
    private static FileAttribute<?>[] onlyForOwner(Path path, String permissions) {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        FileAttribute<?> owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
        return new FileAttribute<?>[] {owner};
    }
}
