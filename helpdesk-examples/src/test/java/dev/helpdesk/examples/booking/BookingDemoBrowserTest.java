package dev.helpdesk.examples.booking;

import static dev.helpdesk.web.ShadowPages.assertAccessible;
import static dev.helpdesk.web.ShadowPages.attribute;
import static dev.helpdesk.web.ShadowPages.in;
import static dev.helpdesk.web.ShadowPages.text;
import static dev.helpdesk.web.ShadowPages.visible;
import static dev.helpdesk.web.ShadowPages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import dev.helpdesk.web.Chromium;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The booking demo as its users click through it, in headless Chromium: the demo started as the
 * README starts it, on a free port. A customer signs in, raises a query on her booking page through
 * the widget; an agent in a second browser finds it in the console, takes it and replies (the
 * customer sees the reply live), writes a note (the customer never sees it) and solves it; the
 * customer rates the answer; the operator reads the desk's mails in the mailbox, where a customer
 * and an agent are refused, and answers the reply as the customer, which lands on the ticket.
 * axe-core finds no serious or critical violation on any page. Screenshots go to {@code
 * helpdesk-examples/target/screenshots/}.
 */
class BookingDemoBrowserTest {

  private static final Actor BEA = Actor.agent(DemoData.BEA.id());
  private static final String WIDGET = "helpdesk-widget";
  private static final String CONSOLE = "helpdesk-console";
  private static final String REPLY = "Hello Ana, your seat is 64 in coach 7, by the window.";
  private static final String NOTE = "Checked the reservation system: seat confirmed.";
  private static final String ANSWER = "Thank you, that is the seat I wanted.";

  private static ConfigurableApplicationContext demo;
  private static String url;

  private WebDriver customer;
  private WebDriver agent;
  private WebDriver operator;

  @BeforeAll
  static void start() throws IOException {
    Chromium.require();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    demo = BookingDemoApplication.start(port);
    url = "http://localhost:" + port;
  }

  @AfterAll
  static void stopDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @AfterEach
  void stopBrowsers() {
    for (WebDriver browser : new WebDriver[] {customer, agent, operator}) {
      if (browser != null) {
        browser.quit();
      }
    }
  }

