/**
 * Privacy: encryption at rest of identity numbers, phone numbers and addresses (AES-GCM, key id
 * stored with every value so keys can rotate) and blind indexes (keyed hashes) that let search find
 * a phone or ID number without decrypting.
 *
 * <p>Depends on nothing in Weiquan but {@code shared}. The keys live outside the database
 * ({@link org.weiquan.privacy.DataKeys}); no plaintext, key or ciphertext ever goes into a message.
 */
package org.weiquan.privacy;
