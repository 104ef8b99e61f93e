package dev.helpdesk.web;

import static dev.helpdesk.web.ShadowPages.assertAccessible;
import static dev.helpdesk.web.ShadowPages.attribute;
import static dev.helpdesk.web.ShadowPages.host;
import static dev.helpdesk.web.ShadowPages.in;
import static dev.helpdesk.web.ShadowPages.js;
import static dev.helpdesk.web.ShadowPages.text;
import static dev.helpdesk.web.ShadowPages.visible;
import static dev.helpdesk.web.ShadowPages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.Availability;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.customer.Customer;
import dev.helpdesk.customer.CustomerId;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The agent console in headless Chromium on the staff page of {@link WidgetHostApplication}, with
 * the customer's widget in a second browser: a customer raises a query about her booking, the agent
 * signs in, finds it by a word and a status (another status hides it), opens it with the keyboard,
 * sees the booking, its details and the SLA timer, takes it, replies (the widget shows the reply),
 * notes (the customer never sees the note), applies a macro, gets the customer's answer live,
 * solves the ticket and sets her availability; a ticket assigned elsewhere appears in her queue
 * live; an agent files a ticket with tags and the declared fields (a refused value is named and
 * nothing stored); a German page speaks German; axe-core finds no serious or critical violation at
 * each step. Screenshots go to {@code helpdesk-web/target/screenshots/}.
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
class ConsoleBrowserTest {

  private static final Actor SYSTEM = Actor.system("test");
  private static final Actor AGENT = Actor.agent("agent-1");
  private static final String CONSOLE = "helpdesk-console";
  private static final String WIDGET = "helpdesk-widget";
  private static final String REPLY = "Hello Ana, we have booked the assistance at Lisbon airport.";
  private static final String NOTE = "Called the airport: assistance desk confirmed by phone.";
  private static final String MACRO_REPLY =
      "Hello ana@example.com, seats for BK-5150 come at check-in.";
  private static final String ANSWER = "Thank you, and will the assistance meet me at the gate?";

  @LocalServerPort int port;
  @Autowired HelpDesk desk;

  private WebDriver agent;
  private WebDriver customer;

  @BeforeAll
  static void needsChromium() {
    Chromium.require();
  }

  @BeforeEach
  void start() {
    desk.saveAgent(SYSTEM, Agent.of("agent-1", "Alex Agent", "alex@example.com"));
    desk.saveAgent(SYSTEM, Agent.of("agent-2", "Bea Agent", "bea@example.com"));
    agent = Chromium.start();
  }

  @AfterEach
  void stop() {
    for (WebDriver browser : new WebDriver[] {agent, customer}) {
      if (browser != null) {
        browser.quit();
      }
    }
  }

