package dev.helpdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Rating;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketDetails;
import dev.helpdesk.ticket.TicketEvent;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer widget in headless Chromium on a host page of {@link WidgetHostApplication}: the
 * customer signs in with the host's form, raises a query about her booking, sees the
 * acknowledgement, gets the agent's reply live, answers with a file, and rates the solve; axe-core
 * finds no serious or critical violation at each step; a German page speaks German. Screenshots go
 * to {@code helpdesk-web/target/screenshots/}.
 */
@SpringBootTest(
    classes = WidgetHostApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
          + "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
      "helpdesk.jobs.enabled=false",
      "helpdesk.web.base-path=/support",
    })
class WidgetBrowserTest {

  private static final Actor AGENT = Actor.agent("agent-1");
  private static final String REPLY = "Hello Ana, seat 12A is yours; it shows after check-in.";
  private static final String NOTE = "Seat map sync failed at 08:57; fixed by hand.";
  private static final String ANSWER = "Thank you! Here is my boarding pass.";

  @LocalServerPort int port;
  @Autowired HelpDesk desk;
  @TempDir Path files;

  private WebDriver browser;

  @BeforeAll
  static void needsChromium() {
    Chromium.require();
  }

  @BeforeEach
  void start() {
    desk.saveAgent(Actor.system("test"), Agent.of("agent-1", "Alex Agent", "alex@example.com"));
    browser = Chromium.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void aCustomerRaisesAQueryGetsTheReplyLiveAnswersWithAFileAndRates() throws IOException {
    signIn("/bookings/BK-4711?lang=en-GB", "ana@example.com", "ana-pw");
    WebElement raise = waitFor(visibleInWidget("#raise"));
    assertThat(raise.getText()).isEqualTo("Send query");
    assertThat(inWidget("label[for=subject]").getText()).isEqualTo("Subject");
    assertAccessible("the form to raise a query");

    // The host themes the widget with custom properties; the button follows.
    assertThat(raise.getCssValue("background-color")).isEqualTo("rgba(26, 86, 219, 1)");
    js(
        "document.querySelector('helpdesk-widget').style"
            + ".setProperty('--helpdesk-accent', 'rgb(176, 0, 32)');");
    assertThat(inWidget("#raise").getCssValue("background-color")).isEqualTo("rgba(176, 0, 32, 1)");
    Chromium.screenshot(browser, "widget-01-raise-form-themed");

    // Raised with the keyboard: type, Tab to the button, Enter.
    inWidget("#subject").sendKeys("Seat missing on my confirmation");
    inWidget("#description").sendKeys("The confirmation for LH 123 shows no seat.");
    new Actions(browser).sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();

    String key = waitFor(visibleInWidget("#ack-key")).getText();
    assertThat(key).startsWith("HD-");
    WebElement due = inWidget("#ack-due time");
    assertThat(due.getAttribute("datetime")).isEqualTo("2026-03-02T13:00:00Z");
    // English texts, dates as the page's en-GB has them, in the browser's time zone (UTC here).
    assertThat(inWidget("#ack-due").getText()).isEqualTo("We will answer by 2 Mar 2026, 13:00");
    waitFor(visibleInWidget("#suggestions li[data-article='kb-seats']"));
    assertThat(js("return document.querySelector('helpdesk-widget').shadowRoot.activeElement.id"))
        .as("focus moves to the acknowledgement")
        .isEqualTo("ack-title");
    waitFor(attributeInWidget("#live", "data-live", "true"));
    assertThat(inWidget("#status").getText()).isEqualTo("Received");
    // What the host page passed arrived with the query.
    TicketId id = desk.ticket(AGENT, TicketKey.parse(key)).ticket().id();
    assertThat(desk.ticket(AGENT, id).ticket().bookingReference()).contains("BK-4711");
    assertThat(desk.ticket(AGENT, id).ticket().customFields())
        .containsEntry("flight", "LH 123")
        .containsEntry("seat", "none");
    // Marks this page: a reload would lose the mark, so what shows later arrived live.
    js("window.__samePage = true;");
    Chromium.screenshot(browser, "widget-02-acknowledgement");
    assertAccessible("the acknowledgement and the conversation");

    // The agent notes something internal and replies; only the reply reaches the widget.
    desk.assign(AGENT, id, AgentId.of("agent-1"));
    desk.note(AGENT, id, NOTE);
    desk.reply(AGENT, id, REPLY);
    waitFor(textInWidget("#conversation", REPLY));
    waitFor(textInWidget("#status", "In progress"));
    assertThat(inWidget("#conversation").getText()).doesNotContain(NOTE);
    assertThat(inWidget("#conversation").getAttribute("aria-live")).isEqualTo("polite");
    assertThat(js("return window.__samePage === true;")).as("not reloaded").isEqualTo(true);
    Chromium.screenshot(browser, "widget-03-reply-live");

    // The customer answers with a file.
    Path pass = files.resolve("boarding-pass.txt");
    Files.writeString(pass, "LH 123 FRA-LIS seat 12A");
    inWidget("#reply").sendKeys(ANSWER);
    inWidget("#reply-files").sendKeys(pass.toAbsolutePath().toString());
    inWidget("#reply-send").click();
    waitFor(visibleInWidget("#conversation li.customer a[download='boarding-pass.txt']"));
    assertThat(inWidget("#conversation").getText()).contains(ANSWER);
    List<Message> conversation = desk.ticket(AGENT, id).conversation();
    Message answer = conversation.get(conversation.size() - 1);
    assertThat(answer.body()).isEqualTo(ANSWER);
    assertThat(answer.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.name()).isEqualTo("boarding-pass.txt");
              assertThat(a.mediaType()).isEqualTo("text/plain");
            });

