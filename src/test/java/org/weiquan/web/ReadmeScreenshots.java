package org.weiquan.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes the README's screenshots from a running quick start (demo data): the supervisor's dashboard, her home
 * page with the inbox, a case file, and the home page at phone width. Not a test of the build: it runs only on
 * demand, against the address given, and writes into {@code docs/screenshots/}:
 *
 * <pre>
 * mvn -DskipTests package payara-micro:start        # in one terminal
 * mvn -o test -Dtest=ReadmeScreenshots -Dweiquan.screenshots.url=http://localhost:8080/ -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "weiquan.screenshots.url", matches = "http.*")
class ReadmeScreenshots {

    private static final String DEMO_PASSWORD = "weiquan-demo-2026";
    private static final Path DOCS = Path.of("docs", "screenshots");

    @Test
    void theSupervisorsPagesAsTheReadmeShowsThem() throws Exception {
        URL base = new URL(System.getProperty("weiquan.screenshots.url"));
        try (Browser b = new Browser(base, 1366, 800)) {
            b.login("zhuren", DEMO_PASSWORD);
            keep(b.screenshot("readme-home"), "home.png");
            b.open("app/dashboard.xhtml");
            keep(b.fullPageScreenshot("readme-dashboard"), "dashboard.png");
            b.open("app/cases.xhtml");
            var cases = b.all(By.cssSelector("a[href*='case.xhtml?number=']"));
            assertThat(cases).as("the demo network has cases to show").isNotEmpty();
            b.open(cases.get(0).getAttribute("href").replaceFirst("^.*?/app/", "app/"));
            keep(b.fullPageScreenshot("readme-case-file"), "case-file.png");
        }
        try (Browser phone = new Browser(base, 390, 844)) {
            phone.login("tiaojie", DEMO_PASSWORD);
            keep(phone.screenshot("readme-phone-home"), "phone-home.png");
        }
    }

    private static void keep(Path shot, String name) throws IOException {
        Files.createDirectories(DOCS);
        Files.copy(shot, DOCS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
