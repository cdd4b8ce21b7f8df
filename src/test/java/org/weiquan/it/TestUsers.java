package org.weiquan.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users for the integration tests, created through the admin API by the first administrator (whom the
 * test server gets from -Dweiquan.admin.user / -Dweiquan.admin.password, see pom.xml).
 */
public final class TestUsers {

    public static final String ADMIN = "it-admin";
    public static final String ADMIN_PASSWORD = "integration-admin-passphrase-2026";
    public static final String PASSWORD = "integration-test-passphrase";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TestUsers() {
    }

    /** A logged-in client for the admin. */
    public static synchronized Api admin(URL base) {
        String token = TOKENS.get(ADMIN);
        if (token == null) {
            token = token(base, ADMIN, ADMIN_PASSWORD);
            TOKENS.put(ADMIN, token);
        }
        return new Api(base).withToken(token);
    }

    /** A logged-in client for a user at a station with roles, created the first time it is asked for. */
    public static synchronized Api user(URL base, String username, String stationCode, String... roles) {
        String token = TOKENS.get(username);
        if (token == null) {
            ensure(base, username, stationCode, roles);
            token = token(base, username, PASSWORD);
            TOKENS.put(username, token);
        }
        return new Api(base).withToken(token);
    }

    /** Intake, mediator and supervisor of the whole county: for tests that are not about scope. */
    public static Api countyStaff(URL base) {
        return user(base, "it-county", "QX", "INTAKE", "MEDIATOR", "SUPERVISOR");
    }

    static synchronized void ensure(URL base, String username, String stationCode, String... roles) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String r : roles) {
            list.add(r);
        }
        Api.Reply reply = admin(base).post("api/admin/users", Json.createObjectBuilder().add("username", username)
                .add("displayName", "测试 " + username).add("stationCode", stationCode).add("roles", list)
                .add("password", PASSWORD).build().toString());
        if (reply.status() != 201 && reply.status() != 409) {
            throw new IllegalStateException("cannot create " + username + ": " + reply);
        }
        if (reply.status() == 409) {
            // another test class made this user: it must be the same person, or the two classes share a name
            boolean same = ((jakarta.json.JsonArray) admin(base).get("api/admin/users").jsonStructure())
                    .getValuesAs(jakarta.json.JsonObject.class).stream()
                    .anyMatch(u -> username.equals(u.getString("username")) && stationCode.equals(u.getString("stationCode")));
            if (!same) {
                throw new IllegalStateException(username + " already exists at another station: give the test's users"
                        + " names of their own");
            }
        }
    }

    private static String token(URL base, String username, String password) {
        Api.Reply reply = new Api(base).post("api/auth/token", Json.createObjectBuilder().add("username", username)
                .add("password", password).build().toString());
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + reply);
        }
        return reply.json().getString("token");
    }
}
