package dev.helpdesk.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven by
 * Selenium through the given chromedriver, so Selenium Manager never downloads a browser or driver.
 * Without them the browser tests are skipped with a message, except with {@code CI=true}, where
 * {@code .ci/run} installs them and their absence fails the build.
 */
public final class Chromium {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Chromium() {}

  /** Skips (or, on CI, fails) the calling test when the browser or its driver is missing. */
  public static void require() {
    String missing =
        !Files.isExecutable(BROWSER)
            ? BROWSER.toString()
            : !Files.isExecutable(DRIVER) ? DRIVER.toString() : null;
    if (missing == null) {
      return;
    }
    String message =
        missing
            + " is missing; install Debian's browser and driver with"
            + " `apt-get install -y chromium chromium-driver` (.ci/run does)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true and " + message);
    }
    Assumptions.abort(message);
  }

  /** A new headless browser with its own profile (cookies), 1280 x 900, in UTC. */
  public static WebDriver start() {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            // Times on the pages are the browser's local time: UTC, so tests can name them.
            .withEnvironment(Map.of("TZ", "UTC"))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=en-GB");
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  public static Path screenshot(WebDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path to = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
