package org.weiquan.api;

import jakarta.ws.rs.core.HttpHeaders;

import java.util.Locale;

/** The language of the API's messages: Chinese when the client asks for it (Accept-Language: zh), else English. */
final class Languages {

    private Languages() {
    }

    static Locale of(HttpHeaders headers) {
        if (headers != null) {
            for (Locale l : headers.getAcceptableLanguages()) {
                if ("zh".equals(l.getLanguage())) {
                    return Locale.SIMPLIFIED_CHINESE;
                }
                if ("en".equals(l.getLanguage())) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.ENGLISH;
    }
}
