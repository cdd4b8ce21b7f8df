package org.weiquan.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.InvalidInput;

import java.util.function.Function;

/**
 * {@link Feedback} for the administration and audit pages: the services' rules and conflicts are shown
 * in the page's language from the {@code admin} bundle ({@code rule.…}, {@code conflict.…}), each field
 * error next to its field; everything else goes to {@link Feedback}. The inputs keep what was typed.
 */
public final class AdminFeedback {

    private AdminFeedback() {
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, AdminTexts.get(key, args), null));
    }

    public static void error(String clientId, String key, Object... args) {
        FacesContext.getCurrentInstance().validationFailed();
        Feedback.error(clientId, AdminTexts.get(key, args));
    }

    /** Shows a refusal; {@code componentOf} maps a service field name to a client id, or null for the top. */
    public static void refused(Throwable failure, Function<String, String> componentOf) {
        Throwable e = Feedback.unwrap(failure);
        FacesContext faces = FacesContext.getCurrentInstance();
        if (e instanceof InvalidInput invalid) {
            faces.validationFailed();
            for (FieldError fe : invalid.errors()) {
                String clientId = componentOf.apply(fe.field());
                String message = message(fe.message());
                Feedback.error(clientId, clientId == null ? AdminTexts.get("feedback.field", fieldLabel(fe.field()), message) : message);
            }
        } else if (e instanceof Conflict && AdminTexts.find(key("conflict.", e.getMessage())) != null) {
            faces.validationFailed();
            Feedback.error(null, AdminTexts.get(key("conflict.", e.getMessage())));
        } else {
            Feedback.refused(e, componentOf);
        }
    }

    public static void refused(Throwable failure) {
        refused(failure, field -> null);
    }

    /** A service rule in the page's language: {@code rule.…} of this bundle, else as {@link Feedback} shows it. */
    static String message(String serviceMessage) {
        String text = serviceMessage == null ? null : AdminTexts.find(key("rule.", serviceMessage));
        return text != null ? text : Feedback.message(serviceMessage);
    }

    static String fieldLabel(String field) {
        String text = AdminTexts.find("field." + field.replaceAll("\\[\\d+]", ""));
        return text != null ? text : Feedback.fieldLabel(field);
    }

    /** The bundle key of a service message: {@code must have at least 12 characters} → {@code rule.must_have_at_least_12_characters}. */
    static String key(String prefix, String serviceMessage) {
        return prefix + serviceMessage.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
