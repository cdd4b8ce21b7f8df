package org.weiquan.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.weiquan.security.LanguagePreference;

import java.io.Serializable;
import java.util.Locale;

/**
 * The language of this session's pages: the user's stored choice (Simplified Chinese unless they chose
 * English), read once per session; switching stores the new choice with the user.
 */
@Named
@SessionScoped
public class Language implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Inject
    LanguagePreference preference;

    private String code;

    public Locale getLocale() {
        return "en".equals(getCode()) ? Locale.ENGLISH : CHINESE;
    }

    public String getCode() {
        if (code == null) {
            code = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal() == null
                    ? "zh" : preference.current();
        }
        return code;
    }

    /** The html lang attribute. */
    public String getHtmlLang() {
        return "en".equals(getCode()) ? "en" : "zh-CN";
    }

    /** Before login (the login page's language links): this session only. */
    public void setRequested(String language) {
        if (language != null && LanguagePreference.LANGUAGES.contains(language)) {
            code = language;
        }
    }

    public String getRequested() {
        return null;
    }

    /**
     * Stores the choice and shows the same page again, with the query it was opened with (a task's id,
     * a case's number) — passed by the language link as {@code q}; only a query, never another address.
     */
    public String switchTo(String language) throws java.io.IOException {
        preference.choose(language);
        code = language;
        FacesContext faces = FacesContext.getCurrentInstance();
        var external = faces.getExternalContext();
        String query = external.getRequestParameterMap().get("q");
        String target = external.getRequestContextPath() + faces.getViewRoot().getViewId()
                + (query == null || query.isBlank() || query.contains("\r") || query.contains("\n") ? "" : "?" + query);
        external.redirect(target);
        faces.responseComplete();
        return null;
    }
}
