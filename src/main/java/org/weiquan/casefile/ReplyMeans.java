package org.weiquan.casefile;

/** How a written reply (书面答复) reached the person. */
public enum ReplyMeans {
    LETTER,
    IN_PERSON,
    ONLINE
}
