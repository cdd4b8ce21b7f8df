package org.weiquan.web;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of the administration and audit pages ({@code org.weiquan.web.admin}, {@code #{adm[…]}} in the
 * pages) in the view's language, for their page beans.
 */
public final class AdminTexts {

    static final String BUNDLE = "org.weiquan.web.admin";

    private AdminTexts() {
    }

    public static String get(String key, Object... args) {
        String text = find(key);
        if (text == null) {
            return key;
        }
        return args.length == 0 ? text : new MessageFormat(text, Texts.locale()).format(args);
    }

    /** The text of a key, or null when the bundle has none. */
    public static String find(String key) {
        try {
            return ResourceBundle.getBundle(BUNDLE, Texts.locale()).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    /** An enumeration value's label: {@code prefix.NAME}, or the name itself when the bundle has none. */
    public static String label(String prefix, Object value) {
        if (value == null) {
            return "";
        }
        String name = value instanceof Enum<?> e ? e.name() : value.toString();
        String text = find(prefix + "." + name);
        return text == null ? name : text;
    }
}
