package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.BEA;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.pending.PendingFollowUp;
import dev.helpdesk.sla.SlaPolicy;
import dev.helpdesk.sla.SlaSettings;
import dev.helpdesk.sla.calendar.BusinessCalendar;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The customer of a pending ticket receives the first and the second reminder, in the language of
 * their ticket, with the time the ticket will be solved written as their locale writes it, through
 * a desk and GreenMail on loopback.
 */
class PendingReminderMailTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** One language's reminder subjects and its auto-solve sentence. */
  private record Expected(
      String customer,
      Locale locale,
      String first,
      String second,
      String solveSentence,
      String htmlLang) {}

  private static final List<Expected> LANGUAGES =
      List.of(
          new Expected(
              "c-en",
              Locale.ENGLISH,
              "Waiting for your reply (reminder): ",
              "Still waiting for your reply (second reminder): ",
              "If we do not hear from you by Mar 2, 2026, 2:00",
              "en"),
          new Expected(
              "c-de",
              Locale.GERMAN,
              "Wir warten auf Ihre Antwort (Erinnerung): ",
              "Wir warten noch auf Ihre Antwort (zweite Erinnerung): ",
              "Wenn wir bis 02.03.2026, 14:00 MEZ nichts von Ihnen hören",
              "de"),
          new Expected(
              "c-fr",
              Locale.FRENCH,
              "En attente de votre réponse (rappel) : ",
              "Toujours en attente de votre réponse (second rappel) : ",
              "Sans nouvelles de votre part d'ici le 2 mars 2026 14:00 CET",
              "fr"),
          new Expected(
              "c-es",
              Locale.forLanguageTag("es"),
              "Esperamos su respuesta (recordatorio): ",
              "Seguimos esperando su respuesta (segundo recordatorio): ",
              "Si no recibimos noticias suyas antes del 2 mar 2026 14:00 CET",
              "es"),
          new Expected(
              "c-it",
              Locale.ITALIAN,
              "In attesa di una sua risposta (promemoria): ",
              "Ancora in attesa di una sua risposta (secondo promemoria): ",
              "Se non riceveremo sue notizie entro il 2 mar 2026, 14:00 CET",
              "it"));

  @Test
  void eachCustomerGetsBothRemindersInTheLanguageOfTheirTicket() throws Exception {
    // Mon-Fri 09:00-17:00 in Paris; the desk's clock starts Mon 2026-03-02 10:00 Paris (09:00Z).
    BusinessCalendar office =
        BusinessCalendar.builder(PARIS).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    SlaSettings sla =
        SlaSettings.builder(office)
            .policy(SlaPolicy.named("normal").resolution(Duration.ofDays(5)).build())
            .onWarning()
            .onBreach()
            .build();
    PendingFollowUp followUp =
        PendingFollowUp.builder()
            .firstReminder(Duration.ofHours(1))
            .secondReminder(Duration.ofHours(1))
            .autoSolve(Duration.ofHours(2))
            .build();
    MailTestSupport d =
        new MailTestSupport(
            smtp.getSmtp().getPort(),
            s -> s.zone(PARIS).locale(Locale.ENGLISH),
            b -> b.sla(sla).pendingFollowUp(followUp));
    List<Ticket> tickets =
        LANGUAGES.stream()
            .map(
                e -> {
                  Ticket t =
                      d.desk.open(
                          Actor.customer(e.customer()),
                          MailTestSupport.request(e.customer())
                              .locale(e.locale())
                              .acknowledge(false)
                              .build());
                  d.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
                  return d.desk.changeStatus(BEA, t.id(), Status.PENDING);
                })
            .toList();

    d.clock.set(LocalDateTime.of(2026, 3, 2, 11, 0).atZone(PARIS).toInstant());
    assertEquals(LANGUAGES.size(), d.desk.followUpPendingTickets());
    d.clock.set(LocalDateTime.of(2026, 3, 2, 12, 0).atZone(PARIS).toInstant());
    assertEquals(LANGUAGES.size(), d.desk.followUpPendingTickets());
    d.desk.dispatchNotifications();
    assertEquals(0, d.outbox.undelivered());

    for (int i = 0; i < LANGUAGES.size(); i++) {
      Expected e = LANGUAGES.get(i);
      Ticket t = tickets.get(i);
      String prefix = "[" + t.key() + "] ";
      List<MimeMessage> mails = to(e.customer() + "@example.com");
      assertEquals(3, mails.size(), e.customer() + ": pending, first and second reminder");
      for (String subject : List.of(e.first(), e.second())) {
        MimeMessage reminder = withSubject(mails, prefix + subject);
        assertEquals(prefix + subject + "Seat missing on booking", reminder.getSubject());
        String text = part(reminder, "text/plain");
        String html = part(reminder, "text/html");
        assertTrue(text.contains(e.solveSentence()), text);
        assertTrue(html.contains("<html lang=\"" + e.htmlLang() + "\">"), html);
        assertTrue(text.contains("[" + t.key() + "]"), "the ticket token survives: " + text);
        assertTrue(html.contains("display:none"), html);
        if (!e.htmlLang().equals("en")) {
          assertFalse(text.contains("waiting for your reply"), text);
        }
      }
    }
  }

  private static List<MimeMessage> to(String address) throws MessagingException {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> isTo(m, address)).toList();
  }

  private static boolean isTo(MimeMessage m, String address) {
    try {
      return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> ((InternetAddress) a).getAddress().equals(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MimeMessage withSubject(List<MimeMessage> mails, String start)
      throws MessagingException {
    for (MimeMessage m : mails) {
      if (m.getSubject().startsWith(start)) {
        return m;
      }
    }
    throw new AssertionError("no mail starting '" + start + "' among " + subjects(mails));
  }

  private static List<String> subjects(List<MimeMessage> mails) throws MessagingException {
    List<String> s = new java.util.ArrayList<>();
    for (MimeMessage m : mails) {
      s.add(m.getSubject());
    }
    return s;
  }
}
