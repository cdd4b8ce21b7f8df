package org.weiquan.notification;

/** How a user wants e-mail: urgent work at once and the rest in the daily digest, everything in the digest, or none. */
public enum EmailMode {
    URGENT_AND_DIGEST,
    DIGEST_ONLY,
    OFF
}
