package org.weiquan.workflow.engine;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.weiquan.security.CandidateGroups;
import org.weiquan.security.Users;

import java.io.IOException;

/**
 * Tells the process engine who acts in each request (user id and candidate groups), and forgets it
 * afterwards. Groups are {@code station:<code>:<role>}: for each role at the user's own station, and
 * for a supervisor also at every station below, so that escalations from below reach them.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class EngineIdentity extends HttpFilter {

    @Inject
    IdentityService identity;

    @Inject
    Users users;

    @Inject
    CandidateGroups candidateGroups;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        var principal = request.getUserPrincipal();
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        users.inRequest(request, principal.getName()).ifPresent(u -> identity.setAuthentication(u.username(), candidateGroups.of(u)));
        try {
            chain.doFilter(request, response);
        } finally {
            identity.clearAuthentication();
        }
    }
}
