package org.weiquan.infrastructure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.weiquan.cluster.NodeSettings;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * One line per request: node, method, path, status, duration, user. Never the query string or the body:
 * those may carry names and phone numbers. The node's name tells which of several nodes behind a load
 * balancer answered.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestLog extends HttpFilter {

    private static final Logger LOG = Logger.getLogger("org.weiquan.requests");
    private final String node = NodeSettings.fromConfig().name();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String user = request.getUserPrincipal() == null ? "-" : request.getUserPrincipal().getName();
            LOG.info(node + " " + request.getMethod() + " " + request.getRequestURI() + " " + response.getStatus() + " "
                    + (System.nanoTime() - started) / 1_000_000 + "ms " + user);
        }
    }
}
