package org.weiquan.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import org.primefaces.context.PrimeFacesContext;
import org.primefaces.csp.CspException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * A form sent back without the page's nonce (or with another one) did not come from the page Weiquan
 * served. PrimeFaces would notice only while drawing the answer and fail with status 500; this checks
 * right after the view is restored, before anything of the form is applied, and shows the page again
 * with a message ({@code ?expired}).
 */
public class NonceCheck implements PhaseListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(NonceCheck.class.getName());

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        if (!faces.isPostback() || faces.getResponseComplete() || faces.getViewRoot() == null) {
            return;
        }
        try {
            PrimeFacesContext.getCspState(faces).getNonce();
        } catch (CspException e) {
            ExternalContext external = faces.getExternalContext();
            LOG.info("form without the page's nonce sent to " + external.getRequestServletPath()
                    + ": the page is shown again");
            try {
                external.redirect(external.getRequestContextPath() + external.getRequestServletPath() + "?expired");
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            faces.responseComplete();
        }
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        // nothing to check before the view exists
    }
}
