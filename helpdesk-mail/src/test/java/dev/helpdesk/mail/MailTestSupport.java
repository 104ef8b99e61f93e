package dev.helpdesk.mail;

import dev.helpdesk.HelpDesk;
import dev.helpdesk.HelpDeskBuilder;
import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.Agent;
import dev.helpdesk.mail.outbound.MailNotifier;
import dev.helpdesk.memory.InMemoryOutbox;
import dev.helpdesk.memory.InMemoryTickets;
import dev.helpdesk.testing.SettableClock;
import dev.helpdesk.ticket.NewTicket;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A desk in memory whose notifier mails to a local SMTP port, and helpers to read what arrived. */
public final class MailTestSupport {

  public static final Actor ANA = Actor.customer("c-ana");
  public static final Actor BEA = Actor.agent("a-bea");
  public static final Actor CAL = Actor.agent("a-cal");

  public final SettableClock clock = SettableClock.at("2026-03-02T09:00:00Z");
  public final InMemoryOutbox outbox = new InMemoryOutbox();
  public final InMemoryTickets tickets = new InMemoryTickets(outbox);
  public final MailSettings settings;
  public final MailNotifier notifier;
  public final HelpDesk desk;

  public MailTestSupport(int smtpPort) {
    this(smtpPort, s -> s, b -> b);
  }

  public MailTestSupport(
      int smtpPort,
      UnaryOperator<MailSettings.Builder> mail,
      UnaryOperator<HelpDeskBuilder> customize) {
    settings = mail.apply(settings(smtpPort)).build();
    notifier = new MailNotifier(settings);
    desk =
        customize
            .apply(HelpDesk.builder().clock(clock).tickets(tickets, outbox).notifier(notifier))
            .build();
    desk.saveAgent(Actor.system("admin"), Agent.of("a-bea", "Bea Agent", "bea@desk.example"));
    desk.saveAgent(Actor.system("admin"), Agent.of("a-cal", "Cal Agent", "cal@desk.example"));
  }

  /** Settings for a plain local server, with short timeouts. */
  public static MailSettings.Builder settings(int smtpPort) {
    return MailSettings.builder()
        .smtp("127.0.0.1", smtpPort)
        .security(MailSettings.Security.NONE)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5))
        .from("support@desk.example", "Example Travel Support")
        .messageIdDomain("mail.desk.example")
        .ticketLink("https://support.example/tickets/{key}")
        .agentTicketLink("https://desk.example/console/tickets/{id}")
        .satisfactionLink("https://support.example/rate/{id}");
  }

  public static NewTicket.Builder request(String customer) {
    return NewTicket.builder()
        .requester(customer, "Name of " + customer, customer + "@example.com")
        .subject("Seat missing on booking")
        .description("My seat reservation is not shown.");
  }

  /** A port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first part of this type in the message, decoded, or null. */
  public static String part(Part p, String type) {
    try {
      if (p.isMimeType(type)) {
        // SMTP carries CRLF line ends; compare with the desk's own LF text.
        return ((String) p.getContent()).replace("\r\n", "\n");
      }
      if (p.isMimeType("multipart/*")) {
        Multipart mp = (Multipart) p.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart bp = mp.getBodyPart(i);
          String found = part(bp, type);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name, ",");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
