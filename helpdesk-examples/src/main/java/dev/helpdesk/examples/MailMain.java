package dev.helpdesk.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.helpdesk.HelpDesk;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.mail.inbound.ImapPoller;
import dev.helpdesk.mail.inbound.IntakeResult;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketDetails;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Mail both ways against an embedded GreenMail server on loopback: the desk mails the customer its
 * acknowledgement and the agent's reply over SMTP; the customer answers the reply from her mail
 * client; the {@link ImapPoller} reads the support mailbox and the answer lands on the ticket,
 * which it reopens.
 */
public final class MailMain {

  private MailMain() {}

  /** Runs the example, printing to standard output. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the example, printing to {@code out}; returns the ticket as the agent sees it. */
  public static TicketDetails run(PrintStream out) {
    GreenMail server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    server.start();
    try {
      server.setUser("support@desk.example", "support", "secret");
      return run(server, out);
    } finally {
      server.stop();
    }
  }

  private static TicketDetails run(GreenMail server, PrintStream out) {
    int smtpPort = server.getSmtp().getPort();
    int imapPort = server.getImap().getPort();
    MailDesk started = MailDesk.start(smtpPort, imapPort);
    HelpDesk desk = started.desk();
    ImapPoller poller = started.poller();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-7", "Bea Agent", "bea@desk.example"));
    Actor agent = Actor.agent("a-7");

    out.println("1. Ana raises a query; the desk acknowledges it by mail");
    Ticket ticket =
        desk.open(
            Actor.customer("c-42"),
            NewTicket.builder()
                .requester("c-42", "Ana Traveller", "ana@example.com")
                .subject("Hotel breakfast not included")
                .description("My booking BK-5120 should include breakfast.")
                .bookingReference("BK-5120")
                .build());
    desk.assign(agent, ticket.id(), AgentId.of("a-7"));
    desk.reply(agent, ticket.id(), "Sorry! Which date do you arrive?");
    desk.changeStatus(agent, ticket.id(), Status.PENDING);
    out.printf("   -> %d mail(s) sent%n", desk.dispatchNotifications());
    for (MimeMessage m : server.getReceivedMessagesForDomain("example.com")) {
      out.printf("   ana@example.com received: %s%n", subject(m));
    }

    out.println("2. Ana answers the agent's mail from her mail client");
    MimeMessage agentsMail = find(server, "Re: [" + ticket.key() + "]");
    sendAnswer(agentsMail, smtpPort, "I arrive on 12 May.");

    out.println("3. The poller reads the support mailbox");
    // From a scheduler, e.g. every 30 seconds:
    desk.dispatchNotifications(); // sends what is due, retries with backoff, dead-letters
    List<IntakeResult> read = poller.pollOnce(); // reads new mail into the desk
    for (IntakeResult r : read) {
      out.printf("   -> %s: %s%n", r.outcome(), r.reason());
    }

    TicketDetails seen = desk.ticket(agent, ticket.id());
    out.printf("%n%s is %s again; conversation:%n", seen.ticket().key(), seen.ticket().status());
    for (Message m : seen.conversation()) {
      out.printf("  %s: %s%n", m.author().describe(), m.body());
    }
    return seen;
  }

  /** The first received mail whose subject starts so. */
  static MimeMessage find(GreenMail server, String subjectPrefix) {
    for (MimeMessage m : server.getReceivedMessages()) {
      if (subject(m).startsWith(subjectPrefix)) {
        return m;
      }
    }
    throw new IllegalStateException("No mail with a subject starting " + subjectPrefix);
  }

  /**
   * What a customer's mail client sends when she answers {@code received}: jakarta.mail's {@code
   * reply} sets the subject, recipient, {@code In-Reply-To} and {@code References} as clients do.
   */
  static void sendAnswer(MimeMessage received, int smtpPort, String text) {
    try {
      MimeMessage template = (MimeMessage) received.reply(false);
      Properties p = new Properties();
      p.put("mail.smtp.host", "127.0.0.1");
      p.put("mail.smtp.port", Integer.toString(smtpPort));
      p.put("mail.smtp.connectiontimeout", Long.toString(Duration.ofSeconds(5).toMillis()));
      p.put("mail.smtp.timeout", Long.toString(Duration.ofSeconds(10).toMillis()));
      MimeMessage answer = new MimeMessage(Session.getInstance(p));
      answer.setFrom(new InternetAddress(received.getAllRecipients()[0].toString()));
      answer.setRecipients(
          jakarta.mail.Message.RecipientType.TO,
          template.getRecipients(jakarta.mail.Message.RecipientType.TO));
      answer.setSubject(template.getSubject(), "UTF-8");
      answer.setHeader("In-Reply-To", template.getHeader("In-Reply-To", null));
      answer.setHeader("References", template.getHeader("References", " "));
      answer.setText(
          text + "\n\nOn an earlier day, Example Travel Support wrote:\n> ...\n", "UTF-8");
      Transport.send(answer);
    } catch (MessagingException e) {
      throw new IllegalStateException("Cannot send the answer", e);
    }
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
