package org.weiquan.web;

import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;
import org.weiquan.shared.TooLarge;
import org.weiquan.shared.Unauthenticated;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what a service refused into messages on the page: each field error next to its field when the
 * page names a component for it, otherwise at the top with the field's label. Anything unexpected is
 * logged (class and SQL state only, never the input) and shown as a general failure.
 */
public final class Feedback {

    private static final Logger LOG = Logger.getLogger(Feedback.class.getName());

    private Feedback() {
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, Texts.get(key, args), null));
    }

    public static void error(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    /** Shows a refusal; {@code componentOf} maps a service field name to a client id, or null for the top. */
    public static void refused(Throwable failure, Function<String, String> componentOf) {
        Throwable e = unwrap(failure);
        FacesContext.getCurrentInstance().validationFailed();
        if (e instanceof InvalidInput invalid) {
            for (FieldError fe : invalid.errors()) {
                String clientId = existing(componentOf.apply(fe.field()));
                String message = message(fe.message());
                error(clientId, clientId == null ? Texts.labelled(fieldLabel(fe.field()), message) : message);
            }
        } else if (e instanceof Conflict) {
            error(null, Texts.get("error.conflict") + " " + message(e.getMessage()));
        } else if (e instanceof NotFound) {
            error(null, Texts.get("error.notFound"));
        } else if (e instanceof Forbidden) {
            error(null, Texts.get("error.forbidden"));
        } else if (e instanceof TooLarge) {
            error(null, Texts.get("error.tooLarge"));
        } else if (e instanceof Unauthenticated) {
            error(null, Texts.get("error.loggedOut"));
        } else {
            LOG.log(Level.WARNING, "a page action failed: {0}", e.getClass().getName());
            error(null, Texts.get("error.unexpected"));
        }
    }

    /** The client id when the page has that component; otherwise null, so that the message shows at the top. */
    static String existing(String clientId) {
        if (clientId == null) {
            return null;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean[] found = new boolean[1];
        faces.getViewRoot().invokeOnComponent(faces, clientId, (context, component) -> found[0] = true);
        return found[0] ? clientId : null;
    }

    public static void refused(Throwable failure) {
        refused(failure, field -> null);
    }

    /** A field's label: {@code field.name} with indexes dropped (parties[1].name → field.parties.name). */
    static String fieldLabel(String field) {
        String key = "field." + field.replaceAll("\\[\\d+]", "");
        String text = Texts.find(key);
        return text == null ? field : text;
    }

    /** A service message in the page's language when the bundle translates it, else as the service said it. */
    static String message(String serviceMessage) {
        if (serviceMessage == null) {
            return "";
        }
        String text = Texts.find("rule." + serviceMessage.replaceAll("[^A-Za-z0-9]+", "_"));
        return text == null ? serviceMessage : text;
    }

    public static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof EJBException || current instanceof jakarta.faces.FacesException
                || current instanceof jakarta.el.ELException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
