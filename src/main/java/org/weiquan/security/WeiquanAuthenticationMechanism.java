package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.weiquan.shared.Jsonp;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.weiquan.cluster.SharedLogins;
import org.weiquan.infrastructure.DatabaseUnavailable;
import org.weiquan.infrastructure.SecurityHeaders;
import org.weiquan.shared.InvalidInput;
import org.weiquan.shared.Unauthenticated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How Weiquan knows who is asking.
 * <ul>
 *   <li>API clients ({@code /api/*}) send {@code Authorization: Bearer …} from {@code POST /api/auth/token};
 *       the API takes no cookies, so a cross-site request cannot act for a logged-in browser.</li>
 *   <li>Browsers log in with the form at {@code /login.xhtml} ({@code POST /login}) and then carry a session:
 *       its id changes at login, it lapses after 30 idle minutes (web.xml), {@code POST /logout} ends it;
 *       both posts are refused when their Origin is another site. The session holds the user's credential
 *       version: a password change or reset, a disable or a role change ends it at the next request.</li>
 *   <li>A user whose password was reset by an administrator is not logged in by it: the session only
 *       remembers that she proved it, and {@code POST /password} (the form at {@code /login.xhtml?change})
 *       takes her new password and logs her in.</li>
 * </ul>
 * Wrong credentials and throttling are handled by {@link Authentication}, for both. Answers given here,
 * before any filter runs, carry the security headers too. In a cluster the login (not the session) is shared
 * ({@link SharedLogins}): when the browser's node dies another node opens a session for the same login.
 */
@ApplicationScoped
public class WeiquanAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_USER = "weiquan.user";
    static final String SESSION_CREDENTIALS = "weiquan.credentialVersion";
    /** A user who proved a reset password and must now choose her own (not logged in yet). */
    static final String SESSION_PENDING_CHANGE = "weiquan.passwordChange";

    @Inject
    ApiTokens tokens;

    @Inject
    Users users;

    @Inject
    Authentication authentication;

    @Inject
    PasswordChanges passwordChanges;

    @Inject
    SharedLogins sharedLogins;

    /**
     * When the database cannot serve (every login check reads it), answers 503 with Retry-After here: the
     * container would otherwise answer a bare 500.
     */
    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            return authenticate(request, response, context);
        } catch (RuntimeException e) {
            var reason = DatabaseUnavailable.in(e);
            if (reason.isEmpty()) {
                throw e;
            }
            try {
                DatabaseUnavailable.answer(request, response, reason.get());
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    private AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
                                              HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return api(request, response, context);
        }
        if ("POST".equals(request.getMethod()) && "/login".equals(path)) {
            return formLogin(request, response, context);
        }
        if ("POST".equals(request.getMethod()) && "/logout".equals(path)) {
            return logout(request, response);
        }
        if ("POST".equals(request.getMethod()) && "/password".equals(path)) {
            return changePassword(request, response, context);
        }
        HttpSession session = request.getSession(false);
        Object username = session == null ? null : session.getAttribute(SESSION_USER);
        if (username == null) {
            // the browser's node died: its login lives on in the grid
            Optional<SharedLogins.Login> shared = sharedLogins.resume(request);
            Optional<User> user = shared.flatMap(l -> users.byUsername(l.username()).filter(User::enabled)
                    .filter(u -> u.credentialVersion() == l.credentialVersion()));
            if (user.isPresent()) {
                CurrentActor.authenticated(request, actorOf(user.get(), request));
                HttpSession resumed = request.getSession(true);
                resumed.setAttribute(SESSION_USER, user.get().username());
                resumed.setAttribute(SESSION_CREDENTIALS, user.get().credentialVersion());
                sameSiteStrict(response);
                return context.notifyContainerAboutLogin(user.get().username(), groupsOf(user.get().roles()));
            }
        } else {
            Optional<User> user = users.inRequest(request, (String) username).filter(User::enabled)
                    .filter(u -> Long.valueOf(u.credentialVersion()).equals(session.getAttribute(SESSION_CREDENTIALS)));
            if (user.isPresent()) {
                CurrentActor.authenticated(request, actorOf(user.get(), request));
                sharedLogins.touch(request);
                return context.notifyContainerAboutLogin(user.get().username(), groupsOf(user.get().roles()));
            }
            // the password, the roles or the account changed since this session began: it ends here
            sharedLogins.closed(request, response);
            session.invalidate();
            if (context.isProtected()) {
                return redirect(request, response, request.getContextPath() + "/login.xhtml?error=expired");
            }
            return context.doNothing();
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return redirect(request, response, request.getContextPath() + "/login.xhtml");
    }

    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
                                     HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<ApiTokens.Holder> holder = tokens.holderOf(header.substring(7).strip());
            if (holder.isPresent()) {
                ApiTokens.Holder h = holder.get();
                CurrentActor.authenticated(request, new Actor(h.username(), h.displayName(), h.stationCode(),
                        h.stationPath(), Set.copyOf(h.roles()), request.getRemoteAddr(), h.home()));
                return context.notifyContainerAboutLogin(h.username(), groupsOf(h.roles()));
            }
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(request, response);
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpServletResponse response,
                                           HttpMessageContext context) {
        String login = request.getContextPath() + "/login.xhtml";
        if (!sameOrigin(request)) {
            return redirect(request, response, login + "?error=origin");
        }
        try {
            User user = authentication.verify(request.getParameter("username"), request.getParameter("password"),
                    request.getRemoteAddr());
            HttpSession session = freshSession(request);
            if (user.mustChangePassword()) {
                session.setAttribute(SESSION_PENDING_CHANGE, user.username());
                session.setAttribute(SESSION_CREDENTIALS, user.credentialVersion());
                sameSiteStrict(response);
                return redirect(request, response, login + "?change");
            }
            return logIn(request, response, context, session, user);
        } catch (Unauthenticated e) {
            return redirect(request, response,
                    login + (e.retryAfterSeconds() > 0 ? "?error=throttled" : "?error=credentials"));
        }
    }

    /** The new password of a user who proved her reset one at {@code POST /login} in this session. */
    private AuthenticationStatus changePassword(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String login = request.getContextPath() + "/login.xhtml";
        if (!sameOrigin(request)) {
            return redirect(request, response, login + "?error=origin");
        }
        HttpSession session = request.getSession(false);
        Object pending = session == null ? null : session.getAttribute(SESSION_PENDING_CHANGE);
        Optional<User> user = pending == null ? Optional.empty() : users.byUsername((String) pending)
                .filter(User::enabled).filter(User::mustChangePassword)
                .filter(u -> Long.valueOf(u.credentialVersion()).equals(session.getAttribute(SESSION_CREDENTIALS)));
        if (user.isEmpty()) {
            if (session != null) {
                session.invalidate();
            }
            return redirect(request, response, login + "?error=expired");
        }
        String newPassword = request.getParameter("newPassword");
        if (newPassword == null || !newPassword.equals(request.getParameter("repeatPassword"))) {
            return redirect(request, response, login + "?change&error=mismatch");
        }
        try {
            User changed = passwordChanges.replaceResetPassword(user.get().username(), newPassword,
                    request.getRemoteAddr());
            return logIn(request, response, context, freshSession(request), changed);
        } catch (InvalidInput e) {
            return redirect(request, response, login + "?change&error=weak");
        }
    }

    private AuthenticationStatus logIn(HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context, HttpSession session, User user) {
        session.setAttribute(SESSION_USER, user.username());
        session.setAttribute(SESSION_CREDENTIALS, user.credentialVersion());
        sameSiteStrict(response);
        sharedLogins.opened(request, response, new SharedLogins.Login(user.username(), user.credentialVersion()));
        context.notifyContainerAboutLogin(user.username(), groupsOf(user.roles()));
        return redirect(request, response, request.getContextPath() + "/app/");
    }

    /** A new session id whenever who is behind the session changes: no fixation. */
    private static HttpSession freshSession(HttpServletRequest request) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        return request.getSession(true);
    }

    private AuthenticationStatus logout(HttpServletRequest request, HttpServletResponse response) {
        if (sameOrigin(request)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            sharedLogins.closed(request, response);
        }
        return redirect(request, response, request.getContextPath() + "/login.xhtml?loggedOut");
    }

    /** The container's session cookie gets SameSite=Strict: browsers then never send it from another site. */
    private static void sameSiteStrict(HttpServletResponse response) {
        var cookies = java.util.List.copyOf(response.getHeaders("Set-Cookie"));
        boolean first = true;
        for (String cookie : cookies) {
            String value = cookie.startsWith("JSESSIONID=") && !cookie.contains("SameSite")
                    ? cookie + "; SameSite=Strict" : cookie;
            if (first) {
                response.setHeader("Set-Cookie", value);
                first = false;
            } else {
                response.addHeader("Set-Cookie", value);
            }
        }
    }

    /** A browser's post from another site carries that site's Origin (or Referer): refuse it (CSRF). */
    static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank() || "null".equals(origin)) {
            origin = request.getHeader("Referer");
        }
        if (origin == null || origin.isBlank()) {
            return true; // non-browser clients send neither
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            String expected = host != null ? host : request.getServerName() + ":" + request.getServerPort();
            String actual = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return actual != null && (actual.equalsIgnoreCase(expected)
                    || expected.equalsIgnoreCase(uri.getHost() + ":" + ("https".equals(uri.getScheme()) ? 443 : 80)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Set<String> groupsOf(Set<Role> roles) {
        return (roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles)).stream()
                .map(Enum::name).collect(Collectors.toSet());
    }

    private static AuthenticationStatus redirect(HttpServletRequest request, HttpServletResponse response,
                                                 String location) {
        try {
            SecurityHeaders.apply(request, response);
            response.sendRedirect(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response) {
        try {
            SecurityHeaders.apply(request, response);
            org.weiquan.infrastructure.RequestLog.answeredEarly(request, 401, "unauthenticated");
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"weiquan\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Jsonp.createObjectBuilder()
                    .add("type", "https://weiquan.org/problems/unauthenticated")
                    .add("title", "Log in first")
                    .add("status", 401)
                    .add("detail", "send Authorization: Bearer <token>; get a token from POST /api/auth/token")
                    .build().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** The user as this request's check read her, for the service to act on ({@link CurrentActor#authenticated}). */
    private static Actor actorOf(User user, HttpServletRequest request) {
        return new Actor(user.username(), user.displayName(), user.station().code(), user.station().path(),
                Set.copyOf(user.roles()), request.getRemoteAddr());
    }

}
