package org.weiquan.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts personal data (identity numbers, phone numbers, addresses) for storage.
 *
 * <p>AES-256-GCM with a fresh random 12-byte IV per value and a 128-bit tag; the stored form is
 * {@code <keyId>:<base64url(iv || ciphertext+tag)>}. The key id lets keys rotate: values written
 * under an older key still decrypt while {@link #needsReEncryption} finds them. The context (the
 * column, e.g. {@code party.phone}) is authenticated, so a value copied into another column does not
 * decrypt there. Safe for concurrent use.
 */
public final class PersonalDataCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataKeys keys;

    public PersonalDataCipher(DataKeys keys) {
        this.keys = keys;
    }

    /** The stored form of a value; null stays null. */
    public String encrypt(String plaintext, String context) {
        requireContext(context);
        if (plaintext == null) {
            return null;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.currentDataKey(), iv, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return keys.currentKeyId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /**
     * The value behind a stored form; null stays null.
     *
     * @throws IllegalStateException when the key is unknown, the value was altered or moved from
     *                               another context; the message never holds the value
     */
    public String decrypt(String stored, String context) {
        requireContext(context);
        if (stored == null) {
            return null;
        }
        String keyId = keyIdOf(stored).orElseThrow(() -> new IllegalStateException(
                "cannot decrypt a value that is not in the form <keyId>:<data>"));
        SecretKey key = keys.dataKey(keyId).orElseThrow(() -> undecryptable(keyId));
        byte[] ivAndSealed = payloadOf(stored).orElseThrow(() -> undecryptable(keyId));
        if (ivAndSealed.length < IV_BYTES + TAG_BITS / 8) {
            throw undecryptable(keyId);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(ivAndSealed, IV_BYTES), context);
            byte[] plain = cipher.doFinal(ivAndSealed, IV_BYTES, ivAndSealed.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException tagMismatch) {
            // the cause says no more than "tag mismatch"; left out so nothing of the value travels
            throw undecryptable(keyId);
        }
    }

    /** Made only when it is thrown: an exception's stack trace costs more than the decryption itself. */
    private static IllegalStateException undecryptable(String keyId) {
        return new IllegalStateException("cannot decrypt a value of key " + keyId + ": key unknown or data altered");
    }

    /** Whether a stored value was written under a key other than the current one; null never does. */
    public boolean needsReEncryption(String stored) {
        return stored != null && keyIdOf(stored).filter(keys.currentKeyId()::equals).isEmpty();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Only a well-formed key id is returned, so that a stray plaintext is never echoed as one. */
    private static Optional<String> keyIdOf(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(stored.substring(0, colon)).filter(DataKeys::isWellFormedKeyId);
    }

    private static Optional<byte[]> payloadOf(String stored) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(stored.substring(stored.indexOf(':') + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static void requireContext(String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("context must name the column, e.g. party.phone");
        }
    }
}
