package dev.helpdesk.mail.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.mail.MailTestSupport;
import dev.helpdesk.mail.MailThreading;
import dev.helpdesk.ticket.NewTicket;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.Ticket;
import dev.helpdesk.ticket.TicketId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random inbound mail against a desk where one customer gave another's address: whoever sends it,
 * however it names a ticket, whatever machine wrote it and whatever state the ticket is in, no mail
 * lands as a public message on a ticket of a customer other than its sender, no acknowledgement
 * answers a loop signal, and {@code process} never throws.
 */
class IntakePropertiesTest {

  /** The senders: the requester, a person copied, a stranger, an address two customers share. */
  enum Sender {
    REQUESTER("ana@example.com", Set.of("c-ana", "mail:ana@example.com")),
    COPIED("carla@example.com", Set.of("mail:carla@example.com")),
    STRANGER("sam@example.net", Set.of("mail:sam@example.net")),
    SHARED("bob@example.com", Set.of("c-bob", "mail:bob@example.com"));

    final String address;

    /** The customers whose tickets may show this sender's mail publicly: the sender's own. */
    final Set<String> own;

    Sender(String address, Set<String> own) {
      this.address = address;
      this.own = own;
    }
  }

  enum MatchBy {
    OUR_MESSAGE_ID,
    SUBJECT_TOKEN,
    BODY_TOKEN,
    NOTHING
  }

  enum Kind {
    AUTO_SUBMITTED,
    BOUNCE,
    LIST,
    PLAIN
  }

  @Test
  void noMailLandsPubliclyOnAnotherCustomersTicketAndNoLoopIsAcknowledged() {
    qt().withExamples(400)
        .forAll(
            integers().between(0, Sender.values().length - 1),
            integers().between(0, MatchBy.values().length - 1),
            integers().between(0, Kind.values().length - 1),
            integers().between(0, 3)) // bit 0: the ticket is closed; bit 1: it is Bob's
        .checkAssert(
            (s, m, k, state) ->
                check(
                    Sender.values()[s],
                    MatchBy.values()[m],
                    Kind.values()[k],
                    (state & 1) != 0,
                    (state & 2) != 0));
  }

  private void check(Sender sender, MatchBy by, Kind kind, boolean closed, boolean bobsTicket) {
    String example = sender + " " + by + " " + kind + (closed ? " closed" : " open");
    MailTestSupport f = new MailTestSupport(MailTestSupport.freePort());
    MailIntake intake = new MailIntake(f.desk, IntakeSettings.from(f.settings));
    Ticket ana = open(f, "c-ana", "ana@example.com");
    Ticket bob = open(f, "c-bob", "bob@example.com");
    open(f, "c-mal", "bob@example.com"); // c-mal claims Bob's address
    Ticket target = bobsTicket ? bob : ana;
    if (closed) {
      f.desk.assign(MailTestSupport.BEA, target.id(), AgentId.of("a-bea"));
      f.desk.changeStatus(MailTestSupport.BEA, target.id(), Status.SOLVED);
      f.desk.changeStatus(MailTestSupport.BEA, target.id(), Status.CLOSED);
    }
    Map<TicketId, Integer> before = publicCounts(f);
    long queued = f.outbox.undelivered();

    IntakeResult r;
    try {
      r = intake.process(raw(f.settings.threading(), sender, by, kind, target));
    } catch (RuntimeException e) {
      throw new AssertionError(example + ": process threw", e);
    }

    for (Map.Entry<TicketId, Integer> now : publicCounts(f).entrySet()) {
      if (now.getValue() > before.getOrDefault(now.getKey(), 0)) {
        Ticket landed = f.desk.ticket(MailTestSupport.BEA, now.getKey()).ticket();
        String owner = landed.requester().id().value();
        if (!sender.own.contains(owner)) {
          throw new AssertionError(example + ": landed publicly on " + owner + "'s ticket");
        }
      }
    }
    boolean acknowledged = f.outbox.undelivered() > queued;
    assertEquals(acknowledged, r.acknowledged(), example + ": " + r.reason());
    if (kind != Kind.PLAIN && acknowledged) {
      throw new AssertionError(example + ": a loop signal was acknowledged");
    }
  }

  private static Ticket open(MailTestSupport f, String customer, String email) {
    return f.desk.open(
        Actor.customer(customer),
        NewTicket.builder()
            .requester(customer, "Name of " + customer, email)
            .subject("Seat missing on booking")
            .description("My seat reservation is not shown.")
            .build());
  }

  /** The number of public messages per ticket, every ticket of every customer mail can reach. */
  private static Map<TicketId, Integer> publicCounts(MailTestSupport f) {
    Set<String> customers = new HashSet<>(List.of("c-ana", "c-bob", "c-mal"));
    for (Sender s : Sender.values()) {
      customers.addAll(s.own);
    }
    Map<TicketId, Integer> counts = new HashMap<>();
    for (String c : customers) {
      for (Ticket t :
          f.desk.ticketsOf(MailTestSupport.BEA, dev.helpdesk.customer.CustomerId.of(c))) {
        List<Message> conversation = f.desk.ticket(MailTestSupport.BEA, t.id()).conversation();
        counts.put(t.id(), (int) conversation.stream().filter(Message::isPublic).count());
      }
    }
    return counts;
  }

  private static byte[] raw(
      MailThreading threading, Sender sender, MatchBy by, Kind kind, Ticket target) {
    StringBuilder m = new StringBuilder();
    m.append("From: ").append(sender.address).append("\r\n");
    m.append("To: support@desk.example\r\n");
    m.append("Message-ID: <").append(UUID.randomUUID()).append("@sender.example>\r\n");
    m.append("Subject: Re: ");
    if (by == MatchBy.SUBJECT_TOKEN) {
      m.append("[").append(target.key()).append("] ");
    }
    m.append("Seat missing on booking\r\n");
    if (by == MatchBy.OUR_MESSAGE_ID) {
      String id = threading.messageId(target.id().value(), UUID.randomUUID());
      m.append("In-Reply-To: ").append(id).append("\r\nReferences: ").append(id).append("\r\n");
    }
    switch (kind) {
      case AUTO_SUBMITTED -> m.append("Auto-Submitted: auto-replied\r\n");
      case LIST -> m.append("Precedence: list\r\nList-Id: <travel.lists.example>\r\n");
      default -> {}
    }
    String text =
        "The seat is still missing."
            + (by == MatchBy.BODY_TOKEN
                ? "\r\n\r\n" + MailThreading.bodyToken(target.id().value())
                : "");
    m.append("MIME-Version: 1.0\r\n");
    if (kind == Kind.BOUNCE) {
      m.append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n");
      m.append("\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").append(text);
      m.append("\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\n");
      m.append("Reporting-MTA: dns; mx.example.com\r\n\r\n");
      m.append("Final-Recipient: rfc822; ana@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n");
      m.append("\r\n--B--\r\n");
    } else {
      m.append("Content-Type: text/plain; charset=utf-8\r\n\r\n").append(text).append("\r\n");
    }
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }
}
