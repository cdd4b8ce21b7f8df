package org.weiquan.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Logger;

/**
 * A form sent from a view this session does not have (expired, from another session, forged) or without
 * the page's nonce is no error of the server: nothing was saved, and the user gets the page again with a
 * message ({@code ?expired}) instead of an error page with status 500. One log line, no stack trace.
 */
public class StaleFormHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(StaleFormHandler.class.getName());

    StaleFormHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable thrown = events.next().getContext().getException();
            if (faces != null && isStaleForm(thrown) && faces.getResponseComplete()) {
                events.remove(); // answered already (NonceCheck sent the page again)
            } else if (faces != null && isStaleForm(thrown)) {
                events.remove();
                ExternalContext external = faces.getExternalContext();
                LOG.info("stale or foreign form sent to " + external.getRequestServletPath() + " ("
                        + root(thrown).getClass().getSimpleName() + "): the page is shown again");
                try {
                    external.redirect(external.getRequestContextPath() + external.getRequestServletPath() + "?expired");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                faces.responseComplete();
            }
        }
        getWrapped().handle();
    }

    static boolean isStaleForm(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ViewExpiredException || "org.primefaces.csp.CspException".equals(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable thrown) {
        Throwable t = thrown;
        while (t instanceof FacesException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {
        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new StaleFormHandler(getWrapped().getExceptionHandler());
        }
    }
}
