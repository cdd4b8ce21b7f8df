package org.weiquan.web;

/**
 * The texts of the administration and audit pages ({@code org.weiquan.web.admin}, {@code #{adm[…]}} in the
 * pages) in the view's language, for their page beans.
 */
public final class AdminTexts {

    static final String BUNDLE = "org.weiquan.web.admin";

    private AdminTexts() {
    }

    public static String get(String key, Object... args) {
        return Texts.getIn(BUNDLE, key, args);
    }

    /** The text of a key, or null when the bundle has none. */
    public static String find(String key) {
        return Texts.findIn(BUNDLE, key);
    }

    /** An enumeration value's label: {@code prefix.NAME}, or the name itself when the bundle has none. */
    public static String label(String prefix, Object value) {
        return Texts.labelIn(BUNDLE, prefix, value);
    }
}