  @Test
  void anAgentFindsWorksAndSolvesACustomersQueryLive() {
    // The customer raises her query through the widget on her booking page.
    customer = Chromium.start();
    signIn(customer, "/bookings/BK-5150?lang=en-GB", "ana@example.com", "ana-pw", WIDGET);
    waitFor(customer, visible(customer, WIDGET, "#subject")).sendKeys("Wheelchair at the airport");
    in(customer, WIDGET, "#description").sendKeys("I need wheelchair assistance in Lisbon.");
    in(customer, WIDGET, "#raise").click();
    String key = waitFor(customer, visible(customer, WIDGET, "#ack-key")).getText();
    TicketId id = desk.ticket(AGENT, TicketKey.parse(key)).ticket().id();
    waitFor(customer, attribute(customer, WIDGET, "#live", "data-live", "true"));

    // The agent signs in; the query waits in the unassigned queue.
    signIn(agent, "/console?lang=en-GB", "agent-1", "agent-pw", CONSOLE);
    waitFor(agent, text(agent, CONSOLE, "#unassigned", key));
    waitFor(agent, attribute(agent, CONSOLE, "#queue-live", "data-live", "true"));
    assertThat(in(agent, CONSOLE, "h2").getText()).isEqualTo("Agent console");
    assertThat(in(agent, CONSOLE, "label[for=search-text]").getText()).isEqualTo("Words");
    assertThat(in(agent, CONSOLE, "#unassigned-title").getText()).isEqualTo("Unassigned");
    assertThat(in(agent, CONSOLE, "#mine").getText()).doesNotContain(key);
    // The host themes the console with the widget's custom properties.
    assertThat(in(agent, CONSOLE, "#search-run").getCssValue("background-color"))
        .isEqualTo("rgba(26, 86, 219, 1)");
    js(
        agent,
        "document.querySelector('helpdesk-console').style"
            + ".setProperty('--helpdesk-accent', 'rgb(0, 102, 68)');");
    assertThat(in(agent, CONSOLE, "#search-run").getCssValue("background-color"))
        .isEqualTo("rgba(0, 102, 68, 1)");
    Chromium.screenshot(agent, "console-01-queues");
    assertAccessible(agent, "the queues");

    // Found by a word with status and assignee filters; another status hides it.
    in(agent, CONSOLE, "#search-text").sendKeys("wheelchair");
    new Select(in(agent, CONSOLE, "#search-status")).selectByValue("NEW");
    new Select(in(agent, CONSOLE, "#search-assignee")).selectByValue("unassigned");
    in(agent, CONSOLE, "#search-run").click();
    waitFor(agent, text(agent, CONSOLE, "#results", key));
    new Select(in(agent, CONSOLE, "#search-status")).selectByValue("SOLVED");
    in(agent, CONSOLE, "#search-run").click();
    waitFor(agent, text(agent, CONSOLE, "#results", "No tickets found."));
    assertThat(in(agent, CONSOLE, "#results").getText()).doesNotContain(key);
    new Select(in(agent, CONSOLE, "#search-status")).selectByValue("NEW");
    in(agent, CONSOLE, "#search-run").click();
    WebElement found =
        waitFor(agent, visible(agent, CONSOLE, "#results button[data-ticket='" + id + "']"));
    assertThat(found.getText()).contains(key, "Wheelchair at the airport", "BK-5150");
    Chromium.screenshot(agent, "console-02-search");
    assertAccessible(agent, "the search results");

    // Opened with the keyboard; focus moves to the ticket's heading.
    found.sendKeys(Keys.ENTER);
    waitFor(
        agent, text(agent, CONSOLE, "#ticket-title", key + " \u00b7 Wheelchair at the airport"));
    // The heading takes the focus once the SLA timers are read too, a moment after the title.
    waitFor(
        agent,
        d ->
            "ticket-title"
                .equals(
                    js(
                        agent,
                        "return document.querySelector('helpdesk-console').shadowRoot"
                            + ".activeElement.id")));
    assertThat(in(agent, CONSOLE, "#ticket-booking").getText()).isEqualTo("BK-5150");
    // The booking context the widget sent is in the declared fields' form.
    assertThat(in(agent, CONSOLE, "#field-flight").getAttribute("value")).isEqualTo("LH 123");
    assertThat(in(agent, CONSOLE, "#field-seat").getAttribute("value")).isEqualTo("none");
    assertThat(in(agent, CONSOLE, "#ticket-status").getText()).isEqualTo("New");
    assertThat(in(agent, CONSOLE, "#ticket-assignee").getText()).isEqualTo("Nobody");
    assertThat(in(agent, CONSOLE, "#sla li[data-target=FIRST_REPLY]").getText())
        .isEqualTo("First reply: Running, due 2 Mar 2026, 13:00, 4 h 0 min left");
    assertThat(in(agent, CONSOLE, "#conversation").getText())
        .contains("I need wheelchair assistance in Lisbon.");
    waitFor(agent, attribute(agent, CONSOLE, "#ticket-live", "data-live", "true"));
    js(agent, "window.__samePage = true;");
    Chromium.screenshot(agent, "console-03-ticket");
    assertAccessible(agent, "the ticket");

    // Taken: it moves to the agent's own queue.
    in(agent, CONSOLE, "#take").click();
    waitFor(agent, text(agent, CONSOLE, "#ticket-assignee", "You"));
    waitFor(agent, text(agent, CONSOLE, "#mine", key));
    assertThat(desk.ticket(AGENT, id).ticket().assignee()).contains(AgentId.of("agent-1"));

    // The reply reaches the customer's widget live.
    in(agent, CONSOLE, "#compose-body").sendKeys(REPLY);
    in(agent, CONSOLE, "#send-reply").click();
    waitFor(agent, text(agent, CONSOLE, "#conversation", REPLY));
    waitFor(customer, text(customer, WIDGET, "#conversation", REPLY));

    // The note is marked in the console and never reaches the customer.
    in(agent, CONSOLE, "#compose-body").sendKeys(NOTE);
    in(agent, CONSOLE, "#send-note").click();
    WebElement note = waitFor(agent, visible(agent, CONSOLE, "#conversation li.internal"));
    assertThat(note.getText()).contains("Internal note", NOTE);
    assertThat(desk.ticket(AGENT, id).conversation())
        .filteredOn(m -> m.body().equals(NOTE))
        .singleElement()
        .extracting(Message::visibility)
        .isEqualTo(Visibility.INTERNAL);

    // The macro answers and sets the ticket pending.
    new Select(in(agent, CONSOLE, "#macro")).selectByValue("seat-info");
    in(agent, CONSOLE, "#macro-apply").click();
    waitFor(agent, text(agent, CONSOLE, "#conversation", MACRO_REPLY));
    waitFor(agent, attribute(agent, CONSOLE, "#ticket-status", "data-status", "PENDING"));
    // The widget got the macro's reply, which came after the note, and not the note.
    waitFor(customer, text(customer, WIDGET, "#conversation", MACRO_REPLY));
    assertThat(in(customer, WIDGET, "#conversation").getText()).doesNotContain(NOTE);
    assertThat(desk.ticket(Actor.customer("ana@example.com"), id).conversation())
        .extracting(Message::body)
        .contains(REPLY, MACRO_REPLY)
        .doesNotContain(NOTE);
    Chromium.screenshot(agent, "console-04-worked");
    assertAccessible(agent, "the worked ticket");

    // The customer's answer arrives live in the console, and the ticket opens again.
    in(customer, WIDGET, "#reply").sendKeys(ANSWER);
    in(customer, WIDGET, "#reply-send").click();
    waitFor(agent, text(agent, CONSOLE, "#conversation li.customer:last-child", ANSWER));
    waitFor(agent, attribute(agent, CONSOLE, "#ticket-status", "data-status", "OPEN"));
    assertThat(in(agent, CONSOLE, "#conversation").getAttribute("aria-live")).isEqualTo("polite");
    assertThat(js(agent, "return window.__samePage === true;")).as("not reloaded").isEqualTo(true);
    Chromium.screenshot(agent, "console-05-answer-live");

    // Solved from the console.
    new Select(in(agent, CONSOLE, "#status-select")).selectByValue("SOLVED");
    in(agent, CONSOLE, "#status-apply").click();
    waitFor(agent, attribute(agent, CONSOLE, "#ticket-status", "data-status", "SOLVED"));
    assertThat(desk.ticket(AGENT, id).ticket().status()).isEqualTo(Status.SOLVED);
    waitFor(customer, attribute(customer, WIDGET, "#status", "data-status", "SOLVED"));
    waitFor(agent, d -> !in(agent, CONSOLE, "#mine").getText().contains(key));

    // A ticket assigned to the agent elsewhere appears in her queue without a reload.
    Ticket other = raise("ben@example.com", "Ben", "Lost luggage tag", "BK-5152");
    desk.assign(AGENT, other.id(), AgentId.of("agent-1"));
    waitFor(agent, text(agent, CONSOLE, "#mine", other.key().value()));

    // Away for a while.
    new Select(in(agent, CONSOLE, "#availability")).selectByValue("AWAY");
    in(agent, CONSOLE, "#availability-set").click();
    waitFor(agent, attribute(agent, CONSOLE, "#availability-state", "data-availability", "AWAY"));
    assertThat(in(agent, CONSOLE, "#availability-state").getText()).isEqualTo("Availability: Away");
    assertThat(js(agent, "return window.__samePage === true;")).as("not reloaded").isEqualTo(true);
    Chromium.screenshot(agent, "console-06-solved-away");
    assertAccessible(agent, "the solved ticket");
    desk.setAvailability(AGENT, AgentId.of("agent-1"), Availability.ONLINE);
  }

