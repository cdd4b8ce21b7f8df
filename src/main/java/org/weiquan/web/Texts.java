package org.weiquan.web;

import jakarta.faces.context.FacesContext;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The page texts of the view's language, for page beans (pages use the {@code msg} bundle directly). */
public final class Texts {

    static final String BUNDLE = "org.weiquan.web.messages";

    private Texts() {
    }

    public static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null ? Language.CHINESE : faces.getViewRoot().getLocale();
    }

    public static String get(String key, Object... args) {
        return getIn(BUNDLE, key, args);
    }

    /** The text of a key, or null when the bundle has none (so that callers can fall back). */
    public static String find(String key) {
        return findIn(BUNDLE, key);
    }

    /** An enumeration value's label: {@code prefix.NAME}, or the name itself when the bundle has none. */
    public static String label(String prefix, Object value) {
        return labelIn(BUNDLE, prefix, value);
    }

    /** "王芳（城关社区）" in Chinese, "王芳 (城关社区)" in English: each language's own brackets. */
    public static String aside(String main, String aside) {
        return aside(main, aside, locale());
    }

    static String aside(String main, String aside, Locale locale) {
        return english(locale) ? main + " (" + aside + ")" : main + "（" + aside + "）";
    }

    /** "调解员：王芳" in Chinese, "Mediator: 王芳" in English. */
    public static String labelled(String label, String value) {
        return labelled(label, value, locale());
    }

    static String labelled(String label, String value, Locale locale) {
        return english(locale) ? label + ": " + value : label + "：" + value;
    }

    private static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    /** The text of a key of the given bundle, formatted with the arguments; the key itself when missing. */
    static String getIn(String bundle, String key, Object... args) {
        String text = findIn(bundle, key);
        if (text == null) {
            return key;
        }
        return args.length == 0 ? text : new MessageFormat(text, locale()).format(args);
    }

    static String findIn(String bundle, String key) {
        try {
            return ResourceBundle.getBundle(bundle, locale()).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    static String labelIn(String bundle, String prefix, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Enum<?> e) {
            String label = org.weiquan.shared.Labels.find(org.weiquan.shared.Labels.key(e), locale());
            if (label != null) {
                return label;
            }
        }
        String name = value instanceof Enum<?> e ? e.name() : value.toString();
        String text = findIn(bundle, prefix + "." + name);
        return text == null ? name : text;
    }
}
