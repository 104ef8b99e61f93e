package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.conversation.Visibility;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.inbound.IntakeResult.Outcome;
import dev.helpdesk.notification.NotificationPolicy;
import dev.helpdesk.ticket.Cc;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A person copied on a ticket, over GreenMail's SMTP and IMAP: the agent's public reply reaches
 * them in a mail of their own, addressed to them alone; their answer to that mail lands on the
 * ticket as their public reply; someone the customer copied on a mail only, not on the ticket, is
 * still recorded as an internal note.
 */
class CcRoundTripTest {

  @RegisterExtension
  static final GreenMailExtension mail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private MailTestSupport f;
  private ImapPoller poller;
  private Ticket ticket;

  @BeforeEach
  void setUp() {
    mail.setUser("support@desk.example", "support", "secret");
    f = new MailTestSupport(mail.getSmtp().getPort());
    poller =
        new ImapPoller(
            ImapSettings.of("127.0.0.1", mail.getImap().getPort(), "support", "secret")
                .withoutSsl(),
            new MailIntake(f.desk, IntakeSettings.from(f.settings)));
    ticket =
        f.desk.open(
            MailTestSupport.ANA,
            NewTicket.builder()
                .requester("c-ana", "Ana Example", "ana@example.com")
                .subject("Seat missing on booking")
                .description("My seat reservation is not shown.")
                .build());
    f.desk.addCc(MailTestSupport.ANA, ticket.id(), Cc.of("Bo@Example.org", "Bo Berg"));
    f.desk.addCc(MailTestSupport.ANA, ticket.id(), Cc.of("li@example.net"));
    f.desk.assign(MailTestSupport.BEA, ticket.id(), AgentId.of("a-bea"));
    f.desk.note(MailTestSupport.BEA, ticket.id(), "Internal: the seat map is broken");
    f.desk.reply(MailTestSupport.BEA, ticket.id(), "Which train is it?");
    f.desk.changeStatus(MailTestSupport.BEA, ticket.id(), Status.PENDING);
    // Past the coalescing window, so that the reply mails are due.
    f.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    f.desk.dispatchNotifications();
  }

  private static List<MimeMessage> to(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> recipients(m).contains(address))
        .toList();
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      Address[] all = m.getAllRecipients();
      return all == null
          ? List.of()
          : Arrays.stream(all).map(a -> ((InternetAddress) a).getAddress()).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private MimeMessage agentReplyTo(String address) throws Exception {
    return to(address).stream()
        .filter(m -> subject(m).startsWith("Re: [" + ticket.key() + "]"))
        .findFirst()
        .orElseThrow();
  }

  /** What a mail client sends when {@code from} answers the agent's reply {@code received}. */
  private void answer(MimeMessage received, String from, String text) throws Exception {
    MimeMessage template = (MimeMessage) received.reply(false);
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
    MimeMessage answer = new MimeMessage(Session.getInstance(p));
    answer.setFrom(new InternetAddress(from, "Someone"));
    answer.setRecipients(RecipientType.TO, template.getRecipients(RecipientType.TO));
    answer.setSubject(template.getSubject(), "UTF-8");
    answer.setHeader("In-Reply-To", template.getHeader("In-Reply-To", null));
    answer.setHeader("References", template.getHeader("References", " "));
    answer.setText(text + "\n\nOn Mon, 2 Mar 2026, Example Travel Support wrote:\n> Which?\n");
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
  void eachCcGetsTheAgentsReplyInAMailAddressedToThemAloneAndNoInternalNote() throws Exception {
    MimeMessage toBo = agentReplyTo("Bo@example.org");
    assertEquals(List.of("Bo@example.org"), recipients(toBo), "no other recipient");
    assertNull(toBo.getHeader("Cc"), "no Cc header naming the others");
    assertTrue(
        MailTestSupport.part(toBo, "text/plain").contains("Which train is it?"),
        "the agent's text");
    assertEquals(List.of("li@example.net"), recipients(agentReplyTo("li@example.net")));
    assertEquals(List.of("ana@example.com"), recipients(agentReplyTo("ana@example.com")));
    for (MimeMessage m : mail.getReceivedMessages()) {
      assertFalse(
          String.valueOf(MailTestSupport.part(m, "text/plain")).contains("seat map is broken"),
          "an internal note is never mailed");
    }
  }

  @Test
  void aCcsAnswerLandsOnTheTicketAsTheirPublicReply() throws Exception {
    answer(agentReplyTo("Bo@example.org"), "bo@EXAMPLE.org", "It is the ICE 597 on Friday.");
    List<IntakeResult> results = poller.pollOnce();
    assertEquals(1, results.size());
    IntakeResult r = results.get(0);
    assertEquals(Outcome.CC_REPLIED, r.outcome(), r.reason());
    assertEquals(ticket.id(), r.ticketId().orElseThrow());
    assertFalse(r.acknowledged());
    List<Message> conversation = f.desk.ticket(MailTestSupport.ANA, ticket.id()).conversation();
    Message last = conversation.get(conversation.size() - 1);
    assertEquals(Actor.customer("mail:bo@example.org"), last.author());
    assertEquals(Visibility.PUBLIC, last.visibility());
    assertEquals("It is the ICE 597 on Friday.", last.body());
    assertEquals(
        Status.OPEN,
        f.desk.ticket(MailTestSupport.BEA, ticket.id()).ticket().status(),
        "a CC's answer reopens the pending ticket, as the customer's does");
    assertTrue(poller.pollOnce().isEmpty(), "processed once");
  }

  @Test
  void someoneCopiedOnAMailButNotOnTheTicketIsStillAnInternalNote() throws Exception {
    answer(agentReplyTo("Bo@example.org"), "eve@example.org", "Forwarded to me by Bo.");
    IntakeResult r = poller.pollOnce().get(0);
    assertEquals(Outcome.COPIED_REPLY_RECORDED, r.outcome(), r.reason());
    List<Message> conversation = f.desk.ticket(MailTestSupport.BEA, ticket.id()).conversation();
    assertEquals(Visibility.INTERNAL, conversation.get(conversation.size() - 1).visibility());
  }

  @Test
  void aRemovedCcIsNoLongerTakenAsOneNorMailed() throws Exception {
    f.desk.removeCc(
        MailTestSupport.BEA, ticket.id(), dev.helpdesk.common.EmailAddress.of("bo@example.org"));
    answer(agentReplyTo("Bo@example.org"), "Bo@example.org", "Still me.");
    assertEquals(Outcome.COPIED_REPLY_RECORDED, poller.pollOnce().get(0).outcome());
    int toBo = to("Bo@example.org").size();
    f.desk.reply(MailTestSupport.BEA, ticket.id(), "Thanks, noted.");
    // Past the coalescing window, so that the reply mails are due.
    f.clock.advance(NotificationPolicy.DEFAULT_COALESCING_WINDOW);
    f.desk.dispatchNotifications();
    assertEquals(toBo, to("Bo@example.org").size());
  }
}
