package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The desk mails the customer through GreenMail's SMTP; the customer's mail client answers the mail
 * it got; the poller reads the support mailbox over IMAP; the answer lands on the ticket.
 */
class RoundTripTest {

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private MailTestSupport f;
  private ImapPoller poller;
  private Ticket ticket;

  @BeforeEach
  void setUp() {
    mail.setUser("support@desk.example", "support", "secret");
    mail.setUser("ana@example.com", "ana", "secret");
    f = new MailTestSupport(mail.getSmtp().getPort());
    MailIntake intake = new MailIntake(f.desk, IntakeSettings.from(f.settings));
    poller =
        new ImapPoller(
            ImapSettings.of("127.0.0.1", mail.getImap().getPort(), "support", "secret")
                .withoutSsl(),
            intake);
    ticket =
        f.desk.open(
            Actor.customer("c-ana"),
            NewTicket.builder()
                .requester("c-ana", "Ana Example", "ana@example.com")
                .subject("Seat missing on booking")
                .description("My seat reservation is not shown.")
                .build());
    f.desk.assign(MailTestSupport.BEA, ticket.id(), AgentId.of("a-bea"));
    f.desk.reply(MailTestSupport.BEA, ticket.id(), "Which train is it?");
    f.desk.changeStatus(MailTestSupport.BEA, ticket.id(), Status.PENDING);
    // The reply and PENDING go out as one mail once the coalescing window has passed.
    f.clock.advance(dev.helpdesk.notification.NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    f.desk.dispatchNotifications();
  }

  /** What Ana's mail client sends when she answers the agent's reply. */
  private void anaAnswers(String text) throws Exception {
    MimeMessage agentReply =
        List.of(mail.getReceivedMessagesForDomain("example.com")).stream()
            .filter(m -> subject(m).startsWith("Re: [" + ticket.key() + "]"))
            .findFirst()
            .orElseThrow();
    // jakarta.mail's reply() sets the subject, recipient, In-Reply-To and References as mail
    // clients do; the answer is then written in a session of its own, like a separate client.
    MimeMessage template = (MimeMessage) agentReply.reply(false);
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
    MimeMessage answer = new MimeMessage(Session.getInstance(p));
    answer.setFrom(new InternetAddress("ana@example.com", "Ana Example"));
    answer.setRecipients(RecipientType.TO, template.getRecipients(RecipientType.TO));
    answer.setSubject(template.getSubject(), "UTF-8");
    answer.setHeader("In-Reply-To", template.getHeader("In-Reply-To", null));
    answer.setHeader("References", template.getHeader("References", " "));
    answer.setText(
        text
            + "\n\nOn Mon, 2 Mar 2026 at 10:00, Example Travel Support wrote:\n"
            + "> Which train is it?\n",
        "UTF-8");
    assertEquals(
        "support@desk.example",
        ((InternetAddress) answer.getRecipients(RecipientType.TO)[0]).getAddress(),
        "the answer goes to our Reply-To");
    Transport.send(answer);
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCustomersAnswerToOurMailLandsOnItsTicketAndIsProcessedOnce() throws Exception {
    anaAnswers("It is the ICE 597 on Friday.");
    List<IntakeResult> results = poller.pollOnce();
    assertEquals(1, results.size());
    IntakeResult r = results.get(0);
    assertEquals(Outcome.REPLIED, r.outcome(), r.reason());
    assertEquals(ticket.id(), r.ticketId().orElseThrow());
    assertTrue(r.reason().startsWith("matched by thread <hd." + ticket.id()), r.reason());
    List<Message> conversation = f.desk.ticket(MailTestSupport.BEA, ticket.id()).conversation();
    Message last = conversation.get(conversation.size() - 1);
    assertEquals(Actor.customer("c-ana"), last.author());
    assertEquals("It is the ICE 597 on Friday.", last.body());
    assertEquals(
        Status.OPEN,
        f.desk.ticket(MailTestSupport.BEA, ticket.id()).ticket().status(),
        "the customer's answer reopens the pending ticket");

    assertTrue(poller.pollOnce().isEmpty(), "a processed message is not processed again");
  }
}
