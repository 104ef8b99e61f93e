package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.BEA;
import static dev.helpdesk.mail.MailTestSupport.CAL;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customers who read French, Spanish and Italian get their mails in their language, with the
 * promised time written as their locale writes it, through a desk and GreenMail on loopback.
 */
class LocalizedMailTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** What each language must say; the promised time is 2 business hours after 10:00 Paris. */
  private record Expected(
      String customer,
      Locale locale,
      String received,
      String promise,
      String pending,
      String solved,
      String htmlLang) {}

  private static final List<Expected> LANGUAGES =
      List.of(
          new Expected(
              "c-fr",
              Locale.FRENCH,
              "Nous avons bien reçu votre demande : ",
              "Nous vous répondrons au plus tard le 2 mars 2026 12:00 CET.",
              "En attente de votre réponse : ",
              "Demande résolue : ",
              "fr"),
          new Expected(
              "c-es",
              Locale.forLanguageTag("es"),
              "Hemos recibido su solicitud: ",
              "Le responderemos a más tardar el 2 mar 2026 12:00 CET.",
              "Esperamos su respuesta: ",
              "Solicitud resuelta: ",
              "es"),
          new Expected(
              "c-it",
              Locale.ITALIAN,
              "Abbiamo ricevuto la sua richiesta: ",
              "Le risponderemo entro il 2 mar 2026, 12:00 CET.",
              "In attesa di una sua risposta: ",
              "Richiesta risolta: ",
              "it"));

  /** The recipient's language, as an application would look it up in its customer records. */
  private static Locale localeOf(Recipient r) {
    return LANGUAGES.stream()
        .filter(e -> r.email().value().startsWith(e.customer() + "@"))
        .map(Expected::locale)
        .findFirst()
        .orElse(Locale.ENGLISH);
  }

  private MailTestSupport desk() {
    // Mon-Fri 09:00-17:00 in Paris; the desk's clock starts Mon 2026-03-02 10:00 Paris (09:00Z).
    BusinessCalendar office =
        BusinessCalendar.builder(PARIS).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    SlaSettings sla =
        SlaSettings.builder(office)
            .policy(SlaPolicy.named("normal").firstReply(Duration.ofHours(2)).build())
            .build();
    return new MailTestSupport(
        smtp.getSmtp().getPort(),
        s -> s.zone(PARIS).localeOf(LocalizedMailTest::localeOf),
        b -> b.sla(sla));
  }

  @Test
  void eachCustomerGetsTheAcknowledgementAndStatusMailsInTheirLanguageWithTheirDateFormat()
      throws Exception {
    MailTestSupport d = desk();
    Map<String, Ticket> tickets = new HashMap<>();
    for (Expected e : LANGUAGES) {
      Ticket t =
          d.desk.open(Actor.customer(e.customer()), MailTestSupport.request(e.customer()).build());
      d.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
      d.desk.changeStatus(BEA, t.id(), Status.PENDING);
      tickets.put(e.customer(), t);
    }
    // Solved two minutes later: further apart than the coalescing window, so a mail of its own.
    d.clock.advance(Duration.ofMinutes(2));
    for (Ticket t : tickets.values()) {
      d.desk.changeStatus(BEA, t.id(), Status.SOLVED);
    }
    d.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    d.desk.dispatchNotifications();
    assertEquals(0, d.outbox.undelivered());

    for (Expected e : LANGUAGES) {
      Ticket t = tickets.get(e.customer());
      String prefix = "[" + t.key() + "] ";
      List<MimeMessage> mails = to(e.customer() + "@example.com");
      assertEquals(3, mails.size(), e.customer() + ": acknowledgement, pending, solved");

      MimeMessage ack = withSubject(mails, prefix + e.received());
      assertEquals(prefix + e.received() + "Seat missing on booking", ack.getSubject());
      String text = part(ack, "text/plain");
      String html = part(ack, "text/html");
      assertTrue(text.contains(e.promise()), text);
      assertTrue(html.contains(e.promise()), html);
      assertTrue(html.contains("<html lang=\"" + e.htmlLang() + "\">"), html);
      assertFalse(text.contains("You will hear from us"), text);
      assertFalse(text.contains("Mar 2, 2026"), "the English date format: " + text);
      // The ticket number instruction and the token the intake matches replies by survive.
      assertTrue(text.contains("[" + t.key() + "]"), text);
      assertTrue(html.contains("display:none"), html);

      MimeMessage pending = withSubject(mails, prefix + e.pending());
      assertEquals(prefix + e.pending() + "Seat missing on booking", pending.getSubject());
      assertTrue(part(pending, "text/html").contains("<html lang=\"" + e.htmlLang() + "\">"));
      assertFalse(part(pending, "text/plain").contains("support.example/rate"));

      MimeMessage solved = withSubject(mails, prefix + e.solved());
      assertEquals(prefix + e.solved() + "Seat missing on booking", solved.getSubject());
      String rate = "https://support.example/rate/" + t.id();
      assertTrue(part(solved, "text/plain").contains(rate), part(solved, "text/plain"));
      assertTrue(part(solved, "text/html").contains("href=\"" + rate + "\""));
    }
  }

  @Test
  void theTicketsLocaleChoosesTheCustomersLanguageWhileTheAgentKeepsTheirs() throws Exception {
    // The application writes to everyone in English unless told otherwise; the customer opened
    // the ticket in Swiss French, and an unknown customer in Portuguese, which has no templates.
    MailTestSupport d =
        new MailTestSupport(
            smtp.getSmtp().getPort(), s -> s.zone(PARIS).locale(Locale.ENGLISH), b -> b);
    Ticket fr =
        d.desk.open(
            Actor.customer("c-chf"),
            MailTestSupport.request("c-chf").locale(Locale.forLanguageTag("fr-CH")).build());
    Ticket pt =
        d.desk.open(
            Actor.customer("c-pt"),
            MailTestSupport.request("c-pt").locale(Locale.forLanguageTag("pt-BR")).build());
    d.desk.assign(CAL, fr.id(), AgentId.of("a-bea"));
    d.desk.changeStatus(BEA, fr.id(), Status.PENDING);
    d.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    d.desk.dispatchNotifications();
    assertEquals(0, d.outbox.undelivered());

    String prefix = "[" + fr.key() + "] ";
    List<MimeMessage> customer = to("c-chf@example.com");
    assertEquals(2, customer.size(), "acknowledgement and pending");
    MimeMessage ack = withSubject(customer, prefix + "Nous avons bien reçu votre demande : ");
    assertTrue(part(ack, "text/html").contains("<html lang=\"fr\">"));
    assertFalse(part(ack, "text/plain").contains("We have received"), part(ack, "text/plain"));
    withSubject(customer, prefix + "En attente de votre réponse : ");

    MimeMessage assigned = to("bea@desk.example").get(0);
    assertTrue(
        part(assigned, "text/html").contains("<html lang=\"en\">"),
        "the agent reads the application's language: " + part(assigned, "text/html"));

    MimeMessage portuguese = to("c-pt@example.com").get(0);
    assertTrue(
        part(portuguese, "text/html").contains("<html lang=\"en\">"),
        "a language without templates falls back to the built-in English");
  }

  @Test
  void eachLanguageWordsTheStatusSentencesInItsOwnWords() throws Exception {
    MailTestSupport d = desk();
    Map<String, Ticket> tickets = new HashMap<>();
    for (Expected e : LANGUAGES) {
      Ticket t =
          d.desk.open(Actor.customer(e.customer()), MailTestSupport.request(e.customer()).build());
      d.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
      d.desk.changeStatus(BEA, t.id(), Status.PENDING);
      tickets.put(e.customer(), t);
    }
    d.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    d.desk.dispatchNotifications();
    Map<String, String> pendingSentence =
        Map.of(
            "c-fr", "nous avons besoin d'une réponse de votre part",
            "c-es", "necesitamos que nos responda",
            "c-it", "abbiamo bisogno di una sua risposta");
    for (Expected e : LANGUAGES) {
      List<MimeMessage> mails = to(e.customer() + "@example.com");
      String text =
          part(
              withSubject(mails, "[" + tickets.get(e.customer()).key() + "] " + e.pending()),
              "text/plain");
      assertTrue(text.contains(pendingSentence.get(e.customer())), text);
      assertFalse(text.contains("we need a reply from you"), text);
    }
  }

  @Test
  void agentsReadingFrenchSpanishOrItalianGetTheSlaWarningInTheirLanguage() throws Exception {
    Map<Locale, String> subjects =
        Map.of(
            Locale.FRENCH,
            "[HD-42] Alerte SLA, échéance proche (première réponse) : Seat",
            Locale.forLanguageTag("es"),
            "[HD-42] Aviso de SLA, primera respuesta a punto de vencer: Seat",
            Locale.ITALIAN,
            "[HD-42] Avviso SLA, prima risposta in scadenza: Seat");
    Map<Locale, String> due =
        Map.of(
            Locale.FRENCH,
            "(le 2 mars 2026 14:00 CET)",
            Locale.forLanguageTag("es"),
            "(el 2 mar 2026 14:00 CET)",
            Locale.ITALIAN,
            "(entro il 2 mar 2026, 14:00 CET)");
    for (Locale locale : subjects.keySet()) {
      MailTestSupport d =
          new MailTestSupport(smtp.getSmtp().getPort(), s -> s.zone(PARIS).locale(locale), b -> b);
      d.notifier.deliver(
          new Notification(
              NotificationId.random(),
              NotificationKind.SLA_WARNING,
              new Recipient("Bea Agent", EmailAddress.of("bea-" + locale + "@desk.example")),
              TicketId.random(),
              new TicketKey("HD-42"),
              "Seat",
              Map.of(
                  Notification.SLA_TARGET, "FIRST_REPLY",
                  Notification.SLA_DUE, "2026-03-02T13:00:00Z"),
              Instant.parse("2026-03-02T12:00:00Z")));
      MimeMessage m = to("bea-" + locale + "@desk.example").get(0);
      assertEquals(subjects.get(locale), m.getSubject());
      String text = part(m, "text/plain");
      assertTrue(text.contains(due.get(locale)), text);
      assertTrue(text.contains("https://desk.example/console/tickets/"), text);
    }
  }

  private static List<MimeMessage> to(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> address.equals(recipient(m)))
        .toList();
  }

  private static String recipient(MimeMessage m) {
    try {
      return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one mail whose subject starts so; the order of arrival is not the order of sending. */
  private static MimeMessage withSubject(List<MimeMessage> mails, String start) {
    List<MimeMessage> found =
        mails.stream()
            .filter(
                m -> {
                  try {
                    return m.getSubject().startsWith(start);
                  } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertEquals(1, found.size(), "one mail starting " + start);
    return found.get(0);
  }
}
