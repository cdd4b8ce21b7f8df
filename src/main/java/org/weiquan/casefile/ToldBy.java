package org.weiquan.casefile;

/** How the person was told (of an extension and its reason, 信访工作条例 art. 34). */
public enum ToldBy {
    ORAL,
    WRITTEN,
    SMS
}