  @Test
  void anAgentFilesATicketWithTagsAndTheDeclaredFields() {
    Ticket ticket = raise("ben@example.com", "Ben", "Seat class wrong", "BK-5154");
    signIn(agent, "/console?lang=en-GB", "agent-1", "agent-pw", CONSOLE);
    waitFor(
        agent,
        d -> {
          in(agent, CONSOLE, "#unassigned button[data-ticket='" + ticket.id() + "']").click();
          return true;
        });
    waitFor(agent, text(agent, CONSOLE, "#ticket-booking", "BK-5154"));
    assertThat(in(agent, CONSOLE, "#tags").getText()).isEqualTo("No tags.");
    assertThat(in(agent, CONSOLE, "label[for=field-seat_class]").getText()).isEqualTo("Seat class");
    assertThat(new Select(in(agent, CONSOLE, "#field-seat_class")).getOptions())
        .extracting(WebElement::getText)
        .containsExactly("(none)", "economy", "business");
    assertThat(in(agent, CONSOLE, "#field-travel_date").getAttribute("type")).isEqualTo("date");

    // Two tags at once, as an agent types them; one removed again.
    in(agent, CONSOLE, "#tag-new").sendKeys("Refund, vip");
    in(agent, CONSOLE, "#tag-add").click();
    waitFor(agent, visible(agent, CONSOLE, "#tags li[data-tag=vip]"));
    assertThat(in(agent, CONSOLE, "#tags").getText()).contains("refund", "vip");
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().tags()).containsOnly("refund", "vip");
    in(agent, CONSOLE, "#tags button[data-remove-tag=vip]").click();
    waitFor(
        agent,
        d -> host(agent, CONSOLE).findElements(By.cssSelector("#tags li[data-tag=vip]")).isEmpty());
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().tags()).containsOnly("refund");

    // A number the schema refuses is named; nothing is stored.
    new Select(in(agent, CONSOLE, "#field-seat_class")).selectByValue("business");
    in(agent, CONSOLE, "#field-fare").sendKeys("1,5");
    in(agent, CONSOLE, "#fields-save").click();
    waitFor(agent, text(agent, CONSOLE, "#error", "Please check this field"));
    assertThat(in(agent, CONSOLE, "#error").getText()).contains("fare");
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().customFields())
        .doesNotContainKeys("fare", "seat_class");

    // Corrected, saved in one change, and in the ticket's history.
    in(agent, CONSOLE, "#field-fare").clear();
    in(agent, CONSOLE, "#field-fare").sendKeys("19.90");
    in(agent, CONSOLE, "#fields-save").click();
    waitFor(
        agent,
        d -> "19.90".equals(desk.ticket(AGENT, ticket.id()).ticket().customFields().get("fare")));
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().customFields())
        .containsEntry("seat_class", "business");
    Chromium.screenshot(agent, "console-08-tags-and-fields");
    assertAccessible(agent, "the tags and fields");

    // Emptied: the field is removed.
    new Select(in(agent, CONSOLE, "#field-seat_class")).selectByValue("");
    in(agent, CONSOLE, "#fields-save").click();
    waitFor(
        agent,
        d -> !desk.ticket(AGENT, ticket.id()).ticket().customFields().containsKey("seat_class"));
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().customFields())
        .containsEntry("fare", "19.90");
  }

  @Test
  void onAGermanPageTheConsoleSpeaksGerman() {
    Ticket ticket = raise("ben@example.com", "Ben", "Sitzplatz fehlt", "BK-5151");
    signIn(agent, "/console?lang=de", "agent-1", "agent-pw", CONSOLE);
    waitFor(agent, text(agent, CONSOLE, "#unassigned", ticket.key().value()));
    assertThat(in(agent, CONSOLE, "h2").getText()).isEqualTo("Agenten-Konsole");
    assertThat(in(agent, CONSOLE, "label[for=search-text]").getText()).isEqualTo("Suchbegriffe");
    assertThat(in(agent, CONSOLE, "label[for=search-assignee]").getText())
        .isEqualTo("Zugewiesen an");
    assertThat(in(agent, CONSOLE, "#search-run").getText()).isEqualTo("Suchen");
    assertThat(in(agent, CONSOLE, "#mine-title").getText()).isEqualTo("Meine Warteschlange");
    assertThat(in(agent, CONSOLE, "label[for=availability]").getText())
        .isEqualTo("Meine Verf\u00fcgbarkeit");
    // A query raised meanwhile joins the unassigned queue without a reload.
    js(agent, "window.__samePage = true;");
    Ticket later = raise("ben@example.com", "Ben", "Koffer verloren", "BK-5153");
    waitFor(agent, text(agent, CONSOLE, "#unassigned", later.key().value()));
    assertThat(js(agent, "return window.__samePage === true;")).as("not reloaded").isEqualTo(true);

    // The queue is read again every two seconds: click whichever button is there now.
    waitFor(
        agent,
        d -> {
          in(agent, CONSOLE, "#unassigned button[data-ticket='" + ticket.id() + "']").click();
          return true;
        });
    waitFor(agent, text(agent, CONSOLE, "#ticket-booking", "BK-5151"));
    assertThat(in(agent, CONSOLE, "#ticket-status").getText()).isEqualTo("Neu");
    assertThat(in(agent, CONSOLE, "#send-note").getText())
        .isEqualTo("Interne Notiz hinzuf\u00fcgen");
    assertThat(in(agent, CONSOLE, "#take").getText()).isEqualTo("Mir zuweisen");
    assertThat(in(agent, CONSOLE, "#sla li[data-target=FIRST_REPLY]").getText())
        .startsWith("Erste Antwort: L\u00e4uft, f\u00e4llig 02.03.2026, 13:00");
    Chromium.screenshot(agent, "console-07-german");
    assertAccessible(agent, "the German console");
  }

  @Test
  void anAgentCopiesSomeoneOnATicketAndRemovesThem() {
    Ticket ticket = raise("cleo@example.com", "Cleo", "Group booking seats", "BK-5154");
    signIn(agent, "/console?lang=en-GB", "agent-1", "agent-pw", CONSOLE);
    // The queue is read again every two seconds: click whichever button is there now.
    waitFor(
        agent,
        d -> {
          in(agent, CONSOLE, "#unassigned button[data-ticket='" + ticket.id() + "']").click();
          return true;
        });
    waitFor(agent, text(agent, CONSOLE, "#ccs", "Nobody is copied."));
    assertThat(in(agent, CONSOLE, "#ccs-title").getText()).isEqualTo("Copied (CC)");

    in(agent, CONSOLE, "#cc-email").sendKeys("Dan@Example.org");
    in(agent, CONSOLE, "#cc-name").sendKeys("Dan <Travel lead>");
    in(agent, CONSOLE, "#cc-add").click();
    waitFor(agent, text(agent, CONSOLE, "#ccs", "Dan <Travel lead> <Dan@example.org>"));
    assertThat(in(agent, CONSOLE, "#cc-email").getAttribute("value")).isEmpty();
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().ccs())
        .singleElement()
        .satisfies(cc -> assertThat(cc.email().value()).isEqualTo("Dan@example.org"))
        .satisfies(cc -> assertThat(cc.name()).contains("Dan <Travel lead>"));
    Chromium.screenshot(agent, "console-08-cc");
    assertAccessible(agent, "the ticket with a CC");

    // A bad address is refused by the API, naming the field; nothing changes.
    js(
        agent,
        "document.querySelector('helpdesk-console').shadowRoot"
            + ".querySelector('#cc-email').type = 'text';");
    in(agent, CONSOLE, "#cc-email").sendKeys("not an address");
    in(agent, CONSOLE, "#cc-add").click();
    waitFor(agent, text(agent, CONSOLE, "#error", "email"));
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().ccs()).hasSize(1);

    in(agent, CONSOLE, "#ccs button[data-remove-cc='Dan@example.org']").click();
    waitFor(agent, text(agent, CONSOLE, "#ccs", "Nobody is copied."));
    assertThat(desk.ticket(AGENT, ticket.id()).ticket().ccs()).isEmpty();
  }

  @Test
  void aCustomerIsToldTheConsoleIsForAgents() {
    signIn(agent, "/console", "ben@example.com", "ben-pw", CONSOLE);
    waitFor(
        agent,
        text(
            agent,
            CONSOLE,
            "#not-agent",
            "The console is for agents; you are signed in as a customer."));
    assertThat(host(agent, CONSOLE).findElements(By.cssSelector("form"))).isEmpty();
    assertAccessible(agent, "the console for a customer");
  }

  // ------------------------------------------------------------------ helpers

  private Ticket raise(String email, String name, String subject, String booking) {
    Customer requester = new Customer(CustomerId.of(email), name, EmailAddress.of(email));
    return desk.open(
        Actor.customer(email),
        NewTicket.builder()
            .requester(requester)
            .subject(subject)
            .description(subject + ", booking " + booking + ".")
            .bookingReference(booking)
            .build());
  }

  /** Opens a page of the host, which sends the browser to its login form first. */
  private void signIn(WebDriver browser, String page, String user, String password, String host) {
    browser.get("http://localhost:" + port + page);
    waitFor(browser, d -> d.findElement(By.id("username"))).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(browser, d -> d.findElement(By.tagName(host)));
  }
}
