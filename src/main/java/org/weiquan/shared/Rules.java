package org.weiquan.shared;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of the rules a request can break ({@code rules_zh}/{@code rules_en}): Bean Validation's messages
 * of the forms and the messages the services give, in the user's language.
 */
public final class Rules {

    private Rules() {
    }

    public static String text(Locale locale, String key, Object... args) {
        String text;
        try {
            // no fallback to the server's default language: English is the base bundle
            text = ResourceBundle.getBundle(Forms.MESSAGES, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }
}