    // The agent solves; the widget asks for a rating, live.
    desk.changeStatus(AGENT, id, Status.SOLVED);
    waitFor(attributeInWidget("#status", "data-status", "SOLVED"));
    waitFor(visibleInWidget("#rating-form"));
    assertThat(inWidget("#rating-form legend").getText()).isEqualTo("How did we do?");
    assertThat(js("return window.__samePage === true;")).as("not reloaded").isEqualTo(true);
    assertThat(inWidget("#suggestions button").isDisplayed()).isFalse();
    js(
        "document.querySelector('helpdesk-widget').shadowRoot"
            + ".getElementById('rating').scrollIntoView();");
    Chromium.screenshot(browser, "widget-04-solved");
    assertAccessible("the rating form");

    inWidget("#rate-good").sendKeys(Keys.SPACE);
    inWidget("#rating-comment").sendKeys("Quick and friendly.");
    inWidget("#rating-send").click();
    waitFor(textInWidget("#rated", "Thank you for your rating."));
    Chromium.screenshot(browser, "widget-05-rated");

    TicketDetails stored = desk.ticket(AGENT, id);
    TicketEvent.Rated rated =
        stored.history().stream()
            .filter(TicketEvent.Rated.class::isInstance)
            .map(TicketEvent.Rated.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(rated.rating()).isEqualTo(Rating.GOOD);
    assertThat(rated.comment()).isEqualTo("Quick and friendly.");

    // Back on the booking page later, the widget shows the same query, already rated.
    browser.navigate().refresh();
    waitFor(textInWidget("#ack-key", key));
    waitFor(textInWidget("#rated", "Thank you for your rating."));
    assertThat(inWidget("#conversation").getText()).contains(REPLY, ANSWER);

    // Closed later, a reply starts a follow-up query, which the widget then shows.
    desk.changeStatus(AGENT, id, Status.CLOSED);
    waitFor(textInWidget("#status", "Closed"));
    inWidget("#reply").sendKeys("One more thing: can I choose a window seat?");
    inWidget("#reply-send").click();
    waitFor(d -> !inWidget("#ack-key").getText().equals(key));
    String followUp = inWidget("#ack-key").getText();
    assertThat(followUp).startsWith("HD-");
    waitFor(textInWidget("#notice", "Your reply opened a new query: " + followUp + "."));
    waitFor(textInWidget("#conversation", "can I choose a window seat?"));
    waitFor(attributeInWidget("#live", "data-live", "true"));
    assertThat(desk.ticket(AGENT, TicketKey.parse(followUp)).ticket().followUpOf()).contains(id);
    Chromium.screenshot(browser, "widget-08-follow-up");
  }

