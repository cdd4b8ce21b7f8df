package org.weiquan.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.function.Function;

/**
 * Debian's headless Chromium driven through the system chromedriver, for the administration and audit
 * page tests: logging in through the login page, PrimeFaces widgets, ajax waits and screenshots under
 * {@code target/screenshots/admin-*.png}.
 */
final class AdminBrowser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Browser browser;
    private WebDriver driver;

    /** Starts the browser (once) for the deployment under test. */
    AdminBrowser at(URL deployment) {
        if (browser == null) {
            browser = new Browser(deployment);
            driver = browser.driver();
        }
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
        browser.open(path);
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
        return read(id, WebElement::getText);
    }

    String value(String id) {
        return read(id, e -> e.getDomProperty("value"));
    }

    /** Waits until the element's text is no longer {@code before} (an ajax answer that updates it has come). */
    void waitForChange(String id, String before) {
        new WebDriverWait(driver, WAIT).until(d -> !before.equals(text(id)));
    }

    /**
     * Reads an element, finding it again when an ajax update replaced it between finding and reading (a field's
     * delayed keyup answer can come after a button's; CI saw "stale element" reading the users' table).
     */
    private String read(String id, Function<WebElement, String> what) {
        for (int attempt = 1; ; attempt++) {
            try {
                return what.apply(find(id));
            } catch (WebDriverException e) {
                if (attempt == 3 || !Browser.replacedWhileRead(e)) {
                    throw e;
                }
            }
        }
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
        browser.screenshot("admin-" + name);
    }

    /** A screenshot of the whole page, not only the window. */
    void fullScreenshot(String name) {
        browser.fullPageScreenshot("admin-" + name);
    }

    @Override
    public void close() {
        if (browser != null) {
            browser.close();
        }
    }
}
