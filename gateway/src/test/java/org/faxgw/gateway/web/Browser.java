package org.faxgw.gateway.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver (both from the packages {@code chromium}
 * and {@code chromium-driver}; nothing is downloaded), with a fresh profile and a download folder.
 * One instance is shared by the cases of a test class: starting Chromium costs about a second.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final WebDriver driver;
  final Path downloads;
  private final String base;

  /** Whether the Debian packages are installed (the tests skip, saying so, when not). */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * @param base the console's URL, e.g. {@code http://127.0.0.1:8080/}
   * @param dir a scratch folder for the profile and the downloads
   */
  Browser(String base, Path dir) throws Exception {
    this.base = base;
    this.downloads = Files.createDirectories(dir.resolve("downloads"));
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox", // root runs the tests in CI
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "download.directory_upgrade", true));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  /** Loads the console at {@code hash} (e.g. {@code #/queue}): a real page load. */
  void load(String hash) {
    driver.get(base + hash);
  }

  /** Moves to {@code hash} inside the loaded console, as a click on a link does (no reload). */
  void go(String hash) {
    js("location.hash = arguments[0];", hash);
  }

  /** Turns the browser's HTTP cache on or off (DevTools' Network.setCacheDisabled). */
  void cache(boolean on) {
    ((ChromeDriver) driver)
        .executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", !on));
  }

  /** Saves what the browser shows now as a PNG. */
  void screenshot(Path file) throws java.io.IOException {
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Runs an async script (its last argument is the callback) and returns what it passes on. */
  Object jsAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Waits (at most {@code seconds}) until {@code condition} gives a non-null, non-false value. */
  <T> T await(long seconds, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50))
        .withMessage(() -> what + "; the page shows:\n" + text())
        .until(condition);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The visible text of the page, for failure messages. */
  String text() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(no page: " + e + ")";
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