  @Test
  void onAGermanPageTheWidgetSpeaksGerman() {
    signIn("/bookings/BK-4712?lang=de", "ben@example.com", "ben-pw");
    WebElement raise = waitFor(visibleInWidget("#raise"));
    assertThat(raise.getText()).isEqualTo("Anfrage senden");
    assertThat(inWidget("label[for=subject]").getText()).isEqualTo("Betreff");
    assertThat(inWidget("label[for=description]").getText()).isEqualTo("Ihre Nachricht");
    assertThat(inWidget("h2").getText()).isEqualTo("Hilfe zu Ihrer Buchung");

    inWidget("#subject").sendKeys("Sitzplatz fehlt auf meiner Bestätigung");
    inWidget("#description").sendKeys("Die Bestätigung für LH 123 zeigt keinen Sitzplatz.");
    raise.click();

    waitFor(visibleInWidget("#ack-key"));
    assertThat(inWidget("#ack-title").getText()).isEqualTo("Wir haben Ihre Anfrage erhalten");
    assertThat(inWidget("#ack-due").getText()).isEqualTo("Wir antworten bis 02.03.2026, 13:00");
    assertThat(inWidget("#status").getText()).isEqualTo("Eingegangen");
    assertThat(inWidget("#suggestions-title").getText())
        .isEqualTo("Diese Artikel beantworten Ihre Frage vielleicht schon");
    assertThat(inWidget("label[for=reply]").getText()).isEqualTo("Ihre Antwort");
    Chromium.screenshot(browser, "widget-06-german");
    assertAccessible("the German acknowledgement");

    // A suggested answer solves it; the widget asks for a rating in German.
    WebElement accept = waitFor(visibleInWidget("#suggestions button[data-article]"));
    assertThat(accept.getText()).isEqualTo("Das hat mein Problem gelöst");
    assertThat(accept.getAttribute("aria-label")).startsWith("Das hat mein Problem gelöst: ");
    accept.click();
    waitFor(textInWidget("#status", "Gelöst"));
    waitFor(visibleInWidget("#rating-form"));
    assertThat(inWidget("#rating-form legend").getText()).isEqualTo("Wie zufrieden sind Sie?");
    assertThat(inWidget("label[for=rate-good]").getText()).isEqualTo("Gut");
  }

  @Test
  void aVisitorWhoHasNotSignedInIsAskedToSignIn() {
    browser.get("http://localhost:" + port + "/public/bookings/BK-4713");
    // The script loads without a login; the API does not answer.
    waitFor(textInWidget("#sign-in", "Please sign in to contact us about your booking."));
    assertThat(ShadowPages.host(browser, WIDGET).findElements(By.cssSelector("form"))).isEmpty();
    Chromium.screenshot(browser, "widget-07-signed-out");
    assertAccessible("the widget for a visitor");
  }

  // ------------------------------------------------------------------ helpers

  /** Opens a page of the host, which sends the browser to its login form first. */
  private void signIn(String page, String user, String password) {
    browser.get("http://localhost:" + port + page);
    waitFor(d -> d.findElement(By.id("username"))).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(d -> d.findElement(By.tagName("helpdesk-widget")));
  }

  private static final String WIDGET = "helpdesk-widget";

  private WebElement inWidget(String css) {
    return ShadowPages.in(browser, WIDGET, css);
  }

  private ExpectedCondition<WebElement> visibleInWidget(String css) {
    return ShadowPages.visible(browser, WIDGET, css);
  }

  private ExpectedCondition<Boolean> textInWidget(String css, String text) {
    return ShadowPages.text(browser, WIDGET, css, text);
  }

  private ExpectedCondition<Boolean> attributeInWidget(String css, String name, String value) {
    return ShadowPages.attribute(browser, WIDGET, css, name, value);
  }

  private <T> T waitFor(ExpectedCondition<T> condition) {
    return ShadowPages.waitFor(browser, condition);
  }

  private Object js(String script) {
    return ShadowPages.js(browser, script);
  }

  /** axe-core over the whole page, the widget's shadow tree included. */
  private void assertAccessible(String step) {
    ShadowPages.assertAccessible(browser, step);
  }
}
