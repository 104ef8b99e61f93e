package dev.helpdesk.examples.booking;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import com.icegreen.greenmail.util.GreenMail;
import dev.helpdesk.common.NotFoundException;
import dev.helpdesk.examples.booking.Bookings.Booking;
import dev.helpdesk.examples.booking.Bookings.Customer;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The shop's pages, written as plain HTML: a customer's bookings, each booking's page with the
 * customer widget, the agents' page with the console, and the operator's mailbox. Everything shown
 * is escaped; the widget and the console put in what the desk returns as text themselves.
 */
@RestController
class BookingPages {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);

  private final Bookings bookings;
  private final Mailbox mailbox;

  BookingPages(Bookings bookings, GreenMail demoMail) {
    this.bookings = bookings;
    this.mailbox =
        new Mailbox(
            demoMail,
            BookingDemoApplication.SUPPORT_ADDRESS,
            address ->
                bookings.customers().stream().anyMatch(c -> c.email().equalsIgnoreCase(address)));
  }

  /** Customers see their bookings; agents go to the console, the operator to the mailbox. */
  @GetMapping("/")
  Object home(Authentication user, CsrfToken csrf) {
    if (DemoUsers.has(user, DemoUsers.AGENT)) {
      return new RedirectView("/agent");
    }
    if (DemoUsers.has(user, DemoUsers.OPERATOR)) {
      return new RedirectView("/mailbox");
    }
    Customer customer = customer(user);
    String list =
        bookings.of(customer.id()).stream()
            .map(
                b ->
                    """
                    <li><a href="/bookings/%s">%s</a><br>%s &middot; %s</li>
                    """
                        .formatted(
                            htmlEscape(b.reference()),
                            htmlEscape(b.title()),
                            htmlEscape(b.reference()),
                            htmlEscape(DATE.format(b.startsOn()))))
            .collect(Collectors.joining());
    return html(
        "Your bookings",
        "",
        user,
        csrf,
        """
        <h1>Your bookings, %s</h1>
        <p>Open a booking to ask us about it.</p>
        <ul class="bookings">
        %s</ul>
        """
            .formatted(htmlEscape(customer.name()), list));
  }

  /** One of the signed-in customer's bookings, with the widget; anyone else's is not found. */
  @GetMapping("/bookings/{reference}")
  String booking(@PathVariable("reference") String reference, Authentication user, CsrfToken csrf) {
    Booking b;
    try {
      b = bookings.ofCustomer(customer(user).id(), reference);
    } catch (NotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such booking");
    }
    String context =
        "{\"title\": %s, \"date\": %s, \"details\": %s}"
            .formatted(json(b.title()), json(b.startsOn().toString()), json(b.details()));
    return html(
        "Booking " + b.reference(),
        "<script src=\"/helpdesk/assets/helpdesk-widget.js\" defer></script>",
        user,
        csrf,
        """
        <p><a href="/">Your bookings</a></p>
        <h1>%s</h1>
        <dl>
          <dt>Booking</dt><dd>%s</dd>
          <dt>Date</dt><dd>%s</dd>
          <dt>Details</dt><dd>%s</dd>
          <dt>Price</dt><dd>&euro; %d.%02d</dd>
        </dl>
        <h2>Questions about this booking?</h2>
        <helpdesk-widget booking-reference="%s" booking-context="%s" lang="en-GB"></helpdesk-widget>
        """
            .formatted(
                htmlEscape(b.title()),
                htmlEscape(b.reference()),
                htmlEscape(DATE.format(b.startsOn())),
                htmlEscape(b.details()),
                b.priceCents() / 100,
                b.priceCents() % 100,
                htmlEscape(b.reference()),
                htmlEscape(context)));
  }

  /** The agents' page: the console. */
  @GetMapping("/agent")
  String agent(Authentication user, CsrfToken csrf) {
    return html(
        "Agent console",
        "<script src=\"/helpdesk/assets/helpdesk-console.js\" defer></script>",
        user,
        csrf,
        """
        <h1>Northwind Journeys support</h1>
        <helpdesk-console lang="en-GB" page-size="25" refresh-seconds="5"></helpdesk-console>
        """);
  }

  /** The operator's page: every mail the embedded mail server received, newest first. */
  @GetMapping("/mailbox")
  String mailbox(Authentication user, CsrfToken csrf) throws MessagingException, IOException {
    String mails =
        mailbox.mails().stream()
            .map(
                m ->
                    """
                    <li class="mail">
                      <h2>%s</h2>
                      <p>From %s to %s%s</p>
                      <pre>%s</pre>
                      %s
                    </li>
                    """
                        .formatted(
                            htmlEscape(String.valueOf(m.subject())),
                            htmlEscape(m.from()),
                            htmlEscape(m.to()),
                            m.sentAt() == null ? "" : ", " + htmlEscape(m.sentAt().toString()),
                            htmlEscape(m.text()),
                            m.answerable() ? answerForm(m.index(), csrf) : ""))
            .collect(Collectors.joining());
    return html(
        "Mailbox",
        "",
        user,
        csrf,
        """
        <h1>Mailbox</h1>
        <p>Every mail the demo's mail server received. Answer a mail to a customer as she would
        from her mail client.</p>
        <ol class="mails" reversed>
        %s</ol>
        """
            .formatted(mails.isEmpty() ? "<li>No mail yet.</li>" : mails));
  }

  /** Answers a mail to a customer as her mail client would; the desk reads it from its mailbox. */
  @PostMapping("/mailbox/{index}/answer")
  RedirectView answer(@PathVariable("index") int index, @RequestParam("body") String body)
      throws MessagingException, IOException {
    try {
      mailbox.answer(index, body);
    } catch (NotFoundException | dev.helpdesk.common.ValidationException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    return new RedirectView("/mailbox");
  }

  private static String answerForm(int index, CsrfToken csrf) {
    return """
        <form method="post" action="/mailbox/%1$d/answer">
          <input type="hidden" name="%2$s" value="%3$s">
          <label for="answer-%1$d">Answer as the customer</label>
          <textarea id="answer-%1$d" name="body" rows="3" required></textarea>
          <button type="submit">Send answer</button>
        </form>
        """
        .formatted(index, htmlEscape(csrf.getParameterName()), htmlEscape(csrf.getToken()));
  }

  private Customer customer(Authentication user) {
    return bookings.customers().stream()
        .filter(c -> c.email().equalsIgnoreCase(user.getName()))
        .findFirst()
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.FORBIDDEN, "for the shop's customers"));
  }

  private static String json(String text) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  private static String html(
      String title, String head, Authentication user, CsrfToken csrf, String main) {
    return """
        <!doctype html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>%1$s &middot; Northwind Journeys</title>
          %2$s
          <style>
            body { font-family: system-ui, sans-serif; margin: 0; color: #1f2328; }
            header { display: flex; justify-content: space-between; align-items: center;
                     padding: .75rem 2rem; background: #0a4d3c; color: #ffffff; }
            header form { margin: 0; }
            main { margin: 1rem 2rem; max-width: 72rem; }
            a { color: #0b4dbf; }
            ul.bookings li, ol.mails li { margin: .75rem 0; }
            pre { white-space: pre-wrap; background: #f6f8fa; padding: .5rem; }
            helpdesk-widget, helpdesk-console { --helpdesk-radius: 6px; }
            textarea { display: block; width: 100%%; max-width: 40rem; }
          </style>
        </head>
        <body>
          <header>
            <span>Northwind Journeys</span>
            <form method="post" action="/logout">
              <span>Signed in as %3$s</span>
              <input type="hidden" name="%4$s" value="%5$s">
              <button type="submit">Sign out</button>
            </form>
          </header>
          <main>
        %6$s
          </main>
        </body>
        </html>
        """
        .formatted(
            htmlEscape(title),
            head,
            htmlEscape(user.getName()),
            htmlEscape(csrf.getParameterName()),
            htmlEscape(csrf.getToken()),
            main);
  }
}
