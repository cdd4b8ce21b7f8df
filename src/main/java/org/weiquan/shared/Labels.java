package org.weiquan.shared;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * What a value of the domain's vocabulary is called in the user's language: the label of an enum constant is
 * {@code <enum's simple name>.<constant>} in {@code org.weiquan.shared.labels}. Pages, exports, the timeline
 * and the evidence record show labels, never constants; a test checks that every constant of every
 * vocabulary enum has one in both languages.
 */
public final class Labels {

    public static final String BUNDLE = "org.weiquan.shared.labels";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private Labels() {
    }

    public static String key(Enum<?> value) {
        return value.getDeclaringClass().getSimpleName() + "." + value.name();
    }

    /** The label in Chinese: the language of the record (timeline, evidence record, reports). */
    public static String of(Enum<?> value) {
        return of(value, CHINESE);
    }

    public static String of(Enum<?> value, Locale locale) {
        if (value == null) {
            return "";
        }
        String text = find(key(value), locale);
        return text == null ? value.name() : text;
    }

    /** The text of a key, or null when the bundle has none. */
    public static String find(String key, Locale locale) {
        try {
            // no fallback to the server's default language: Chinese is the base bundle
            return ResourceBundle.getBundle(BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
