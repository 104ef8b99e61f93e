package dev.helpdesk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.helpdesk.actor.Actor;
import dev.helpdesk.conversation.Message;
import dev.helpdesk.ticket.Status;
import dev.helpdesk.ticket.TicketDetails;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailMainTest {

  @Test
  void theCustomersMailedAnswerLandsOnHerTicketAndReopensIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TicketDetails end = MailMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(Status.OPEN, end.ticket().status(), "her answer reopened the PENDING ticket");
    List<Message> conversation = end.conversation();
    Message last = conversation.get(conversation.size() - 1);
    assertEquals(Actor.customer("c-42"), last.author());
    assertEquals("I arrive on 12 May.", last.body(), "the quoted history is stripped");
    assertEquals(3, conversation.size());

    String key = end.ticket().key().value();
    assertTrue(out.contains("-> 3 mail(s) sent"), out);
    assertTrue(
        out.contains("received: [" + key + "] We received your request: Hotel breakfast"), out);
    assertTrue(out.contains("received: Re: [" + key + "] Hotel breakfast not included"), out);
    assertTrue(out.contains("-> REPLIED: matched by thread"), out);
  }
}
