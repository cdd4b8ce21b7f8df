package org.weiquan.api;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.weiquan.infrastructure.RequestLog;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.weiquan.shared.Conflict;
import org.weiquan.shared.Jsonp;
import jakarta.json.JsonArrayBuilder;
import org.weiquan.intake.DuplicatesFound;
import org.weiquan.shared.FieldError;
import org.weiquan.shared.Forbidden;
import org.weiquan.shared.TooLarge;
import org.weiquan.shared.Unauthenticated;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.NotFound;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every error of the API becomes {@code application/problem+json}: 400 when the body cannot be read,
 * 404 for what does not exist or lies outside the user's scope, 409 for a conflict with the current
 * state, 422 when the request breaks a rule; anything else is a 500 whose details stay in the log
 * under a reference, never in the answer.
 *
 * <p>Logging: an expected 4xx writes nothing here — the request log's one line names its problem type;
 * an unexpected error writes one record: the reference the answer carries, the exception types and the
 * stack frames, without the messages (lower layers may quote personal data in them).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");
    private static final Pattern PROBLEM_TYPE = Pattern.compile("/problems/([a-z0-9-]+)");
    /** Frames written per exception of a chain: enough to find the place, not a flood. */
    static final int FRAMES = 25;

    @Context
    HttpServletRequest request;

    /** The same mapping for a mapper of a narrower type (for which Jersey would otherwise pick its own). */
    static ProblemMapper forRequest(HttpServletRequest request) {
        ProblemMapper mapper = new ProblemMapper();
        mapper.request = request;
        return mapper;
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Response response = problem(thrown);
        noteProblemType(response);
        return response;
    }

    private void noteProblemType(Response response) {
        try {
            Matcher type = PROBLEM_TYPE.matcher(String.valueOf(response.getEntity()));
            if (request != null && type.find()) {
                request.setAttribute(RequestLog.PROBLEM, type.group(1));
            }
        } catch (RuntimeException outsideARequest) {
            // no request to note it on
        }
    }

    private Response problem(Throwable thrown) {
        var unavailable = org.weiquan.infrastructure.DatabaseUnavailable.in(thrown);
        if (unavailable.isPresent()) {
            // 503 + Retry-After: the client tries again later, with the same Idempotency-Key
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", unavailable.get().retryAfterSeconds())
                    .entity(org.weiquan.infrastructure.DatabaseUnavailable.problemJson(unavailable.get())).build();
        }
        Throwable e = unwrap(thrown);
        if (e instanceof InvalidInput invalid) {
            return Problem.response(422, "invalid-input", "The request breaks a rule", null, invalid.errors());
        }
        if (e instanceof DuplicatesFound duplicates) {
            JsonArrayBuilder candidates = Jsonp.createArrayBuilder();
            for (var d : duplicates.candidates()) {
                candidates.add(Jsonp.createObjectBuilder().add("contactId", d.contactId())
                        .add("caseNumber", d.caseNumber() == null ? "" : d.caseNumber())
                        .add("stationCode", d.stationCode()).add("stationName", d.stationName())
                        .add("receivedAt", org.weiquan.shared.StationTime.of(d.receivedAt()).toString())
                        .add("status", d.status().name()).add("complainant", d.complainant())
                        .add("reasons", Jsonp.createArrayBuilder(d.reasons().stream().map(Enum::name).toList())));
            }
            return Problem.response(409, "possible-duplicate", "Earlier contacts may be the same matter",
                    duplicates.getMessage(), List.of(), Jsonp.createObjectBuilder().add("candidates", candidates).build());
        }
        if (e instanceof Unauthenticated unauthenticated) {
            if (unauthenticated.retryAfterSeconds() > 0) {
                return Response.fromResponse(Problem.response(429, "too-many-attempts", "Too many failed logins",
                        unauthenticated.getMessage())).header("Retry-After", unauthenticated.retryAfterSeconds()).build();
            }
            return Response.fromResponse(Problem.response(401, "unauthenticated", "Not logged in",
                    unauthenticated.getMessage())).header("WWW-Authenticate", "Bearer realm=\"weiquan\"").build();
        }
        if (e instanceof org.weiquan.security.Authentication.PasswordChangeRequired change) {
            return Problem.response(403, "password-change-required", "Choose a new password first", change.getMessage());
        }
        if (e instanceof Forbidden forbidden) {
            return Problem.response(403, "forbidden", "Your role does not allow this", forbidden.getMessage());
        }
        if (e instanceof TooLarge tooLarge) {
            return Problem.response(413, "too-large", "Too large", null,
                    List.of(new FieldError(tooLarge.field(), "is larger than " + tooLarge.limit() + " bytes")));
        }
        if (e instanceof jakarta.persistence.OptimisticLockException) {
            return Problem.response(409, "conflict", "Conflict with the current state",
                    "someone else changed this at the same moment; reload and try again");
        }
        if (e instanceof NotFound notFound) {
            return Problem.response(404, "not-found", "Not found", notFound.getMessage());
        }
        if (e instanceof Conflict conflict) {
            Response r = Problem.response(409, "conflict", "Conflict with the current state", conflict.getMessage());
            return conflict.currentVersion() == null ? r
                    : Response.fromResponse(r).header("ETag", "\"" + conflict.currentVersion() + "\"").build();
        }
        if (e instanceof ConstraintViolationException violations) {
            List<FieldError> errors = violations.getConstraintViolations().stream()
                    .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                    .toList();
            return Problem.response(422, "invalid-input", "The request breaks a rule", null, errors);
        }
        if (e instanceof StrictJson.MalformedBody malformed) {
            return Problem.response(400, "malformed-request", "The request body cannot be read", null, malformed.errors());
        }
        if (e instanceof JsonParsingException || e instanceof JsonbException) {
            return unreadable(e);
        }
        if (e instanceof java.nio.charset.UnsupportedCharsetException
                || e instanceof java.nio.charset.IllegalCharsetNameException) {
            // a body declared in a charset this server cannot decode: JSON is UTF-8 (RFC 8259)
            return Problem.response(415, "unsupported-media-type", "Unsupported Media Type",
                    "send the body as UTF-8 (Content-Type: application/json; charset=UTF-8)");
        }
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                return internal(e);
            }
            if (status == 400) {
                return unreadable(e);
            }
            return Problem.response(status, "http-" + status, web.getResponse().getStatusInfo().getReasonPhrase(),
                    null);
        }
        return internal(e);
    }

    private static Response unreadable(Throwable e) {
        // the parser's message may quote the body: name the field, never repeat the value
        Matcher m = PROPERTY.matcher(String.valueOf(e.getMessage()));
        List<FieldError> errors = m.find() ? List.of(new FieldError(m.group(1), "has the wrong type or format"))
                : List.of(new FieldError("body", "is not well-formed JSON of the expected shape"));
        return Problem.response(400, "malformed-request", "The request body cannot be read", null, errors);
    }

    private Response internal(Throwable e) {
        String reference = UUID.randomUUID().toString();
        String where = request == null ? "" : request.getMethod() + " " + RequestLog.printable(request.getRequestURI()) + " ";
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference + ": " + where + describe(e));
        return Problem.response(500, "internal", "Internal error",
                "Something went wrong; nothing was changed. Reference: " + reference);
    }

    /**
     * The exception chain as types, SQL states and stack frames — never the messages, which may quote
     * personal data. At most {@link #FRAMES} frames per exception, and at most ten exceptions.
     */
    static String describe(Throwable e) {
        StringBuilder chain = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = t.getCause() == t ? null : t.getCause(), depth++) {
            chain.append(depth == 0 ? "" : "\ncaused by ").append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql) {
                chain.append(" [SQLState ").append(sql.getSQLState()).append(']');
            }
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, FRAMES); i++) {
                chain.append("\n\tat ").append(trace[i]);
            }
            if (trace.length > FRAMES) {
                chain.append("\n\t… ").append(trace.length - FRAMES).append(" more");
            }
        }
        return chain.toString();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof ProcessingException || current instanceof jakarta.ejb.EJBException
                || current instanceof jakarta.transaction.RollbackException
                || current instanceof jakarta.persistence.PersistenceException
                && !(current instanceof jakarta.persistence.OptimisticLockException)
                || current instanceof java.io.IOException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof WebApplicationException web && web.getCause() != null
                && (web.getCause() instanceof JsonbException || web.getCause() instanceof JsonParsingException)) {
            return web.getCause();
        }
        return current;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
