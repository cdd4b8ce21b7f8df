package org.weiquan.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import org.weiquan.infrastructure.RequestLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error pages (web.xml): a request that was sent to {@code /api/…} gets
 * {@code application/problem+json} even when the container, not the API, answers it (a path that
 * normalises elsewhere, a method a static path does not take); every other request gets the generic
 * page without server details.
 */
@WebServlet("/error-page")
public class ErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        if (uri instanceof String path && path.startsWith(request.getContextPath() + "/api/")) {
            String type = status == 404 ? "not-found" : status >= 500 ? "internal" : "http-" + status;
            Response.StatusType info = Response.Status.fromStatusCode(status);
            String title = status >= 500 ? "Internal error" : info != null ? info.getReasonPhrase() : "Error";
            request.setAttribute(RequestLog.PROBLEM, type);
            response.setStatus(status);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(org.weiquan.shared.Jsonp.createObjectBuilder()
                    .add("type", "https://weiquan.org/problems/" + type).add("title", title).add("status", status)
                    .build().toString());
            return;
        }
        request.getRequestDispatcher("/error.html").forward(request, response);
    }
}
