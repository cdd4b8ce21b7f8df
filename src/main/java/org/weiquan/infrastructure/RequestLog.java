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
 * One line per request: node, method, path, status, duration, user, and for an error the problem type the
 * answer carried (an expected 4xx writes nothing else; an unexpected error also writes one record with
 * its reference, see the API's problem mapper). Never the query string or the body: those may carry
 * names and phone numbers. The node's name tells which of several nodes behind a load balancer answered.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestLog extends HttpFilter {

    /** Request attribute: the problem type of an error answer ({@code invalid-input}, {@code not-found} …). */
    public static final String PROBLEM = "weiquan.problem";
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
            Object problem = request.getAttribute(PROBLEM);
            LOG.info(node + " " + request.getMethod() + " " + printable(request.getRequestURI()) + " "
                    + response.getStatus() + " " + (System.nanoTime() - started) / 1_000_000 + "ms " + user
                    + (problem == null ? "" : " " + problem));
        }
    }

    /** The line of a request answered before the filters run (a 401 of the authentication mechanism). */
    public static void answeredEarly(HttpServletRequest request, int status, String problem) {
        LOG.info(request.getMethod() + " " + printable(request.getRequestURI()) + " " + status + " 0ms - " + problem);
    }

    /** A path as it may be logged: control characters (forged log lines) become '?', and at most 300 characters. */
    public static String printable(String path) {
        StringBuilder out = new StringBuilder(Math.min(path.length(), 300));
        for (int i = 0; i < path.length() && out.length() < 300; i++) {
            char c = path.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
