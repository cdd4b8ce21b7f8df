package org.weiquan.workflow.engine;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;

import java.io.IOException;

/**
 * Tells the process engine who acts in each request, and forgets it afterwards: the user id, which the engine
 * writes into its history and Weiquan's task announcements name. Not her candidate groups: the engine checks no
 * authorization (Weiquan's services do, on the inbox's rows), so computing them read a supervisor's whole station
 * subtree in every request for nothing.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class EngineIdentity extends HttpFilter {

    @Inject
    IdentityService identity;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var principal = request.getUserPrincipal();
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        identity.setAuthenticatedUserId(principal.getName());
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
    }
}
