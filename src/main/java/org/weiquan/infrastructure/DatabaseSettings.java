package org.weiquan.infrastructure;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is, read from MicroProfile Config: {@code WEIQUAN_DB_URL}, {@code WEIQUAN_DB_USER},
 * {@code WEIQUAN_DB_PASSWORD}; without a URL, an H2 file database under {@code WEIQUAN_DATA_DIR}.
 */
public record DatabaseSettings(String url, String user, String password, Path dataDir) {

    static final String DEFAULT_USER = "weiquan";

    public static DatabaseSettings fromConfig() {
        // the application's own class loader: its META-INF/microprofile-config.properties holds the defaults
        Config config = ConfigProvider.getConfig(DatabaseSettings.class.getClassLoader());
        Path dataDir = Path.of(config.getOptionalValue("weiquan.data.dir", String.class).orElse("./data"))
                .toAbsolutePath().normalize();
        Optional<String> url = config.getOptionalValue("weiquan.db.url", String.class);
        String user = config.getOptionalValue("weiquan.db.user", String.class).orElse(DEFAULT_USER);
        String password = config.getOptionalValue("weiquan.db.password", String.class).orElse("");
        return new DatabaseSettings(url.orElseGet(() -> embeddedUrl(dataDir)), user, password, dataDir);
    }

    /**
     * WRITE_DELAY=0: a contact answered with 201 must survive a kill -9 of the server.
     * DB_CLOSE_ON_EXIT=FALSE: the container, not H2's shutdown hook, closes the database.
     */
    static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("weiquan") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** What to tell the operator when the database cannot be used: the reason and the settings to check. */
    public String unreachableMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage().replaceAll("\\s+", " ");
        return "Weiquan cannot use its database at " + safeUrl() + ": " + reason
                + " -- check WEIQUAN_DB_URL, WEIQUAN_DB_USER and WEIQUAN_DB_PASSWORD"
                + (isEmbedded() ? " (or WEIQUAN_DATA_DIR for the embedded H2 database)" : "") + ".";
    }

    public boolean isEmbedded() {
        return url.startsWith("jdbc:h2:");
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** The URL as it may be logged: no query string or H2 settings, which may carry credentials. */
    public String safeUrl() {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut).replaceAll("//[^/@]*@", "//");
    }
}
