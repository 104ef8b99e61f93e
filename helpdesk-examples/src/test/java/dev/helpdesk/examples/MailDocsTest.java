package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.mail.MailSettings;
import dev.helpdesk.mail.inbound.ImapSettings;
import dev.helpdesk.mail.inbound.IntakeResult;
import dev.helpdesk.mail.inbound.IntakeSettings;
import dev.helpdesk.mail.inbound.MailIntake;
import dev.helpdesk.mail.outbound.MailDeliveryException;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Ticket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The set-up of docs/mail.md: built (nothing connects until mail is sent or read). */
class MailDocsTest {

  @Test
  void theProductionSettingsOfTheDocsBuildAndKeepTheSecretOutOfLogs() {
    String secret = "s3cret-" + System.nanoTime();
    MailSettings mail = MailSetup.settings(secret);
    assertEquals(MailSettings.Security.STARTTLS, mail.security());
    assertFalse(mail.toString().contains(secret), mail.toString());
    assertFalse(
        ImapSettings.of("imap.example.com", 993, "support@example.com", secret)
            .toString()
            .contains(secret));
    assertEquals("support@example.com", IntakeSettings.from(mail).supportAddress().value());
  }

  @Test
  void theStartUpCheckNamesAServerWithoutStartTls() {
    GreenMail plain = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    plain.start();
    try {
      int port = plain.getSmtp().getPort();
      MailSettings mail =
          MailSettings.builder()
              .smtp("127.0.0.1", port)
              .from("support@example.com", "Support")
              .ticketLink("https://support.example.com/tickets/{key}")
              .agentTicketLink("https://desk.example.com/tickets/{key}")
              .build();
      MailDeliveryException e =
          assertThrows(MailDeliveryException.class, () -> MailSetup.start(mail, "secret"));
      assertEquals(
          "127.0.0.1:"
              + port
              + " does not offer STARTTLS; set security NONE for a plain relay or use port 465"
              + " with SSL",
          e.getMessage());
    } finally {
      plain.stop();
    }
  }

  @Test
  void theIntakeCanRequireTheMailServersDmarcVerdict() {
    MailSettings mail =
        MailSettings.builder()
            .smtp("smtp.example.com", 587)
            .from("support@example.com", "Example Travel Support")
            .ticketLink("https://support.example.com/tickets/{key}")
            .agentTicketLink("https://desk.example.com/tickets/{key}")
            .build();
    HelpDesk desk = HelpDesk.builder().notifier(new MailNotifier(mail)).build();
    // snippet:mail-require-dmarc
    IntakeSettings settings =
        IntakeSettings.from(mail)
            // the authserv-id your mail server writes into Authentication-Results
            .requireAuthentication("mx.example.com");
    MailIntake intake = new MailIntake(desk, settings);
    // end-snippet
    assertEquals(Optional.of("mx.example.com"), settings.authservId());
    desk.open(
        Actor.customer("c-ana"),
        NewTicket.builder().requester("c-ana", "Ana", "ana@example.com").subject("Seat").build());
    // No verdict of mx.example.com: the mail is not taken as c-ana's.
    IntakeResult r = intake.process(UNAUTHENTICATED);
    assertEquals(IntakeResult.Outcome.OPENED, r.outcome());
    Ticket opened =
        desk.ticket(Actor.system(MailIntake.ACTOR), r.ticketId().orElseThrow()).ticket();
    assertEquals("mail:ana@example.com", opened.requester().id().value());
  }

  private static final byte[] UNAUTHENTICATED =
      ("From: ana@example.com\r\nSubject: Hello\r\nMessage-ID: <a1@client.example.org>\r\n\r\nHi\r\n")
          .getBytes(StandardCharsets.US_ASCII);
}
