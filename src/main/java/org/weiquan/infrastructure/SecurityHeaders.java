package org.weiquan.infrastructure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Security headers on every answer (ASVS 3.4): no framing, no content sniffing, no referrer leaving
 * the site, a restrictive content security policy; and no caching of anything under /api, where case
 * data lives.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /**
     * On Faces pages PrimeFaces adds its nonce-based {@code script-src} policy; this second policy (browsers
     * enforce both) keeps the rest of the restrictions without touching scripts.
     */
    static final String FACES_CSP = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        String uri = request.getRequestURI();
        if (uri.endsWith(".xhtml") || uri.equals(request.getContextPath() + "/app/")) {
            response.addHeader("Content-Security-Policy", FACES_CSP);
        } else if (!response.containsHeader("Content-Security-Policy")) {
            response.setHeader("Content-Security-Policy", CSP);
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
