package dev.helpdesk.examples.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser: a customer and an agent, each in a headless Chromium of their own,
 * work one query from start to finish, and the customer rates it. Screenshots of each step go to
 * {@code helpdesk-examples/target/screenshots/}.
 */
class BookingDemoBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SUBJECT = "Seat <img src=x onerror=\"window.__xss=1\"> not shown";
  private static final String REPLY = "Hello Ana, your seat 64 is confirmed; the app shows it now.";
  private static final String NOTE = "Seat map sync failed at 08:57; fixed by hand.";

  private static BookingDemo demo;
  private static WebDriver customer;
  private static WebDriver agent;

  @BeforeAll
  static void start() {
    Chromium.require();
    demo = BookingDemo.start(0);
    customer = Chromium.start();
    agent = Chromium.start();
  }

  @AfterAll
  static void stop() {
    for (WebDriver d : new WebDriver[] {customer, agent}) {
      if (d != null) {
        d.quit();
      }
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void aCustomerRaisesAQueryTheAgentRepliesLiveSolvesItAndTheCustomerRatesIt() {
    // The agent opens the console first and waits for work.
    agent.get(demo.url().resolve("console.html").toString());
    click(agent, By.cssSelector("[data-agent='a-bea']"));
    waitFor(agent, ExpectedConditions.textToBe(By.id("queue-live"), "● live"));

    // Ana picks her train booking and raises a query.
    customer.get(demo.url().toString());
    click(customer, By.cssSelector("[data-customer='c-ana']"));
    click(customer, By.cssSelector("[data-help='BK-1001']"));
    type(customer, By.id("raise-subject"), SUBJECT);
    type(customer, By.id("raise-description"), "The app shows no seat for my ICE on Friday.");
    click(customer, By.id("raise-submit"));
    String key =
        waitFor(customer, ExpectedConditions.visibilityOfElementLocated(By.id("ack-key")))
            .getText();
    assertTrue(key.startsWith("HD-"), key);
    assertTrue(
        text(customer, By.id("ack")).contains("will answer by"), text(customer, By.id("ack")));
    waitFor(customer, ExpectedConditions.textToBe(By.id("ticket-live"), "● live"));
    waitFor(customer, ExpectedConditions.textToBe(By.id("ticket-subject"), SUBJECT));
    assertNull(js(customer, "return window.__xss;"), "the subject is shown as text, not run");
    // Instant answers from the help centre, picked for what she wrote.
    waitFor(
        customer,
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#suggestion-list [data-article='kb-seat']")));
    // Marks this page: a reload would lose the mark, so updates seen later arrived live.
    js(customer, "window.__samePage = true;");
    Chromium.screenshot(customer, "01-customer-raised-query");

    // The query appears in Bea's queue without a reload: rail questions go to her.
    By queued = By.cssSelector("#mine [data-ticket='" + key + "'] a");
    click(agent, queued);
    waitFor(agent, ExpectedConditions.textToBe(By.id("d-subject"), SUBJECT));
    waitFor(agent, ExpectedConditions.textToBe(By.id("d-live"), "● live"));
    assertTrue(text(agent, By.id("d-booking")).contains("ICE 597"), "the agent sees the booking");
    Chromium.screenshot(agent, "02-agent-queue-and-ticket");

    type(agent, By.id("compose-body"), REPLY);
    click(agent, By.id("send-reply"));
    waitFor(agent, textIn(By.id("d-conversation"), REPLY));
    type(agent, By.id("compose-body"), NOTE);
    click(agent, By.id("add-note"));
    waitFor(agent, textIn(By.cssSelector("#d-conversation .message.internal"), NOTE));
    Chromium.screenshot(agent, "03-agent-replied-and-noted");

    // Ana sees the reply arrive on the page she has open; never the note.
    waitFor(customer, textIn(By.id("conversation"), REPLY));
    assertEquals(Boolean.TRUE, js(customer, "return window.__samePage === true;"), "reloaded");
    assertFalse(customer.getPageSource().contains(NOTE), "the internal note reached the customer");
    Chromium.screenshot(customer, "04-customer-sees-reply-live");

    // Bea solves; Ana's page shows it live.
    click(agent, By.cssSelector("#d-actions [data-status='SOLVED']"));
    waitFor(
        agent,
        ExpectedConditions.attributeToBe(
            By.cssSelector("#d-status .badge"), "data-status", "SOLVED"));
    waitFor(
        customer,
        ExpectedConditions.attributeToBe(
            By.cssSelector("#ticket-status .badge"), "data-status", "SOLVED"));
    assertEquals(Boolean.TRUE, js(customer, "return window.__samePage === true;"), "reloaded");
    Chromium.screenshot(customer, "05-customer-sees-solved");

    // Ana rates the solve.
    click(customer, By.cssSelector("#rating [data-rating='GOOD']"));
    type(customer, By.id("rating-comment"), "Quick and friendly, thank you!");
    click(customer, By.id("rating-send"));
    waitFor(customer, textIn(By.id("rated"), "You rated this good"));
    Chromium.screenshot(customer, "06-customer-rated");

    // What the desk holds matches what the pages showed.
    TicketDetails stored = demo.desk().ticket(Actor.agent("a-bea"), TicketKey.parse(key));
    assertEquals(Status.SOLVED, stored.ticket().status());
    TicketEvent.Rated rated =
        stored.history().stream()
            .filter(TicketEvent.Rated.class::isInstance)
            .map(TicketEvent.Rated.class::cast)
            .findFirst()
            .orElseThrow();
    assertEquals(Rating.GOOD, rated.rating());
    assertEquals("Quick and friendly, thank you!", rated.comment());
    List<String> bodies = stored.conversation().stream().map(Message::body).toList();
    assertEquals(List.of("The app shows no seat for my ICE on Friday.", REPLY, NOTE), bodies);

    // The mails went out to the embedded server; the mailbox page shows them.
    customer.get(demo.url().resolve("mailbox.html").toString());
    waitFor(customer, textIn(By.id("mails"), "Re: [" + key + "]"));
    waitFor(customer, textIn(By.id("mails"), "[" + key + "] We received your request"));
    Chromium.screenshot(customer, "07-mailbox");
  }

  /** Clicks once the element is clickable, finding it again if the page replaced it meanwhile. */
  private static void click(WebDriver d, By by) {
    waitFor(
        d,
        driver -> {
          WebElement e = ExpectedConditions.elementToBeClickable(by).apply(driver);
          if (e == null) {
            return null;
          }
          e.click();
          return Boolean.TRUE;
        });
  }

  private static void type(WebDriver d, By by, String text) {
    WebElement e = waitFor(d, ExpectedConditions.visibilityOfElementLocated(by));
    e.clear();
    e.sendKeys(text);
  }

  private static String text(WebDriver d, By by) {
    return d.findElement(by).getText();
  }

  private static Object js(WebDriver d, String script) {
    return ((JavascriptExecutor) d).executeScript(script);
  }

  private static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> textIn(
      By by, String text) {
    return ExpectedConditions.textToBePresentInElementLocated(by, text);
  }

  private static <T> T waitFor(
      WebDriver d, org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    // The pages re-render parts as updates arrive: an element found a moment ago may be replaced.
    return new WebDriverWait(d, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }
}
