package org.weiquan.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authenticates API clients by bearer token ({@code Authorization: Bearer …}, from
 * {@code POST /api/auth/token}). A protected call without a valid token answers 401 with a problem
 * document. The API takes no cookies, so cross-site requests cannot act for a logged-in browser.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    @Inject
    ApiTokens tokens;

    @Inject
    Users users;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<User> user = tokens.usernameOf(header.substring(7).strip()).flatMap(users::byUsername);
            if (user.isPresent()) {
                return context.notifyContainerAboutLogin(user.get().username(), groupsOf(user.get().roles()));
            }
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return unauthorized(response);
    }

    static Set<String> groupsOf(Set<Role> roles) {
        return (roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles)).stream()
                .map(Enum::name).collect(Collectors.toSet());
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response) {
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"weiquan\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Json.createObjectBuilder()
                    .add("type", "https://weiquan.org/problems/unauthenticated")
                    .add("title", "Log in first")
                    .add("status", 401)
                    .add("detail", "send Authorization: Bearer <token>; get a token from POST /api/auth/token")
                    .build().toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
