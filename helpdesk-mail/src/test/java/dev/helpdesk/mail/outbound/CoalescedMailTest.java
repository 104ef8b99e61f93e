package dev.helpdesk.mail.outbound;

import static dev.helpdesk.mail.MailTestSupport.ANA;
import static dev.helpdesk.mail.MailTestSupport.BEA;
import static dev.helpdesk.mail.MailTestSupport.CAL;
import static dev.helpdesk.mail.MailTestSupport.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.agent.GroupId;
import dev.helpdesk.common.EmailAddress;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.notification.Notification;
import dev.helpdesk.notification.NotificationId;
import dev.helpdesk.notification.NotificationKind;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.notification.Recipient;
import dev.helpdesk.ticket.Priority;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import dev.helpdesk.ticket.TicketKey;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Coalesced notifications over real SMTP: what one person is told of one ticket within the window
 * arrives as one mail, and the kinds of the notification table render in every built-in language.
 */
class CoalescedMailTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void aReplyFollowedByPendingWithinTheWindowArrivesAsOneMail() throws Exception {
    MailTestSupport f = new MailTestSupport(smtp.getSmtp().getPort());
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").build());
    f.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    f.desk.dispatchNotifications(); // the acknowledgement
    f.desk.reply(BEA, t.id(), "Which train is it?");
    f.clock.advance(Duration.ofSeconds(1));
    f.desk.changeStatus(BEA, t.id(), Status.PENDING);
    f.desk.dispatchNotifications();
    assertEquals(1, smtp.getReceivedMessages().length, "held for the window");

    f.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    f.desk.dispatchNotifications();
    MimeMessage[] got = smtp.getReceivedMessages();
    assertEquals(2, got.length, "the acknowledgement and one mail for the reply and PENDING");
    MimeMessage m = got[1];
    assertEquals("Re: [" + t.key() + "] Seat missing on booking", m.getSubject());
    String text = part(m, "text/plain");
    assertTrue(text.contains("Bea Agent replied"), text);
    assertTrue(text.contains("Which train is it?"), text);
    assertTrue(text.contains("We need a reply from you"), text);
    assertFalse(text.contains("support.example/rate"), "not solved: " + text);
    assertTrue(part(m, "text/html").contains("We need a reply from you"));
    assertEquals(0, f.outbox.undelivered());
  }

  @Test
  void anotherAgentsPriorityAndGroupChangesReachTheAssigneeAsOneMail() throws Exception {
    MailTestSupport f = new MailTestSupport(smtp.getSmtp().getPort());
    Ticket t = f.desk.open(ANA, MailTestSupport.request("c-ana").build());
    f.desk.assign(BEA, t.id(), AgentId.of("a-bea"));
    f.desk.changePriority(CAL, t.id(), Priority.URGENT);
    f.clock.advance(Duration.ofSeconds(10));
    f.desk.changeGroup(CAL, t.id(), GroupId.of("billing"));
    f.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    f.desk.dispatchNotifications();
    List<MimeMessage> toBea =
        List.of(smtp.getReceivedMessages()).stream()
            .filter(m -> recipient(m).equals("bea@desk.example"))
            .toList();
    assertEquals(1, toBea.size());
    MimeMessage m = toBea.get(0);
    assertEquals("[" + t.key() + "] Priority changed: Seat missing on booking", m.getSubject());
    String text = part(m, "text/plain");
    assertTrue(text.contains("Cal Agent changed the priority"), text);
    assertTrue(text.contains("Priority: NORMAL -> URGENT"), text);
    assertTrue(text.contains("Group: billing"), text);
    assertTrue(part(m, "text/html").contains("NORMAL &rarr; URGENT"), part(m, "text/html"));
  }

  @Test
  void everyKindOfTheTableRendersInEveryBuiltInLanguage() throws Exception {
    Map<String, Locale> languages =
        Map.of(
            "en", Locale.ENGLISH,
            "de", Locale.GERMAN,
            "fr", Locale.FRENCH,
            "es", Locale.forLanguageTag("es"),
            "it", Locale.ITALIAN);
    MailTestSupport f =
        new MailTestSupport(
            smtp.getSmtp().getPort(),
            s -> s.localeOf(r -> languages.get(r.email().value().substring(0, 2))),
            b -> b);
    List<NotificationKind> kinds =
        List.of(
            NotificationKind.CUSTOMER_REPLIED,
            NotificationKind.TICKET_REOPENED,
            NotificationKind.BAD_RATING,
            NotificationKind.PRIORITY_CHANGED,
            NotificationKind.GROUP_CHANGED,
            NotificationKind.UNASSIGNED_IN_GROUP,
            NotificationKind.TICKET_MERGED);
    int sent = 0;
    for (String lang : languages.keySet()) {
      for (NotificationKind kind : kinds) {
        Notification n =
            new Notification(
                NotificationId.random(),
                kind,
                new Recipient("Bea", EmailAddress.of(lang + "-bea@desk.example")),
                TicketId.random(),
                new TicketKey("HD-1042"),
                "Seat missing",
                Map.of(
                    Notification.AUTHOR, "Ana",
                    Notification.BODY, "Still missing.",
                    Notification.COMMENT, "Too slow.",
                    Notification.STATUS, "OPEN",
                    Notification.PREVIOUS_STATUS, "SOLVED",
                    Notification.PRIORITY, "HIGH",
                    Notification.PREVIOUS_PRIORITY, "LOW",
                    Notification.GROUP, "billing",
                    Notification.MERGED_INTO, "HD-1041"),
                Instant.parse("2026-03-02T09:00:00Z"));
        f.notifier.deliver(n);
        sent++;
        MimeMessage m = smtp.getReceivedMessages()[sent - 1];
        String html = part(m, "text/html");
        assertTrue(m.getSubject().startsWith("[HD-1042] "), kind + " " + lang);
        assertTrue(html.contains("<html lang=\"" + lang + "\">"), kind + " " + lang + ": " + html);
        String text = part(m, "text/plain");
        if (kind == NotificationKind.TICKET_MERGED) {
          assertTrue(text.contains("HD-1041"), text);
        } else {
          assertTrue(text.contains("LOW -> HIGH"), kind + " " + lang + ": " + text);
        }
      }
    }
  }

  private static String recipient(MimeMessage m) {
    try {
      return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
