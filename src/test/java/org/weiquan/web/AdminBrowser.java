package org.weiquan.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through the system chromedriver, for the administration and audit
 * page tests: logging in through the login page, PrimeFaces widgets, ajax waits and screenshots under
 * {@code target/screenshots/admin-*.png}.
 */
final class AdminBrowser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path profile;
    private String base;

    AdminBrowser() {
        try {
            profile = Files.createTempDirectory("admin-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1366,768",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
        driver = new ChromeDriver(service, options);
    }

    AdminBrowser at(URL deployment) {
        // the browser resolves no names and reaches only the loopback address (--host-resolver-rules)
        String url = deployment.toString().replaceFirst("^http://[^:/]+", "http://127.0.0.1");
        base = url.endsWith("/") ? url : url + "/";
        return this;
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Logs in through the login page (a fresh session: earlier cookies are dropped) and waits until the
     * server has sent the browser on; the tests then open the page they are about.
     */
    void login(String username, String password) {
        if (driver.getCurrentUrl().startsWith("http")) {
            driver.manage().deleteAllCookies();
        }
        open("login.xhtml");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("loginButton")).click();
        new WebDriverWait(driver, WAIT).until(d -> !d.getCurrentUrl().contains("/login"));
        waitForPage();
    }

    /** Opens a page of the application, e.g. {@code app/admin/users.xhtml}. */
    void open(String path) {
        driver.get(base + path);
        waitForPage();
    }

    void waitForPage() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(js("return document.readyState")));
    }

    /** Waits until PrimeFaces has no ajax request running and nothing is animating. */
    void waitForAjax() {
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(js(
                "return !!window.PrimeFaces && PrimeFaces.ajax.Queue.isEmpty() && jQuery.active === 0"
                        + " && jQuery(':animated').length === 0")));
    }

    WebElement find(String id) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    boolean exists(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String text(String id) {
        return find(id).getText();
    }

    String value(String id) {
        return find(id).getDomProperty("value");
    }

    /** Replaces what a text field holds. */
    void type(String id, String text) {
        WebElement field = find(id);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    /** Clicks a PrimeFaces ajax button (or link) and waits for its answer. */
    void click(String id) {
        WebElement element = new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(id)));
        element.click();
        waitForAjax();
    }

    void clickLink(String id) {
        find(id).click();
        waitForPage();
    }

    /** Picks the item of a p:selectOneMenu whose label contains {@code text}. */
    void choose(String menuId, String text) {
        find(menuId + "_label").click();
        WebElement panel = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id(menuId + "_panel")));
        waitForAjax();
        WebElement item = panel.findElements(By.cssSelector("li.ui-selectonemenu-item")).stream()
                .filter(li -> li.getDomAttribute("data-label") != null && li.getDomAttribute("data-label").contains(text))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + text + " in " + menuId));
        // a click during the panel's opening animation can be lost: wait for the chosen label, clicking again if needed
        item.click();
        new WebDriverWait(driver, WAIT).until(d -> {
            if (find(menuId + "_label").getText().contains(text)) {
                return true;
            }
            if (item.isDisplayed()) {
                item.click();
            }
            return false;
        });
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOf(panel));
        waitForAjax();
    }

    /** Clicks the label of an item of a p:selectManyCheckbox or p:selectOneRadio. */
    void tick(String groupId, String label) {
        find(groupId).findElements(By.tagName("label")).stream().filter(l -> l.getText().strip().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no option " + label + " in " + groupId)).click();
    }

    /** The visible text of the page's main part. */
    String mainText() {
        return find("main").getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves {@code target/screenshots/admin-<name>.png}. */
    void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve("admin-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page, not only the window: the window is made as tall as the page. */
    void fullScreenshot(String name) {
        var size = driver.manage().window().getSize();
        Number height = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), Math.min(height.intValue() + 40, 6000)));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind does no harm
            }
        }
    }
}