  @Test
  void aQueryIsRaisedAnsweredSolvedAndRatedAndTheMailsArriveInTheOperatorsMailbox() {
    HelpDesk desk = demo.getBean(HelpDesk.class);

    // The customer sees her bookings and raises a query on one of them through the widget.
    customer = Chromium.start();
    signIn(customer, "/", "ana@example.com", DemoUsers.PASSWORD);
    waitFor(customer, d -> d.findElement(By.linkText("ICE 597 Berlin Hbf → München Hbf"))).click();
    waitFor(customer, d -> d.findElement(By.tagName(WIDGET)));
    assertThat(customer.findElement(By.tagName("h1")).getText())
        .isEqualTo("ICE 597 Berlin Hbf → München Hbf");
    assertThat(customer.findElements(By.tagName("script"))).hasSize(1);
    waitFor(customer, visible(customer, WIDGET, "#subject")).sendKeys("Where is my seat?");
    in(customer, WIDGET, "#description").sendKeys("The app shows no seat for my train.");
    Chromium.screenshot(customer, "demo-01-booking-page");
    assertAccessible(customer, "the booking page");
    in(customer, WIDGET, "#raise").click();
    String key = waitFor(customer, visible(customer, WIDGET, "#ack-key")).getText();
    TicketId id = desk.ticket(BEA, TicketKey.parse(key)).ticket().id();
    assertThat(desk.ticket(BEA, id).ticket().bookingReference()).contains("BK-1001");
    waitFor(customer, attribute(customer, WIDGET, "#live", "data-live", "true"));
    ((JavascriptExecutor) customer).executeScript("window.__samePage = true;");
    Chromium.screenshot(customer, "demo-02-acknowledgement");
    assertAccessible(customer, "the acknowledgement");

    // The agent finds it in the console's unassigned queue, takes it and replies.
    agent = Chromium.start();
    signIn(agent, "/agent", "bea", DemoUsers.PASSWORD);
    waitFor(agent, text(agent, CONSOLE, "#unassigned", key));
    waitFor(
        agent,
        d -> {
          in(agent, CONSOLE, "#unassigned button[data-ticket='" + id + "']").click();
          return true;
        });
    waitFor(agent, text(agent, CONSOLE, "#ticket-booking", "BK-1001"));
    // What the booking page sent is in the declared fields.
    assertThat(in(agent, CONSOLE, "#field-details").getAttribute("value"))
        .contains("Coach 7, seat 64");
    Chromium.screenshot(agent, "demo-03-console-ticket");
    assertAccessible(agent, "the console");
    in(agent, CONSOLE, "#take").click();
    waitFor(agent, text(agent, CONSOLE, "#ticket-assignee", "You"));
    assertThat(desk.ticket(BEA, id).ticket().assignee()).contains(AgentId.of("a-bea"));

    // She files it: a tag, and the cause in the declared fields.
    in(agent, CONSOLE, "#tag-new").sendKeys("seat");
    in(agent, CONSOLE, "#tag-add").click();
    waitFor(agent, visible(agent, CONSOLE, "#tags li[data-tag=seat]"));
    new Select(in(agent, CONSOLE, "#field-cause")).selectByValue("seat");
    in(agent, CONSOLE, "#fields-save").click();
    waitFor(agent, d -> "seat".equals(desk.ticket(BEA, id).ticket().customFields().get("cause")));
    assertThat(desk.ticket(BEA, id).ticket().tags()).contains("seat");
    waitFor(agent, attribute(agent, CONSOLE, "#ticket-live", "data-live", "true"));
    in(agent, CONSOLE, "#compose-body").sendKeys(REPLY);
    in(agent, CONSOLE, "#send-reply").click();
    waitFor(agent, text(agent, CONSOLE, "#conversation", REPLY));

    // The customer sees the reply live, without a reload.
    waitFor(customer, text(customer, WIDGET, "#conversation", REPLY));
    assertThat(((JavascriptExecutor) customer).executeScript("return window.__samePage === true;"))
        .as("not reloaded")
        .isEqualTo(true);
    Chromium.screenshot(customer, "demo-04-reply-live");

    // The note stays with the staff.
    in(agent, CONSOLE, "#compose-body").sendKeys(NOTE);
    in(agent, CONSOLE, "#send-note").click();
    waitFor(agent, visible(agent, CONSOLE, "#conversation li.internal"));
    assertThat(desk.ticket(BEA, id).conversation())
        .filteredOn(m -> m.body().equals(NOTE))
        .singleElement()
        .extracting(Message::visibility)
        .isEqualTo(Visibility.INTERNAL);

    // Solved from the console; the widget asks for a rating, and the customer rates.
    new Select(in(agent, CONSOLE, "#status-select")).selectByValue("SOLVED");
    in(agent, CONSOLE, "#status-apply").click();
    waitFor(agent, attribute(agent, CONSOLE, "#ticket-status", "data-status", "SOLVED"));
    Chromium.screenshot(agent, "demo-05-console-solved");
    waitFor(customer, attribute(customer, WIDGET, "#status", "data-status", "SOLVED"));
    waitFor(customer, visible(customer, WIDGET, "#rating-form"));
    assertThat(in(customer, WIDGET, "#conversation").getText()).doesNotContain(NOTE);
    assertAccessible(customer, "the rating form");
    in(customer, WIDGET, "#rate-good").sendKeys(Keys.SPACE);
    in(customer, WIDGET, "#rating-comment").sendKeys("Quick and friendly.");
    in(customer, WIDGET, "#rating-send").click();
    waitFor(customer, text(customer, WIDGET, "#rated", "Thank you for your rating."));
    Chromium.screenshot(customer, "demo-06-rated");
    assertThat(desk.ticket(BEA, id).ticket().status()).isEqualTo(Status.SOLVED);
    assertThat(desk.ticket(BEA, id).history()).anyMatch(TicketEvent.Rated.class::isInstance);
    assertThat(desk.ticket(Actor.customer(DemoData.ANA.id()), id).conversation())
        .extracting(Message::body)
        .contains(REPLY)
        .doesNotContain(NOTE);

    // The customer and the agent are refused the mailbox.
    assertThat(status(customer, "/mailbox")).isEqualTo(403L);
    assertThat(status(agent, "/mailbox")).isEqualTo(403L);

    // The operator reads the desk's mails to the customer, the reply among them, never the note.
    operator = Chromium.start();
    signIn(operator, "/mailbox", "operator", DemoUsers.PASSWORD);
    waitFor(
        operator,
        d -> {
          if (d.findElement(By.tagName("main")).getText().contains(REPLY)) {
            return true;
          }
          d.navigate().refresh();
          return false;
        });
    String mails = operator.findElement(By.tagName("main")).getText();
    assertThat(mails).contains("ana@example.com", key).doesNotContain(NOTE);
    Chromium.screenshot(operator, "demo-07-mailbox");
    assertAccessible(operator, "the mailbox");
    // Staff pages are for staff: the operator has no console.
    assertThat(status(operator, "/agent")).isEqualTo(403L);

    // The operator answers the reply mail as Ana's mail client would; the desk reads it over IMAP.
    WebElement replyMail =
        operator.findElements(By.cssSelector("li.mail")).stream()
            .filter(
                m -> m.getText().contains(REPLY) && !m.findElements(By.tagName("form")).isEmpty())
            .findFirst()
            .orElseThrow();
    replyMail.findElement(By.tagName("textarea")).sendKeys(ANSWER);
    replyMail.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(operator, d -> d.findElement(By.tagName("h1")).getText().equals("Mailbox"));
    waitFor(
        operator,
        d -> desk.ticket(BEA, id).conversation().stream().anyMatch(m -> m.body().contains(ANSWER)));
  }

  @Test
  void pagesNeedASignInAndTheApiKnowsNobodyAnonymous() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String page : List.of("/", "/bookings/BK-1001", "/agent", "/mailbox")) {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url + page)).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(answer.statusCode()).as(page).isEqualTo(302);
      assertThat(answer.headers().firstValue("Location")).as(page).hasValue(url + "/login");
    }
    HttpResponse<Void> api =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/helpdesk/api/me")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(api.statusCode()).isEqualTo(401);
  }

  @Test
  void aCustomerSeesOnlyHerOwnBookings() {
    customer = Chromium.start();
    signIn(customer, "/", "ben@example.com", DemoUsers.PASSWORD);
    assertThat(customer.findElement(By.tagName("main")).getText())
        .contains("BK-2001", "BK-2002")
        .doesNotContain("BK-1001");
    assertThat(status(customer, "/bookings/BK-1001")).isEqualTo(404L);
    assertThat(status(customer, "/agent")).isEqualTo(403L);
  }

  // ------------------------------------------------------------------ helpers

  /** Opens a page of the demo, which sends the browser to its login form first. */
  private static void signIn(WebDriver browser, String page, String user, String password) {
    browser.get(url + page);
    waitFor(browser, d -> d.findElement(By.id("username"))).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(browser, d -> d.findElement(By.tagName("main")));
  }

  /** The status the page at {@code path} answers the browser's session. */
  private static Object status(WebDriver browser, String path) {
    return ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status));",
            path);
  }
}
