package org.weiquan.api;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import org.weiquan.infrastructure.DatabaseUnavailable;
import org.weiquan.privacy.BlindIndex;
import org.weiquan.shared.FieldError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on every API call that changes something (POST, PUT, PATCH, DELETE under
 * {@code /api}, login excepted): a retried request with the same key gets the first answer again and
 * changes nothing, on whichever node it lands; the key is remembered 24 hours.
 *
 * <p>How it holds, also when two copies arrive at two nodes at once or a node dies midway: the request runs
 * in one transaction begun here. It first inserts its key ({@code idempotency_key}, primary key user + key);
 * a second request with the same key blocks on that insert until the first one ends. The answer is stored in
 * the same row and committed with the request's own changes; only then is it sent. So the key exists exactly
 * when the changes do: the second request finds the committed answer and replays it, or, when the first
 * failed (any non-2xx answer rolls everything back), it runs as if it were first. The same key with another
 * body is refused (422). Without the header nothing changes.
 */
@WebFilter(urlPatterns = "/api/*")
public class IdempotencyFilter extends HttpFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Longest body read to compare a retry with the first request (attachments are at most 10 MiB). */
    private static final long MAX_BODY = 11L * 1024 * 1024;
    private static final int TRANSACTION_TIMEOUT_SECONDS = 300;
    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class.getName());

    @Resource
    UserTransaction transaction;

    @Inject
    IdempotentRequests keys;

    @Inject
    BlindIndex blindIndex;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String key = request.getHeader(HEADER);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (key == null || !CHANGES.contains(request.getMethod()) || path.startsWith("/api/auth/")
                || request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            problem(response, 400, "invalid-idempotency-key", "The Idempotency-Key cannot be used",
                    "must be 1 to 255 visible ASCII characters, e.g. a UUID");
            return;
        }
        String user = request.getUserPrincipal().getName();
        boolean claimed;
        try {
            transaction.setTransactionTimeout(TRANSACTION_TIMEOUT_SECONDS);
            transaction.begin();
            claimed = keys.claim(user, key);
        } catch (SQLException | RuntimeException | jakarta.transaction.NotSupportedException | SystemException e) {
            rollback();
            failed(request, response, e);
            return;
        }
        if (!claimed) {
            rollback();
            replay(request, response, user, key);
            return;
        }
        Digesting body = new Digesting(request);
        CapturedResponse answer = new CapturedResponse(response);
        try {
            chain.doFilter(body, answer);
        } catch (IOException | ServletException | RuntimeException e) {
            rollback();
            throw e;
        }
        if (!answer.succeeded()) {
            rollback(); // nothing of a failed request stays, its key neither: it can be retried
            answer.sendTo(response, false);
            return;
        }
        try {
            body.drain(MAX_BODY);
            keys.complete(user, key, fingerprint(request, body.digest()), answer.status(), answer.keptHeaders(),
                    answer.body());
            transaction.commit();
        } catch (Exception e) {
            rollback();
            failed(request, response, e);
            return;
        }
        answer.sendTo(response, false);
    }

    private void replay(HttpServletRequest request, HttpServletResponse response, String user, String key)
            throws IOException {
        Optional<IdempotentRequests.Answer> first;
        try {
            first = keys.find(user, key);
        } catch (SQLException | RuntimeException e) {
            failed(request, response, e);
            return;
        }
        if (first.isEmpty()) {
            // the first request ended without a trace between our insert and this read: try again
            inProgress(response);
            return;
        }
        Digesting body = new Digesting(request);
        if (!body.drain(MAX_BODY) || !fingerprint(request, body.digest()).equals(first.get().requestHash())) {
            problem(response, 422, "idempotency-key-reused", "The Idempotency-Key was used for another request",
                    "was sent before with another method, path or body; use a new key for a new request");
            return;
        }
        CapturedResponse.replay(response, first.get());
    }

    private String fingerprint(HttpServletRequest request, byte[] bodyDigest) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String query = request.getQueryString() == null ? "" : request.getQueryString();
            String contentType = request.getContentType() == null ? "" : request.getContentType();
            sha.update((request.getMethod() + "\n" + request.getRequestURI() + "?" + query + "\n" + contentType + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(bodyDigest);
            // keyed: a body that names people must not be guessable from its stored hash
            return blindIndex.of(HexFormat.of().formatHex(sha.digest()), "idempotency.request");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failure of the key's own bookkeeping or of the commit: 503 when the database is away, 409 when it was busy. */
    private static void failed(HttpServletRequest request, HttpServletResponse response, Exception e) throws IOException {
        // a commit that could not complete is one of these: the answer and its key were written in that one
        // transaction, so a retry with the key either replays the answer or does the work once
        Optional<DatabaseUnavailable.Reason> unavailable = DatabaseUnavailable.in(e);
        if (unavailable.isPresent()) {
            DatabaseUnavailable.answer(request, response, unavailable.get());
            return;
        }
        if (waitedTooLong(e)) {
            inProgress(response);
            return;
        }
        if (e instanceof jakarta.transaction.RollbackException || e instanceof jakarta.transaction.HeuristicMixedException
                || e instanceof jakarta.transaction.HeuristicRollbackException) {
            problem(response, 409, "conflict", "Conflict with the current state",
                    "someone else changed this at the same moment; nothing was changed, try again");
            return;
        }
        String reference = java.util.UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Idempotency-Key handling failed, reference " + reference + ": " + e.getClass().getName()
                + (e instanceof SQLException sql ? " [SQLState " + sql.getSQLState() + "]" : ""));
        LOG.log(Level.FINE, "reference " + reference, e);
        problem(response, 500, "internal", "Internal error", "Something went wrong; nothing was changed. Reference: "
                + reference);
    }

    private static boolean waitedTooLong(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void inProgress(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        problem(response, 409, "request-in-progress", "A request with this Idempotency-Key is still running",
                "try again in a second with the same key: you then get its answer");
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        var body = org.weiquan.shared.Jsonp.createObjectBuilder().add("type", "https://weiquan.org/problems/" + type)
                .add("title", title).add("status", status);
        List<FieldError> errors = List.of(new FieldError(HEADER, message));
        var list = org.weiquan.shared.Jsonp.createArrayBuilder();
        errors.forEach(f -> list.add(org.weiquan.shared.Jsonp.createObjectBuilder().add("field", f.field())
                .add("message", f.message())));
        response.getWriter().write(body.add("errors", list).build().toString());
    }

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.FINE, "rollback after a failed request", e);
        }
    }

    /** The request, with a running SHA-256 of the body as the application reads it. */
    static final class Digesting extends HttpServletRequestWrapper {

        private final MessageDigest sha;
        private ServletInputStream stream;
        private BufferedReader reader;

        Digesting(HttpServletRequest request) {
            super(request);
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            sha.update((byte) b);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            sha.update(buffer, offset, n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                reader = new BufferedReader(new InputStreamReader(getInputStream(), encoding));
            }
            return reader;
        }

        /** Reads what the application left unread, up to a limit; false when the body is longer. */
        boolean drain(long limit) throws IOException {
            InputStream in = getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    return false;
                }
            }
            return true;
        }

        byte[] digest() {
            return sha.digest();
        }
    }
}
