package org.weiquan.security;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.weiquan.shared.InvalidInput;

import java.util.Set;

/** The language a user reads the web pages in, kept with the user so that it follows them to any computer. */
@Stateless
public class LanguagePreference {

    public static final Set<String> LANGUAGES = Set.of("zh", "en");

    @Inject
    Users users;

    @Inject
    CurrentActor currentActor;

    /** The current user's language; zh when nobody is logged in. */
    public String current() {
        return users.byUsername(currentActor.get().username()).map(User::language).orElse("zh");
    }

    public void choose(String language) {
        if (language == null || !LANGUAGES.contains(language)) {
            throw InvalidInput.of("language", "must be one of " + LANGUAGES);
        }
        users.byUsername(currentActor.get().username()).orElseThrow().chooseLanguage(language);
    }
}
