package org.weiquan.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The application as it ships ({@code target/weiquan.war}, built by {@code mvn package} before the
 * integration tests), plus the test helpers. Every integration test deploys this same archive.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive weiquan() {
        File war = new File("target/weiquan.war");
        if (!war.isFile()) {
            throw new IllegalStateException("target/weiquan.war is missing: run the integration tests with `mvn verify`");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addPackage(Deployments.class.getPackage())
                .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
    }

    /** The jar a test library was loaded from, to ship it with the in-container tests. */
    static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
