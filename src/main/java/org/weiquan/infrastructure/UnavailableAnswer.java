package org.weiquan.infrastructure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Outside the REST API's own error mapping (web pages, filters): a request that fails because the database
 * cannot serve it answers 503 with {@code Retry-After} instead of the generic error page.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class UnavailableAnswer extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(UnavailableAnswer.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Optional<DatabaseUnavailable.Reason> reason = DatabaseUnavailable.in(e);
            if (reason.isEmpty() || response.isCommitted()) {
                throw e;
            }
            LOG.warning("503 for " + request.getMethod() + " " + request.getRequestURI() + ": " + reason.get());
            DatabaseUnavailable.answer(request, response, reason.get());
        }
    }
}
