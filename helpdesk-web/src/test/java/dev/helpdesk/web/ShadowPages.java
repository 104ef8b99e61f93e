package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests of the widget, the console and the demo do on a page: find elements in a
 * custom element's shadow tree, wait for them, and check the page with axe-core. Shared through
 * this module's test-jar.
 */
public final class ShadowPages {

  /** How long a condition may take before the test fails. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private ShadowPages() {}

  public static SearchContext host(WebDriver browser, String host) {
    return browser.findElement(By.tagName(host)).getShadowRoot();
  }

  public static WebElement in(WebDriver browser, String host, String css) {
    return host(browser, host).findElement(By.cssSelector(css));
  }

  public static ExpectedCondition<WebElement> visible(WebDriver browser, String host, String css) {
    return d -> {
      try {
        WebElement e = in(browser, host, css);
        return e.isDisplayed() ? e : null;
      } catch (NoSuchElementException e) {
        return null;
      }
    };
  }

  public static ExpectedCondition<Boolean> text(
      WebDriver browser, String host, String css, String text) {
    return d -> {
      try {
        return in(browser, host, css).getText().contains(text);
      } catch (NoSuchElementException e) {
        return false;
      }
    };
  }

  public static ExpectedCondition<Boolean> attribute(
      WebDriver browser, String host, String css, String name, String value) {
    return d -> {
      try {
        return value.equals(in(browser, host, css).getAttribute(name));
      } catch (NoSuchElementException e) {
        return false;
      }
    };
  }

  public static <T> T waitFor(WebDriver browser, ExpectedCondition<T> condition) {
    return new WebDriverWait(browser, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  public static Object js(WebDriver browser, String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  /** axe-core over the whole page, the console's shadow tree included. */
  public static void assertAccessible(WebDriver browser, String step) {
    Results results = new AxeBuilder().analyze(browser);
    assertThat(results.isErrored()).as("axe-core ran: %s", results.getErrorMessage()).isFalse();
    assertThat(results.getPasses()).as("axe-core checked something").isNotEmpty();
    List<String> serious =
        results.getViolations().stream()
            .filter(v -> Set.of("serious", "critical").contains(v.getImpact()))
            .map(ShadowPages::describe)
            .toList();
    assertThat(serious).as("serious or critical violations on %s", step).isEmpty();
  }

  private static String describe(Rule rule) {
    return rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getHelp()
        + " at "
        + rule.getNodes().stream().map(n -> n.getHtml()).toList();
  }
}
