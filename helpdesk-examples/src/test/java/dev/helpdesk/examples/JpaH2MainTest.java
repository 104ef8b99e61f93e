package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.agent.AgentId;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketDetails;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JpaH2MainTest {

  @Test
  void aSecondDeskOnTheSameDatabaseReadsTheTicketAndDeliversTheFirstDesksNotifications() {
    String url = "jdbc:h2:mem:jpa-main-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TicketDetails end = JpaH2Main.run(url, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(Status.OPEN, end.ticket().status());
    assertEquals(Optional.of(AgentId.of("a-7")), end.ticket().assignee());
    assertEquals(Optional.of("BK-7781"), end.ticket().bookingReference());
    List<String> bodies = end.conversation().stream().map(Message::body).toList();
    assertEquals(
        List.of(
            "Can I add a bike to booking BK-7781?", "Yes: I added a bike space to your booking."),
        bodies);
    assertEquals(Actor.agent("a-7"), end.conversation().get(1).author());

    // What the first desk stored is in the tables, and the second desk delivered all of it.
    assertEquals(1, JpaH2Main.count(url, "select count(*) from hd_ticket"));
    assertEquals(
        0, JpaH2Main.count(url, "select count(*) from hd_outbox where state <> 'DELIVERED'"));
    assertEquals(2, JpaH2Main.count(url, "select count(*) from hd_outbox"));
    assertTrue(
        out.contains("rows in the database: 1 ticket(s), 2 message(s), 2 notification(s) waiting"),
        out);
    assertTrue(out.contains("mail to ana@example.com: TICKET_RECEIVED"), out);
    assertTrue(out.contains("mail to ana@example.com: AGENT_REPLIED"), out);
    assertTrue(out.contains("-> 2 delivered"), out);
    assertTrue(out.contains("agent:a-7: Yes: I added a bike space to your booking."), out);
  }
}
