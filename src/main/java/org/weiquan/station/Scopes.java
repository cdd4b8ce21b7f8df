package org.weiquan.station;

import java.util.regex.Pattern;

/**
 * A user's scope (a station and every station below it) as a condition of a JPQL query, with the scope's path written
 * into the statement's text rather than passed as a parameter.
 *
 * <p>Why: PostgreSQL plans a statement the driver has prepared once for any value after its fifth execution on a
 * connection, if that generic plan looks no dearer than the plans made for the values. For {@code path LIKE ?} it
 * guesses a few stations, so the plan joins each station's cases one by one through an index: right for a village,
 * seconds for a county (a county's case list at a million cases counted them in 4 s, where the plan made for its own
 * path takes 0.35 s). With the path in the text every scope has its own statement, planned for how much of the
 * network it is. A path is ids between slashes ({@link Station}), so nothing else can reach the statement.
 */
public final class Scopes {

    private static final Pattern PATH = Pattern.compile("/(?:[0-9]+/)*");

    private Scopes() {
    }

    /**
     * The JPQL condition that {@code pathExpression} (a station's path in the query, e.g. {@code c.station.path}) lies
     * within {@code scopePath}: EclipseLink's {@code SQL} operator, which writes its text into the statement.
     */
    public static String within(String pathExpression, String scopePath) {
        if (scopePath == null || !PATH.matcher(scopePath).matches()) {
            throw new IllegalArgumentException("a station's path is its ids between slashes");
        }
        return "SQL('? LIKE ''" + scopePath + "%''', " + pathExpression + ")";
    }
}
