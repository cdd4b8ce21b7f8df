package org.weiquan.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Keeps the administration and audit pages from users without the role: before such a page is drawn the
 * answer becomes 403 Forbidden with a message, and the pages draw their content only for the role. The
 * services check the role again for every call; this only spares the user a page of refusals.
 *
 * <p>Used as {@code <f:event type="preRenderView" listener="#{pageGuard.requireAdmin}"/>}.
 */
@Named
@RequestScoped
public class PageGuard {

    @Inject
    Navigation navigation;

    public void requireAdmin() {
        if (!navigation.isAdmin()) {
            refuse("guard.adminOnly");
        }
    }

    public void requireSupervisor() {
        if (!navigation.isSupervisor()) {
            refuse("guard.supervisorOnly");
        }
    }

    public void requireIntake() {
        if (!navigation.isIntake()) {
            refuse("guard.intakeOnly");
        }
    }

    /** Mediators and supervisors: the task pages. */
    public void requireCaseWorker() {
        if (!navigation.isCaseWorker()) {
            refuse("guard.caseWorkerOnly");
        }
    }

    /** Anyone who may read case files. */
    public void requireCaseRole() {
        if (!navigation.isCaseRole()) {
            refuse("guard.caseRoleOnly");
        }
    }

    private static void refuse(String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!faces.getPartialViewContext().isAjaxRequest() && !faces.getExternalContext().isResponseCommitted()) {
            faces.getExternalContext().setResponseStatus(403);
        }
        AdminFeedback.error(null, key);
    }
}
