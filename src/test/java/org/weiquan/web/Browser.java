package org.weiquan.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
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
import java.util.List;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium,
 * with a fresh profile; nothing is downloaded. When the packages are missing and the tests run as
 * root, they are installed first (as {@code .ci/run} does).
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path profile;
    private final String base;

    public Browser(URL base, int width, int height) {
        installWhenMissing();
        // the browser may resolve no names (see --host-resolver-rules): talk to the server by its loopback address
        String url = base.toString().replaceFirst("^http://[^:/]+", "http://127.0.0.1");
        this.base = url.endsWith("/") ? url : url + "/";
        try {
            profile = Files.createTempDirectory("weiquan-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=zh-CN",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    public Browser(URL base) {
        this(base, 1366, 768);
    }

    static synchronized void installWhenMissing() {
        if (new File(CHROMEDRIVER).canExecute() && new File(CHROMIUM).canExecute()) {
            return;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive "
                    + "apt-get install -y -q chromium chromium-driver fonts-noto-cjk").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("installing chromium and chromium-driver failed: install them as root");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
        waitIdle();
    }

    /** Logs in through the login page and waits for the home page. */
    public void login(String username, String password) {
        driver.manage().deleteAllCookies();
        open("login.xhtml");
        type(By.id("username"), username);
        type(By.id("password"), password);
        driver.findElement(By.id("loginButton")).click();
        waitFor(By.id("welcome"));
    }

    public void logout() {
        click(By.id("logout"));
        waitFor(By.id("loginButton"));
    }

    public WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
                try {
                    WebElement e = d.findElement(by);
                    return e.isDisplayed() ? e : null;
                } catch (WebDriverException e) {
                    if (replacedWhileRead(e)) {
                        return null;
                    }
                    throw e;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not on the page: " + by + "; see " + screenshot("timeout-" + System.currentTimeMillis())
                    + " (page " + driver.getCurrentUrl() + ")", e);
        }
    }

    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Until PrimeFaces' ajax queue is empty and nothing is animating. */
    public void waitIdle() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return document.readyState === 'complete'"
                        + " && (!window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty())"
                        + " && (!window.jQuery || (jQuery.active === 0 && jQuery(':animated').length === 0));")));
    }

    public void type(By by, String text) {
        WebElement e = waitFor(by);
        e.clear();
        e.sendKeys(text);
    }

    /** Types and leaves the field, so that its change event (and ajax) fires. */
    public void typeAndLeave(By by, String text) {
        type(by, text);
        driver.findElement(by).sendKeys(Keys.TAB);
        waitIdle();
    }

    public void select(By by, String value) {
        new Select(waitFor(by)).selectByValue(value);
    }

    private WebElement clickable(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
                try {
                    WebElement e = d.findElement(by);
                    return e.isDisplayed() && e.isEnabled() ? e : null;
                } catch (WebDriverException e) {
                    if (replacedWhileRead(e)) {
                        return null;
                    }
                    throw e;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("nothing to click: " + by + "; see " + screenshot("timeout-" + System.currentTimeMillis())
                    + " (page " + driver.getCurrentUrl() + ")", e);
        }
    }

    /**
     * An ajax update can replace the element between finding it and reading it; Chromium then answers either
     * "stale element" or, under load, an inspector error saying the node no longer belongs to the document
     * (CI saw the second on the register button). Both mean: find it again.
     */
    static boolean replacedWhileRead(WebDriverException e) {
        return e instanceof NoSuchElementException || e instanceof StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /** Finds the element when it can be clicked and clicks it, finding it again if it was replaced meanwhile. */
    private WebElement clickReplaced(By by) {
        for (int attempt = 1; ; attempt++) {
            WebElement e = clickable(by);
            try {
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
                e.click();
                return e;
            } catch (WebDriverException ex) {
                if (attempt == 3 || !replacedWhileRead(ex)) {
                    throw ex;
                }
            }
        }
    }

    public void click(By by) {
        clickReplaced(by);
        waitIdle();
    }

    /** Clicks and waits for the next page (a non-ajax submit or a link). */
    public void clickAndLoad(By by) {
        WebElement e = clickReplaced(by);
        // gone from the page: stale, or (Chromium under load) "does not belong to the document", which
        // ExpectedConditions.stalenessOf does not take for stale and threw (CI, twice after the next page came)
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                if (replacedWhileRead(gone)) {
                    return true;
                }
                throw gone;
            }
        });
        waitIdle();
    }

    public String text(By by) {
        return waitFor(by).getText();
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public String source() {
        return driver.getPageSource();
    }

    /** Saves a screenshot under target/screenshots. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page, however long (for the README). */
    public Path fullPageScreenshot(String name) {
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        var size = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(), (int) Math.min(height + 40, 4000)));
        try {
            return screenshot(name);
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
                System.err.println("left the browser profile " + profile + " behind: " + e);
            }
        }
    }
}
