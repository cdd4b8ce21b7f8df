package org.weiquan.privacy;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Blind indexes: keyed hashes (HMAC-SHA256 with the index key) stored beside encrypted values, so a
 * search for a phone or identity number finds its rows without decrypting anything. Without the key
 * the hashes cannot be recomputed, which matters because the space of phone numbers is small enough
 * to hash in full.
 *
 * <p>The kind ({@code phone}, {@code id}) is hashed with the value, so equal digits of different
 * kinds never share an index. Values must be normalised first (e.g. {@code PhoneNumber.value()}),
 * or the same number typed twice would index twice. Safe for concurrent use.
 */
public final class BlindIndex {

    /** No colon in a kind, so that {@code kind + ":" + value} cannot be read two ways. */
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]*");

    private final DataKeys keys;

    public BlindIndex(DataKeys keys) {
        this.keys = keys;
    }

    /** 64 lower-case hex characters; null stays null. */
    public String of(String normalisedValue, String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be lower-case letters, digits, '.', '_' or '-', e.g. phone");
        }
        if (normalisedValue == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.indexKey());
            byte[] hash = mac.doFinal((kind + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
