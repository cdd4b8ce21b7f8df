package org.weiquan.infrastructure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Security headers on every answer (ASVS 3.4): no framing, no content sniffing, no referrer leaving
 * the site, a restrictive content security policy; and no caching of the API or of the web pages under
 * /app, where case data lives (ASVS 14.3.2). The authentication mechanism, which answers some requests
 * before any filter runs (a 401, the redirect to the login page), applies the same headers through
 * {@link #apply}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /**
     * The policy of the Faces pages. PrimeFaces writes it (web.xml {@code primefaces.CSP_POLICY}, the same
     * text) with its nonce added to the last directive, {@code script-src}: inline scripts run only with
     * the page's nonce. Until PrimeFaces writes it (and on a page that fails before), this one stands.
     */
    public static final String FACES_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; script-src 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        apply(request, response);
        chain.doFilter(request, isFacesPage(request) ? new OnePolicy(response) : response);
    }

    /** The headers for this request's answer; the first content security policy set wins unless a page's replaces it. */
    public static void apply(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", isFacesPage(request) ? FACES_CSP : CSP);
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.startsWith("/app/") || path.equals("/app")) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    private static boolean isFacesPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.endsWith(".xhtml") || path.equals("/app/") || path.equals("/app");
    }

    /** PrimeFaces adds its policy: it replaces the stand-in rather than adding a second one. */
    private static final class OnePolicy extends HttpServletResponseWrapper {
        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if ("Content-Security-Policy".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
