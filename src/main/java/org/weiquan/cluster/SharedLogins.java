package org.weiquan.cluster;

import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A browser's login, shared by the nodes of a cluster so that it survives the loss of the node that
 * holds the browser's session.
 *
 * <p>The web session itself stays on its node: its Faces view state and page beans hold what the page
 * showed, personal data included, which must not travel the grid. What the grid holds is the login alone:
 * {@code SHA-256(token) → user name}, idle for at most 30 minutes like the session. The token (256 random
 * bits) lives in an HttpOnly, SameSite=Strict cookie; a node that does not know the browser's session finds
 * the login by it and opens a new session for the same user. Logging out removes it everywhere. On a single
 * node (no {@code WEIQUAN_CLUSTER}) nothing is shared and the session alone carries the login.
 */
@ApplicationScoped
public class SharedLogins {

    static final String COOKIE = "WEIQUAN_LOGIN";
    static final String MAP = "weiquan-logins";
    static final Duration IDLE = Duration.ofMinutes(30);
    /** However active, a login is not resumed by another node after this long; the user logs in again. */
    static final Duration LIFETIME = Duration.ofHours(12);
    /** The grid's idle clock is reset at most this often, not on every page request. */
    static final Duration TOUCH = Duration.ofMinutes(1);
    private static final String TOUCHED = "weiquan.login.touched";
    private static final Logger LOG = Logger.getLogger(SharedLogins.class.getName());

    private final SecureRandom random = new SecureRandom();

    @Inject
    DataGrid grid;

    /**
     * A login as the grid holds it: the user and the credential version she logged in with, so that a password
     * change, a disable or a role change ends the login on every node as it ends the session.
     */
    public record Login(String username, long credentialVersion) {

        String stored() {
            return credentialVersion + ":" + username;
        }

        static Login of(String stored) {
            int colon = stored.indexOf(':');
            return new Login(stored.substring(colon + 1), Long.parseLong(stored.substring(0, colon)));
        }
    }

    /** After a successful form login: records the login in the grid and gives the browser its token. */
    public void opened(HttpServletRequest request, HttpServletResponse response, Login login) {
        Optional<IMap<String, String>> logins = logins();
        if (logins.isEmpty()) {
            return;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            logins.get().put(hash(token), login.stored(), LIFETIME.toSeconds(), TimeUnit.SECONDS, IDLE.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.warning("The login could not be shared with the other nodes (" + e.getClass().getSimpleName()
                    + "); it lasts as long as this node's session");
            return;
        }
        response.addHeader("Set-Cookie", cookie(request, token, false));
        markTouched(request.getSession(false));
    }

    /** The login opened on another node, when the browser brings its token and it is still live. */
    public Optional<Login> resume(HttpServletRequest request) {
        Optional<String> token = token(request);
        Optional<IMap<String, String>> logins = logins();
        if (token.isEmpty() || logins.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(logins.get().get(hash(token.get()))).map(Login::of);
        } catch (RuntimeException e) {
            LOG.warning("The shared logins cannot be read now (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** A request in a live session: keeps the shared login as fresh as the session (at most once a minute). */
    public void touch(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Optional<String> token = token(request);
        if (session == null || token.isEmpty()) {
            return;
        }
        Object touched = session.getAttribute(TOUCHED);
        long now = System.currentTimeMillis();
        if (touched instanceof Long at && now - at < TOUCH.toMillis()) {
            return;
        }
        logins().ifPresent(map -> {
            try {
                map.get(hash(token.get()));
            } catch (RuntimeException e) {
                LOG.fine("shared login not touched: " + e.getClass().getSimpleName());
            }
        });
        markTouched(session);
    }

    /** At logout: the login ends on every node, and the browser forgets its token. */
    public void closed(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            return;
        }
        logins().ifPresent(map -> {
            try {
                map.delete(hash(token.get()));
            } catch (RuntimeException e) {
                LOG.warning("The shared login could not be removed (" + e.getClass().getSimpleName()
                        + "); it lapses after " + IDLE.toMinutes() + " idle minutes");
            }
        });
        response.addHeader("Set-Cookie", cookie(request, "", true));
    }

    private Optional<IMap<String, String>> logins() {
        return grid.map(MAP);
    }

    private static void markTouched(HttpSession session) {
        if (session != null) {
            session.setAttribute(TOUCHED, System.currentTimeMillis());
        }
    }

    private static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName()) && c.getValue() != null && c.getValue().length() == 43) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    private static String cookie(HttpServletRequest request, String value, boolean expire) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return COOKIE + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                + (request.isSecure() ? "; Secure" : "") + (expire ? "; Max-Age=0" : "");
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
