package org.weiquan.infrastructure;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;
import javax.transaction.xa.XAException;

/**
 * Recognises a failure that says "the database cannot serve this request now" — unreachable, restarting,
 * refusing connections, every pooled connection busy for longer than the pool's wait, or a commit that could not
 * complete — and answers it
 * with 503 and {@code Retry-After}, so that clients retry later (with the same Idempotency-Key) instead of
 * seeing an internal error. The pool validates each connection before use and opens new ones when the
 * database is back, so the node recovers by itself.
 */
public final class DatabaseUnavailable {

    /** Why the database cannot serve now, and when to try again. */
    public enum Reason {
        UNREACHABLE(5, "The database cannot be reached at the moment."),
        BUSY(2, "Every database connection is busy at the moment."),
        COMMIT_FAILED(2, "The database could not complete the change at the moment.");

        private final int retryAfterSeconds;
        private final String detail;

        Reason(int retryAfterSeconds, String detail) {
            this.retryAfterSeconds = retryAfterSeconds;
            this.detail = detail;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** What the problem document says: the cause, when to retry, and how to retry safely. */
        public String detail() {
            return detail + " Try again in " + retryAfterSeconds + " seconds; send the same Idempotency-Key "
                    + "so that nothing is created twice.";
        }
    }

    static final String PROBLEM_TYPE = "https://weiquan.org/problems/unavailable";
    /** Looked up once: every lookup scans the application's jars (org.weiquan.shared.Jsonp says more). */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String POOL_EXHAUSTED = "In-use connections equal max-pool-size";
    private static final String NOT_ALLOCATED = "Error in allocating a connection";
    private static final int MAX_DEPTH = 32;

    private DatabaseUnavailable() {
    }

    /** The reason, when the failure (or one of its causes) is the database's unavailability. */
    public static Optional<Reason> in(Throwable failure) {
        Throwable t = failure;
        Reason found = null;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains(POOL_EXHAUSTED)) {
                return Optional.of(Reason.BUSY);
            }
            if (isConnectionFailure(t) || message.contains(NOT_ALLOCATED)) {
                found = Reason.UNREACHABLE;
            }
            if (found == null && isFailedCommit(t)) {
                found = Reason.COMMIT_FAILED;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return Optional.ofNullable(found);
    }

    /**
     * The commit of the one database transaction failed: the connection broke (the database restarted or was cut
     * off) or the database refused the commit (a deferred counter's deadlock). The transaction manager says so only
     * as a SystemException over an XAException "resource manager error"; the driver's error with its SQL state is
     * logged by the connection pool and not chained. Nothing was committed unless the commit's answer alone was lost,
     * so a retry with the same Idempotency-Key is safe.
     */
    private static boolean isFailedCommit(Throwable t) {
        if (t instanceof XAException xa) {
            return xa.errorCode == XAException.XAER_RMERR || xa.errorCode == XAException.XAER_RMFAIL;
        }
        return t instanceof jakarta.transaction.SystemException && t.getCause() == null;
    }

    private static boolean isConnectionFailure(Throwable t) {
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exception; 57P01-03: shut down by the administrator, crashed, not accepting
            // connections yet; 53300: too many connections
            return state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03") || state.equals("53300");
        }
        return t instanceof ConnectException || t instanceof SocketTimeoutException;
    }

    /** The problem document's JSON. */
    public static String problemJson(Reason reason) {
        return JSON.createObjectBuilder()
                .add("type", PROBLEM_TYPE)
                .add("title", "Temporarily unavailable")
                .add("status", 503)
                .add("detail", reason.detail())
                .build().toString();
    }

    /**
     * Answers 503 with {@code Retry-After}: {@code application/problem+json} under {@code /api}, a short page
     * for browsers. Nothing when the answer has already begun.
     */
    public static void answer(HttpServletRequest request, HttpServletResponse response, Reason reason)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(503);
        response.setHeader("Retry-After", String.valueOf(reason.retryAfterSeconds()));
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write(problemJson(reason));
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                    + "<title>暂时无法服务</title></head><body><h1>系统暂时无法服务</h1>"
                    + "<p>数据库暂时无法连接，请" + reason.retryAfterSeconds() + "秒后刷新页面重试。</p>"
                    + "<p lang=\"en\">Temporarily unavailable: please reload in " + reason.retryAfterSeconds()
                    + " seconds.</p></body></html>");
        }
    }
}
